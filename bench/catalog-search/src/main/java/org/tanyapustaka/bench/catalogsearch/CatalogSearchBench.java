package org.tanyapustaka.bench.catalogsearch;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.tanyapustaka.testsupport.EmbeddedPostgresServer;

/**
 * Catalogue search latency and recall: the real catalog-service search (its REST endpoint, packaged service in
 * its own JVM) against a SLiMS-style {@code ILIKE '%word%'} baseline on the same PostgreSQL, side by side in one
 * run, at 300 real records and at each requested size (real records plus labelled synthetic replicas).
 *
 * <p>Options: {@code --service-app=DIR} (a copy of catalog-service/target/quarkus-app, required),
 * {@code --data=DIR} (the repository's data/indonesian), {@code --sizes=100000,1000000}, {@code --rounds=20} (timed
 * passes over the query set), {@code --warmup=5}, {@code --baseline-budget=300} (seconds of baseline requests
 * per size at most; at least 3 passes), {@code --pg-data=DIR} (keep the database there for EXPLAIN afterwards),
 * {@code --service-heap=384m}, {@code --lists-cap=300} (the service's catalog.search.lists.cap for this run: the
 * service is started with it, and the bench rebuilds the lists with it).
 */
public final class CatalogSearchBench {

    /** The service's default catalog.search.lists.cap: a lexeme in more records is frequent. */
    private static final String SEARCH_LISTS_CAP = "300";

    /** Single common words (tens of thousands of hits at scale), misspellings, and chat-style questions. */
    private static final List<String> EXTRA_QUERIES = List.of(
            "pemrograman", "hukum", "ekonomi", "sistem", "manajemen", "indonesia",
            "algoritme", "pemograman", "mikrokontroler",
            "ada buku laskar pelangi ga kak?", "buku karangan tere liye", "isbn 978-979-3062-79-2");

    private final Map<String, String> options;
    private final List<String> report = new ArrayList<>();

    private CatalogSearchBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new CatalogSearchBench(options).run();
    }

    private String option(String name, String fallback) {
        String v = options.get(name);
        if (v == null && fallback == null) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return v == null ? fallback : v;
    }

    private void run() throws Exception {
        Path app = Path.of(option("service-app", null));
        Path data = Path.of(option("data", "data/indonesian"));
        List<Long> sizes = new ArrayList<>();
        for (String s : option("sizes", "100000,1000000").split(",")) {
            sizes.add(Long.parseLong(s.strip().replace("_", "")));
        }
        int rounds = Integer.parseInt(option("rounds", "20"));
        int warmup = Integer.parseInt(option("warmup", "5"));
        double baselineBudget = Double.parseDouble(option("baseline-budget", "300"));
        String pgData = options.get("pg-data");

        RealCatalogue real = RealCatalogue.read(data.resolve("catalogue-id.csv"));
        SearchJudgements judgements = SearchJudgements.read(data.resolve("search-judgements-public.tsv"));
        List<String> queries = new ArrayList<>(judgements.queries());
        queries.addAll(EXTRA_QUERIES);

        Path work = options.containsKey("work") ? Path.of(options.get("work"))
                : Files.createTempDirectory("catalog-search-bench");
        line("# Catalogue search benchmark");
        line("date: " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        line("machine: " + machine());
        int listsCap = Integer.parseInt(option("lists-cap", SEARCH_LISTS_CAP));
        line("service: " + app + " (java -Xmx" + option("service-heap", "384m") + ", catalog.search.lists.cap "
                + listsCap + ", log " + work + "/catalog-service.log)");
        line("queries: " + judgements.judgements().size() + " judged (" + judgements.withRelevant()
                + " with relevant records) + " + EXTRA_QUERIES.size() + " extra = " + queries.size()
                + "; timed: " + rounds + " passes after " + warmup + " warm-up passes, closed loop, one request at a time");

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(
                pgData == null ? null : Path.of(pgData), 0, Redirect.DISCARD)) {
            postgres.createDatabase("catalog");
            String url = postgres.jdbcUrl("catalog");
            try (CatalogServiceProcess service = CatalogServiceProcess.start(app, url, work,
                    option("service-heap", "384m"), listsCap);
                    Connection db = DriverManager.getConnection(url, EmbeddedPostgresServer.USER,
                            EmbeddedPostgresServer.PASSWORD);
                    Connection baselineDb = DriverManager.getConnection(url, EmbeddedPostgresServer.USER,
                            EmbeddedPostgresServer.PASSWORD)) {
                line("postgresql: " + single(db, "SELECT version()") + " (embedded, shared_buffers "
                        + single(db, "SHOW shared_buffers") + ", work_mem " + single(db, "SHOW work_mem") + ")");
                Runtime.getRuntime().addShutdownHook(new Thread(service::close));
                SlimsBaseline baseline = new SlimsBaseline(baselineDb);

                long started = System.nanoTime();
                real.load(db);
                SyntheticCatalogue.settle(db);
                double listsSeconds = SyntheticCatalogue.rebuildSearchLists(db, listsCap);
                line(String.format(Locale.ROOT, "loaded %d real records in %.1f s (search lists rebuilt in %.1f s)",
                        real.size(), (System.nanoTime() - started) / 1e9, listsSeconds));

                List<SizeResult> results = new ArrayList<>();
                Quality atReal = quality(db, service, baseline, judgements, true);
                results.add(measure(db, service, baseline, queries, real.size(), atReal, warmup, rounds,
                        baselineBudget));
                for (long size : sizes) {
                    line("");
                    line(String.format(Locale.ROOT, "growing to %,d records …", size));
                    double seconds = SyntheticCatalogue.growTo(db, size);
                    long settleStarted = System.nanoTime();
                    SyntheticCatalogue.settle(db);
                    double settleSeconds = (System.nanoTime() - settleStarted) / 1e9;
                    line(String.format(Locale.ROOT, "  search lists rebuilt in %.0f s",
                            SyntheticCatalogue.rebuildSearchLists(db, listsCap)));
                    line(String.format(Locale.ROOT, "  %,d records (%,d synthetic) loaded in %.0f s, vacuum+analyze %.0f s;"
                            + " database %s, search index %s, search lists %s, catalog_word %s rows", count(db, "SELECT count(*) FROM bib_record"),
                            count(db, "SELECT count(*) FROM bib_record WHERE source = 'synthetic'"), seconds,
                            settleSeconds,
                            single(db, "SELECT pg_size_pretty(pg_database_size(current_database()))"),
                            single(db, "SELECT pg_size_pretty(pg_relation_size('bib_record_search'))"),
                            single(db, "SELECT pg_size_pretty(pg_total_relation_size('catalog_lexeme_top'))"),
                            single(db, "SELECT count(*) FROM catalog_word")));
                    Quality quality = quality(db, service, baseline, judgements, false);
                    results.add(measure(db, service, baseline, queries, size, quality, warmup, rounds, baselineBudget));
                }
                line("");
                summary(results);
                line("");
                perQuery(results);
                line("");
                line("catalog-service RSS at the end: " + service.residentMiB() + " MiB");
            }
        }
        Path out = Path.of(option("report", work.resolve("report.md").toString()));
        Files.write(out, report);
        System.out.println();
        System.out.println("report written to " + out);
    }

    // ------------------------------------------------------------------ measuring

    /** Latency and hit counts of one system, overall and per query. */
    static final class SystemRun {
        final Latencies all = new Latencies();
        final Map<String, Latencies> perQuery = new LinkedHashMap<>();
        /** The last total per query, "≥ n" when it is a lower bound (bounded candidates). */
        final Map<String, String> totals = new HashMap<>();

        void add(String query, long nanos, int total) {
            add(query, nanos, total, true);
        }

        void add(String query, long nanos, int total, boolean exact) {
            all.add(nanos);
            perQuery.computeIfAbsent(query, q -> new Latencies()).add(nanos);
            totals.put(query, (exact ? "" : "≥ ") + total);
        }
    }

    /** What kind of search a query is at this size, judged from the service's answer. */
    enum Kind {
        SELECTIVE("selective (< 1,000 hits)"),
        COMMON("common (capped at 1,001 hits)"),
        BOUNDED("every word frequent (bounded candidates, total not counted)"),
        TYPO_OR_ABSENT("misspelt or absent word (corrected, or no hit)");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(CatalogServiceProcess.Answer a) {
            if (!a.suggestions().isEmpty() || a.total() == 0) {
                return TYPO_OR_ABSENT;
            }
            if (!a.totalExact()) {
                return BOUNDED;
            }
            return a.total() > 1000 ? COMMON : SELECTIVE;
        }
    }

    record SizeResult(long records, SystemRun ours, SystemRun baseline, Quality quality, double loadAverage,
            Map<String, Kind> kinds, Latencies recordFetch) {
    }

    private SizeResult measure(Connection db, CatalogServiceProcess service, SlimsBaseline baseline,
            List<String> queries, long records, Quality quality, int warmup, int rounds, double baselineBudget)
            throws Exception {
        for (int w = 0; w < warmup; w++) {
            for (String q : queries) {
                service.search(q);
            }
        }
        long pass = System.nanoTime();
        for (String q : queries) {
            baseline.search(q);
        }
        double baselinePass = (System.nanoTime() - pass) / 1e9;
        int baselineRounds = (int) Math.max(3, Math.min(rounds, Math.floor(baselineBudget / baselinePass)));
        line(String.format(Locale.ROOT, "  %,d records: timing %d passes of ours and %d of the baseline (a baseline pass took %.1f s) …",
                records, rounds, baselineRounds, baselinePass));
        SystemRun ours = new SystemRun();
        SystemRun slims = new SystemRun();
        Map<String, Kind> kinds = new HashMap<>();
        Random random = new Random(42 + records);
        double load = loadAverage();
        for (int r = 0; r < rounds; r++) {
            List<String> order = new ArrayList<>(queries);
            Collections.shuffle(order, random);
            for (String q : order) {
                CatalogServiceProcess.Answer a = service.search(q);
                ours.add(q, a.nanos(), a.total(), a.totalExact());
                kinds.putIfAbsent(q, Kind.of(a));
                if (r < baselineRounds) {
                    SlimsBaseline.Answer b = baseline.search(q);
                    slims.add(q, b.nanos(), b.total());
                }
            }
        }
        load = Math.max(load, loadAverage());
        List<Long> realIds = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM bib_record WHERE source = 'catalogue-csv' ORDER BY id")) {
            while (rs.next()) {
                realIds.add(rs.getLong(1));
            }
        }
        Latencies recordFetch = new Latencies();
        for (int i = 0; i < 200; i++) {
            recordFetch.add(service.recordNanos(realIds.get(random.nextInt(realIds.size()))));
        }
        return new SizeResult(records, ours, slims, quality, load, kinds, recordFetch);
    }

    // ------------------------------------------------------------------ quality

    /** Recall@5 of both systems: strict (the real relevant record) and with replicas of it counted too. */
    record Quality(int judged, int oursStrict, int oursWithReplicas, int baselineStrict, int baselineWithReplicas,
            int expectNothing, int oursNothing, int baselineNothing) {
    }

    private Quality quality(Connection db, CatalogServiceProcess service, SlimsBaseline baseline,
            SearchJudgements judgements, boolean detail) throws Exception {
        int judged = 0, os = 0, or = 0, bs = 0, br = 0, nothing = 0, on = 0, bn = 0;
        if (detail) {
            line("");
            line("Recall at 300 real records, per judged query (rank of the first relevant record in the top 5, '-' if none; total hits):");
            line("");
            line("| query | relevant | ours | ours hits | SLiMS-style | SLiMS-style hits |");
            line("|---|---|---|---|---|---|");
        }
        for (SearchJudgements.Judgement j : judgements.judgements()) {
            CatalogServiceProcess.Answer a = service.search(j.query());
            SlimsBaseline.Answer b = baseline.search(j.query());
            List<String[]> oursTop = origins(db, a.ids());
            List<String[]> baseTop = origins(db, b.ids());
            if (j.expectsNothing()) {
                nothing++;
                on += a.ids().isEmpty() ? 1 : 0;
                bn += b.ids().isEmpty() ? 1 : 0;
            } else {
                judged++;
                int oRank = rank(oursTop, j.relevant(), true);
                int bRank = rank(baseTop, j.relevant(), true);
                os += oRank > 0 ? 1 : 0;
                bs += bRank > 0 ? 1 : 0;
                or += rank(oursTop, j.relevant(), false) > 0 ? 1 : 0;
                br += rank(baseTop, j.relevant(), false) > 0 ? 1 : 0;
                if (detail) {
                    line("| " + j.query() + " | " + String.join(",", j.relevant()) + " | " + (oRank > 0 ? oRank : "-")
                            + " | " + a.total() + " | " + (bRank > 0 ? bRank : "-") + " | " + b.total() + " |");
                }
                continue;
            }
            if (detail) {
                line("| " + j.query() + " | (none) | " + (a.ids().isEmpty() ? "empty" : a.ids().size() + " shown")
                        + " | " + a.total() + " | " + (b.ids().isEmpty() ? "empty" : b.ids().size() + " shown") + " | "
                        + b.total() + " |");
            }
        }
        return new Quality(judged, os, or, bs, br, nothing, on, bn);
    }

    /** 1-based rank of the first relevant record among the hits, 0 when none. */
    private static int rank(List<String[]> top, List<String> relevant, boolean realOnly) {
        for (int i = 0; i < Math.min(5, top.size()); i++) {
            String source = top.get(i)[0];
            String sourceId = top.get(i)[1];
            if (realOnly && RealCatalogue.SOURCE.equals(source) && relevant.contains(sourceId)) {
                return i + 1;
            }
            if (!realOnly && sourceId != null && relevant.contains(sourceId.split("#")[0])) {
                return i + 1;
            }
        }
        return 0;
    }

    /** (source, source id) of each record id, in the given order. */
    private static List<String[]> origins(Connection db, List<Long> ids) throws SQLException {
        Map<Long, String[]> found = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id, source, source_id FROM bib_record WHERE id = ANY(?)")) {
            Array array = db.createArrayOf("bigint", ids.toArray());
            s.setArray(1, array);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        List<String[]> out = new ArrayList<>();
        for (Long id : ids) {
            out.add(found.getOrDefault(id, new String[] {null, null}));
        }
        return out;
    }

    // ------------------------------------------------------------------ printing

    private void summary(List<SizeResult> results) {
        line("## Latency (ms, client-side: ours over HTTP incl. JSON, the baseline over JDBC) and recall@5");
        line("");
        line("| records | system | requests | p50 | p95 | p99 | max | recall@5 real | recall@5 incl. replicas | 'not in collection' answered empty |");
        line("|---:|---|---:|---:|---:|---:|---:|---|---|---|");
        for (SizeResult r : results) {
            Quality q = r.quality();
            String records = String.format(Locale.ROOT, "%,d", r.records());
            line(String.format(Locale.ROOT, "| %s | Tanya Pustaka (REST) | %d | %.1f | %.1f | %.1f | %.1f | %d/%d | %d/%d | %d/%d |",
                    records, r.ours().all.count(), r.ours().all.p50(), r.ours().all.p95(), r.ours().all.p99(),
                    r.ours().all.max(), q.oursStrict(), q.judged(), q.oursWithReplicas(), q.judged(), q.oursNothing(),
                    q.expectNothing()));
            line(String.format(Locale.ROOT, "| %s | SLiMS-style ILIKE (JDBC) | %d | %.1f | %.1f | %.1f | %.1f | %d/%d | %d/%d | %d/%d |",
                    records, r.baseline().all.count(), r.baseline().all.p50(), r.baseline().all.p95(),
                    r.baseline().all.p99(), r.baseline().all.max(), q.baselineStrict(), q.judged(),
                    q.baselineWithReplicas(), q.judged(), q.baselineNothing(), q.expectNothing()));
            line(String.format(Locale.ROOT, "| %s | **ratio baseline ÷ ours** | | **%.1f×** | %.1f× | **%.1f×** | %.1f× | | | |",
                    records, r.baseline().all.p50() / r.ours().all.p50(), r.baseline().all.p95() / r.ours().all.p95(),
                    r.baseline().all.p99() / r.ours().all.p99(), r.baseline().all.max() / r.ours().all.max()));
        }
        line("");
        line("## By kind of query (ms; the kind as the service's answer shows it at that size)");
        line("");
        line("| records | kind | queries | ours requests | ours p50 | ours p99 | ours max | baseline requests | baseline p50 | baseline p99 |");
        line("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (SizeResult r : results) {
            for (Kind kind : Kind.values()) {
                Latencies o = new Latencies();
                Latencies b = new Latencies();
                int n = 0;
                for (Map.Entry<String, Kind> e : r.kinds().entrySet()) {
                    if (e.getValue() == kind) {
                        n++;
                        o.addAll(r.ours().perQuery.get(e.getKey()));
                        Latencies base = r.baseline().perQuery.get(e.getKey());
                        if (base != null) {
                            b.addAll(base);
                        }
                    }
                }
                if (n > 0) {
                    line(String.format(Locale.ROOT, "| %,d | %s | %d | %d | %.1f | %.1f | %.1f | %d | %.1f | %.1f |", r.records(),
                            kind.label, n, o.count(), o.p50(), o.p99(), o.max(), b.count(), b.p50(), b.p99()));
                }
            }
        }
        line("");
        line("Floor of the service (same JVM, same database): GET /api/catalog/records/{id}, 200 requests per size:");
        for (SizeResult r : results) {
            line(String.format(Locale.ROOT, "- %,d records: p50 %.1f ms, p99 %.1f ms", r.records(), r.recordFetch().p50(),
                    r.recordFetch().p99()));
        }
        line("");
        for (SizeResult r : results) {
            line(String.format(Locale.ROOT, "load average (1 min) during the %,d-record run: %.2f", r.records(), r.loadAverage()));
        }
    }

    private void perQuery(List<SizeResult> results) {
        line("## Per query (ms): ours p50 / p99 / max, hits (the service's total: exact up to 1,000, 1001 meaning more;"
                + " \"≥ n\" for bounded candidates, n of them having every word); baseline p50, hits");
        line("");
        StringBuilder head = new StringBuilder("| query |");
        StringBuilder rule = new StringBuilder("|---|");
        for (SizeResult r : results) {
            head.append(String.format(Locale.ROOT, " ours %,d | hits | base %,d | hits |", r.records(), r.records()));
            rule.append("---:|---:|---:|---:|");
        }
        line(head.toString());
        line(rule.toString());
        for (String q : results.get(0).ours().perQuery.keySet().stream().sorted().toList()) {
            StringBuilder row = new StringBuilder("| " + q + " |");
            for (SizeResult r : results) {
                Latencies o = r.ours().perQuery.get(q);
                Latencies b = r.baseline().perQuery.get(q);
                row.append(String.format(Locale.ROOT, " %.1f / %.1f / %.1f | %s | %.0f | %s |", o.p50(), o.p99(), o.max(),
                        r.ours().totals.get(q), b == null ? Double.NaN : b.p50(), r.baseline().totals.get(q)));
            }
            line(row.toString());
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.add(text);
    }

    // ------------------------------------------------------------------ environment

    private static String machine() {
        String cpu = "?";
        long memKb = 0;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).strip();
                    break;
                }
            }
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + (memKb / 1024 / 1024) + " GiB RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        return Long.parseLong(single(db, sql));
    }
}
