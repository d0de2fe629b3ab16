package org.tanyapustaka.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * As {@link TanyaTestResource}, but the service's database is on a PostgreSQL server of its own, which a test may
 * stop and start again ({@link #stopDatabase()}, {@link #startDatabase()}) on the same port with the same data: a
 * real database restart, as the {@code restart-db} drill does, without touching the server the other test classes
 * share. Use it with {@code restrictToAnnotatedClass = true}. It starts after the other test resources (the
 * other classes' {@link TanyaTestResource} applies to every test), so that its database URL is the one used.
 */
public class RestartableDatabaseResource extends TanyaTestResource {

    private static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgresServer server;

    @Override
    public int order() {
        return 1000;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        startDatabase();
        String database = config.get("quarkus.datasource.jdbc.url");
        database = database.substring(database.lastIndexOf('/') + 1);
        server.createDatabase(database);
        config.put("quarkus.datasource.jdbc.url", server.jdbcUrl(database));
        return config;
    }

    /** Starts the server (again): the first time in a fresh directory on a free port, later with the same ones. */
    public static synchronized void startDatabase() {
        if (server != null) {
            return;
        }
        if (dataDirectory == null) {
            try {
                dataDirectory = Files.createTempDirectory("tanya-restartable-postgres");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            port = EmbeddedKafka.freePort();
        }
        server = EmbeddedPostgresServer.start(dataDirectory, port, ProcessBuilder.Redirect.DISCARD);
    }

    /** Stops the server (a fast shutdown: open connections are closed); its data stays. */
    public static synchronized void stopDatabase() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void stop() {
        stopDatabase();
        if (dataDirectory != null) {
            try (var files = Files.walk(dataDirectory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // a temporary directory: left for the system to clean
            }
            dataDirectory = null;
        }
    }
}
