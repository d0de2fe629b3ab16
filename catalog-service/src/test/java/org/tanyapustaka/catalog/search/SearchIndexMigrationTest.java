package org.tanyapustaka.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.TanyaTestResource;

/**
 * V3 (lexemes and author keys) on a catalogue that already has records: it migrates a database of its own to
 * V2, catalogues two real records there, then migrates to the latest version.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class SearchIndexMigrationTest {

    private static final String DATABASE = "catalog_search_migration";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void migrationKeysAndIndexesTheRecordsAlreadyCatalogued() throws SQLException {
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE);
        }
        String migrated = url.replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
        flyway(migrated, "2").migrate();
        try (Connection db = DriverManager.getConnection(migrated, user, password)) {
            // Two rows of data/indonesian/catalogue-id.csv, as the CSV import catalogues them.
            insert(db, "B007", "Pengenalan Teknologi Informasi", "{\"Kadir, Abdul\",\"Triwahyuni, Terra Ch.\"}",
                    "{\"Teknologi informasi\",Komputer}");
            insert(db, "B253", "Hafalan Shalat Delisa", "{\"Liye, Tere\"}", "{\"Novel Indonesia\",Fiksi,Aceh,Tsunami}");
            List<String> before = strings(db, "SELECT source_id || ' ' || updated_at || ' ' || search_vector FROM bib_record ORDER BY id");

            flyway(migrated, null).migrate();

            assertThat(strings(db, "SELECT unnest(author_keys) FROM bib_record WHERE source_id = 'B007'"))
                    .containsExactlyInAnyOrder("kadir abdul", "abdul kadir", "triwahyuni terra ch", "terra ch triwahyuni");
            assertThat(strings(db, "SELECT unnest(author_keys) FROM bib_record WHERE source_id = 'B253'"))
                    .containsExactlyInAnyOrder("liye tere", "tere liye");
            assertThat(strings(db, """
                    SELECT l FROM bib_record, unnest(tsvector_to_array(search_vector)) AS l
                    EXCEPT SELECT lexeme FROM catalog_lexeme""")).isEmpty();
            assertThat(strings(db, "SELECT lexeme FROM catalog_lexeme")).contains("delisa", "tsunami", "triwahyuni");
            // The backfill leaves what the records said, and when they changed, as it was.
            assertThat(strings(db, "SELECT source_id || ' ' || updated_at || ' ' || search_vector FROM bib_record ORDER BY id"))
                    .isEqualTo(before);

            // Records catalogued after the migration are keyed and indexed by the trigger.
            insert(db, "B001", "Algoritma dan Pemrograman dalam Bahasa Pascal, C, dan C++", "{\"Munir, Rinaldi\"}",
                    "{Algoritma,\"Pemrograman komputer\"}");
            assertThat(strings(db, "SELECT unnest(author_keys) FROM bib_record WHERE source_id = 'B001'"))
                    .containsExactlyInAnyOrder("munir rinaldi", "rinaldi munir");
            assertThat(strings(db, "SELECT lexeme FROM catalog_lexeme")).contains("munir", "pascal", "algoritma");
        }
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE " + DATABASE);
        }
    }

    private Flyway flyway(String jdbcUrl, String target) {
        var configuration = Flyway.configure().dataSource(jdbcUrl, user, password)
                .locations("filesystem:src/main/resources/db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private static void insert(Connection db, String sourceId, String title, String authors, String subjects)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO bib_record (source, source_id, title, authors, subjects, title_key, search_vector)
                VALUES ('catalogue-csv', ?, ?, CAST(? AS text[]), CAST(? AS text[]), '', '')""")) {
            insert.setString(1, sourceId);
            insert.setString(2, title);
            insert.setString(3, authors);
            insert.setString(4, subjects);
            insert.executeUpdate();
        }
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
