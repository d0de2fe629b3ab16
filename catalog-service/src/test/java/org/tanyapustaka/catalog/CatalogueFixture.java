package org.tanyapustaka.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import org.tanyapustaka.catalog.imports.ReadOutcome;
import org.tanyapustaka.catalog.imports.SlimsCsvImport;
import org.tanyapustaka.catalog.record.CatalogRecord;
import org.tanyapustaka.catalog.record.CatalogRecords;

/** The 300-title Indonesian catalogue of the repository's {@code data/indonesian}, loaded once per test run. */
@ApplicationScoped
public class CatalogueFixture {

    public static final Path CATALOGUE = Path.of("../data/indonesian/catalogue-id.csv");

    @Inject
    CatalogRecords records;

    public synchronized void load() {
        if (io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(
                () -> CatalogRecord.count("source", SlimsCsvImport.SOURCE_CATALOGUE)) >= 300) {
            return;
        }
        try (Stream<ReadOutcome> outcomes = SlimsCsvImport.read(CATALOGUE)) {
            Iterator<ReadOutcome> it = outcomes.iterator();
            while (it.hasNext()) {
                ReadOutcome outcome = it.next();
                if (!outcome.ok()) {
                    throw new IllegalStateException("The test catalogue has a bad row: " + outcome.failure());
                }
                records.upsert(outcome.record());
            }
        }
    }

    /** The id of the record imported from the catalogue's row id (B001 …). */
    public static long idOf(String sourceId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(
                () -> CatalogRecord.findBySource(SlimsCsvImport.SOURCE_CATALOGUE, sourceId).orElseThrow().id);
    }
}
