package org.tanyapustaka.bench.catalogsearch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Grows the catalogue to a given number of records with synthetic replicas of the real ones (source
 * {@code synthetic}, source id {@code <real id>#<replica number>}, so a replica's origin stays known), each
 * varied: its title gets a topic/audience phrase and sometimes an edition or volume, its authors are the
 * original's, another record's, or both, its subjects are the original's plus another record's in a shuffled
 * order, its year is moved by up to ten years, its publisher may be another record's; 1–3 copies, a quarter of
 * them on loan. Everything is deterministic (hashes of the replica number), so every run loads the same data.
 * The service's triggers index each replica exactly as they index an imported record.
 */
final class SyntheticCatalogue {

    static final String SOURCE = "synthetic";
    /** Replicas of every real record per statement (300 real records: 10,200 rows per statement). */
    private static final int REPLICAS_PER_BATCH = 34;

    private SyntheticCatalogue() {
    }

    /** Adds replicas until the catalogue holds {@code total} records; returns the seconds it took. */
    static double growTo(Connection db, long total) throws SQLException {
        long started = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE IF NOT EXISTS bench_origin AS
                    SELECT (row_number() OVER (ORDER BY r.id) - 1)::int AS n, r.source_id, r.title, r.subtitle,
                           r.authors, r.publisher, r.place, r.year, r.language, r.subjects, r.call_number,
                           (SELECT c.location FROM copy c WHERE c.record_id = r.id ORDER BY c.id LIMIT 1) AS location
                    FROM bib_record r WHERE r.source = 'catalogue-csv'""");
        }
        int origins = count(db, "SELECT count(*) FROM bench_origin");
        long existing = count(db, "SELECT count(*) FROM bib_record");
        long synthetic = count(db, "SELECT count(*) FROM bib_record WHERE source = 'synthetic'");
        if (existing >= total) {
            return 0;
        }
        // Replica k of origin n is the synthetic record number (k - 1) * origins + n.
        long firstNumber = synthetic;
        long endNumber = synthetic + (total - existing);
        try (Statement insert = db.createStatement()) {
            long k = firstNumber / origins + 1;
            long lastK = (endNumber - 1) / origins + 1;
            while (k <= lastK) {
                long toK = Math.min(lastK, k + REPLICAS_PER_BATCH - 1);
                insert.executeUpdate(BATCH.replace(":origins", Integer.toString(origins))
                        .replace(":fromK", Long.toString(k)).replace(":toK", Long.toString(toK))
                        .replace(":fromNumber", Long.toString(firstNumber))
                        .replace(":endNumber", Long.toString(endNumber)));
                long done = Math.min(endNumber, toK * origins) - firstNumber;
                if ((toK / REPLICAS_PER_BATCH) % 10 == 0 || toK == lastK) {
                    System.out.printf("    … %,d of %,d synthetic records (%.0f s)%n", done, endNumber - firstNumber,
                            (System.nanoTime() - started) / 1e9);
                }
                k = toK + 1;
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Vacuums and analyses what the search reads, as autovacuum would have by the time patrons search. */
    static void settle(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM (ANALYZE) bib_record");
            s.execute("VACUUM (ANALYZE) copy");
            s.execute("VACUUM (ANALYZE) catalog_word");
            s.execute("CHECKPOINT");
        }
    }

    /**
     * What the service does after an import job (SearchLists.rebuild): the counts of every lexeme and the
     * pre-ranked lists of the frequent ones, from one snapshot. The bench loads over JDBC, not through an import
     * job, so it rebuilds them itself, and vacuums as the service does after a rebuild. Returns the seconds it took.
     */
    static double rebuildSearchLists(Connection db, int cap) throws SQLException {
        long started = System.nanoTime();
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = db.createStatement()) {
            s.execute("SELECT catalog_rebuild_search_lists(" + cap + ")");
            db.commit();
        } finally {
            db.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            db.setAutoCommit(autoCommit);
        }
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM (ANALYZE) catalog_search_change, catalog_lexeme_top, catalog_lexeme");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static int count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    // :origins real records; replicas :fromK..:toK; synthetic record numbers [:fromNumber, :endNumber). All numbers.
    private static final String BATCH = """
            WITH v AS (
                SELECT g.k, b.*, o.authors AS o_authors, o.subjects AS o_subjects, o.publisher AS o_publisher,
                       o.place AS o_place,
                       (hashint8extended(g.k * 1000 + b.n, 1) & 9223372036854775807) AS h1,
                       (hashint8extended(g.k * 1000 + b.n, 2) & 9223372036854775807) AS h2,
                       (hashint8extended(g.k * 1000 + b.n, 3) & 9223372036854775807) AS h3,
                       (hashint8extended(g.k * 1000 + b.n, 4) & 9223372036854775807) AS h4
                FROM generate_series(:fromK::bigint, :toK::bigint) AS g(k)
                CROSS JOIN bench_origin b
                JOIN bench_origin o
                  ON o.n = (b.n + 1 + (hashint8extended(g.k * 1000 + b.n, 5) & 9223372036854775807) % (:origins - 1)) % :origins
                WHERE (g.k - 1) * :origins + b.n >= :fromNumber
                  AND (g.k - 1) * :origins + b.n < :endNumber
            ), ins AS (
                INSERT INTO bib_record (source, source_id, title, subtitle, authors, publisher, place, year, isbns,
                                        language, subjects, call_number)
                SELECT 'synthetic', v.source_id || '#' || v.k,
                       v.title || ' ' || (ARRAY['untuk Pemula', 'untuk Mahasiswa', 'untuk Perguruan Tinggi',
                           'Teori dan Praktik', 'Konsep dan Aplikasi', 'Studi Kasus', 'di Era Digital',
                           'Pendekatan Terpadu', 'Tingkat Lanjut', 'Pengantar Singkat', 'Kumpulan Soal dan Pembahasan',
                           'Panduan Praktis', 'Bunga Rampai', 'Prosiding Seminar Nasional', 'Kajian Kritis',
                           'Perspektif Global', 'Tinjauan Empiris', 'Catatan Kuliah', 'Modul Praktikum',
                           'Edisi Mahasiswa', 'Seri Monografi', 'Kajian Regional Sumatera', 'Kajian Regional Kalimantan',
                           'Kajian Regional Sulawesi', 'Kajian Regional Jawa', 'A Practical Guide', 'Selected Readings',
                           'Essentials', 'Case Studies', 'An Introduction'])[(1 + v.h1 % 30)::int]
                       || CASE WHEN v.h2 % 3 = 0 THEN ', ' || (ARRAY['Jilid 1', 'Jilid 2', 'Jilid 3', 'Edisi Kedua',
                           'Edisi Ketiga', 'Edisi Revisi', 'Cetakan Keempat', 'Volume 2', 'Second Edition',
                           'Third Edition'])[(1 + v.h3 % 10)::int] ELSE '' END,
                       v.subtitle,
                       CASE v.h2 % 4 WHEN 0 THEN v.authors
                                     WHEN 1 THEN v.authors || v.o_authors[1:1]
                                     WHEN 2 THEN v.o_authors
                                     ELSE v.authors[1:1] END,
                       CASE WHEN v.h4 % 2 = 0 THEN v.publisher ELSE v.o_publisher END,
                       CASE WHEN v.h4 % 2 = 0 THEN v.place ELSE v.o_place END,
                       CASE WHEN v.year IS NULL THEN NULL ELSE least(2025, v.year - 7 + (v.h3 % 11)::int) END,
                       '{}', v.language,
                       (SELECT coalesce(array_agg(s ORDER BY hashtextextended(s, v.h4)), '{}')
                        FROM unnest(v.subjects || v.o_subjects[1:1]) AS s),
                       v.call_number
                FROM v
                RETURNING id, source_id, call_number
            )
            INSERT INTO copy (record_id, barcode, call_number, location, status)
            SELECT ins.id, 'S' || ins.id || '-' || c.n, ins.call_number, o.location,
                   CASE WHEN (ins.id + c.n) % 4 = 0 THEN 'ON_LOAN' ELSE 'AVAILABLE' END
            FROM ins
            JOIN bench_origin o ON o.source_id = split_part(ins.source_id, '#', 1)
            CROSS JOIN LATERAL generate_series(1, 1 + (ins.id % 3)::int) AS c(n)""";
}
