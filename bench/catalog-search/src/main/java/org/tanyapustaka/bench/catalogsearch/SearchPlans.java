package org.tanyapustaka.bench.catalogsearch;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.tanyapustaka.testsupport.EmbeddedPostgresServer;

/**
 * Diagnosis, on a database a benchmark run kept ({@code --pg-data=DIR}):
 *
 * <ul>
 *   <li>{@code service DIR APP QUERY…}: the plans PostgreSQL actually ran for the catalog-service's statements
 *       (auto_explain, ANALYZE and BUFFERS, every statement over 15 ms), while the packaged service answers each
 *       query {@code --repeat} times (10 by default: past the JDBC driver's prepare threshold and PostgreSQL's
 *       switch to generic plans; {@code -Dlists.cap=N} when the run that kept the database had {@code --lists-cap=N});</li>
 *   <li>{@code sql DIR FILE}: runs the statements of FILE (separated by lines holding only {@code ;}) and prints
 *       what they return, with their time, e.g. EXPLAIN ANALYZE of a proposed query.</li>
 * </ul>
 */
public final class SearchPlans {

    private SearchPlans() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SearchPlans service PG_DATA QUARKUS_APP QUERY… | SearchPlans sql PG_DATA FILE");
            System.exit(2);
        }
        Path data = Path.of(args[1]);
        if (args[0].equals("sql")) {
            try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, 0, Redirect.DISCARD);
                    Connection db = DriverManager.getConnection(postgres.jdbcUrl("catalog"), "postgres", "postgres")) {
                for (String sql : Files.readString(Path.of(args[2])).split("(?m)^;\\s*$")) {
                    if (!sql.isBlank()) {
                        run(db, sql.strip());
                    }
                }
            }
            return;
        }
        Path work = Files.createTempDirectory("search-plans");
        Path log = work.resolve("postgres.log");
        int repeat = Integer.parseInt(System.getProperty("repeat", "10"));
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, 0, Redirect.appendTo(log.toFile()))) {
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("catalog"), "postgres", "postgres");
                    Statement s = db.createStatement()) {
                s.execute("ALTER DATABASE catalog SET session_preload_libraries = 'auto_explain'");
                s.execute("ALTER DATABASE catalog SET auto_explain.log_min_duration = '15ms'");
                s.execute("ALTER DATABASE catalog SET auto_explain.log_analyze = on");
                s.execute("ALTER DATABASE catalog SET auto_explain.log_buffers = on");
                s.execute("ALTER DATABASE catalog SET auto_explain.log_level = 'warning'");
            }
            try (CatalogServiceProcess service = CatalogServiceProcess.start(Path.of(args[2]),
                    postgres.jdbcUrl("catalog"), work, "384m", Integer.getInteger("lists.cap", 300))) {
                for (int i = 3; i < args.length; i++) {
                    List<Double> millis = new ArrayList<>();
                    for (int n = 0; n < repeat; n++) {
                        millis.add(service.search(args[i]).nanos() / 1e6);
                    }
                    System.out.printf("%s: %s ms%n", args[i], millis.stream().map(m -> String.format("%.0f", m)).toList());
                }
            } finally {
                try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("catalog"), "postgres", "postgres");
                        Statement s = db.createStatement()) {
                    s.execute("ALTER DATABASE catalog RESET ALL");
                }
            }
        }
        System.out.println("auto_explain output: " + log);
    }

    private static void run(Connection db, String sql) throws SQLException {
        System.out.println("---- " + sql.lines().findFirst().orElse(""));
        long started = System.nanoTime();
        try (Statement s = db.createStatement()) {
            boolean rows = s.execute(sql);
            if (rows) {
                try (ResultSet rs = s.getResultSet()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            line.append(c > 1 ? " | " : "").append(rs.getString(c));
                        }
                        System.out.println(line);
                    }
                }
            }
        } catch (SQLException e) {
            System.out.println("ERROR: " + e.getMessage());
        }
        System.out.printf("(%.1f ms)%n", (System.nanoTime() - started) / 1e6);
    }
}
