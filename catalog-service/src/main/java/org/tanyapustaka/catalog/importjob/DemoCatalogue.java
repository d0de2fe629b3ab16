package org.tanyapustaka.catalog.importjob;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tanyapustaka.catalog.imports.BibRecord;
import org.tanyapustaka.catalog.imports.MarcImport;
import org.tanyapustaka.catalog.imports.ReadOutcome;
import org.tanyapustaka.catalog.imports.SlimsCsvImport;
import org.tanyapustaka.catalog.record.CatalogRecord;

/**
 * A demo catalogue for a new installation ({@code catalog.demo.load=true}, set by {@code ./tanya up}): 300
 * Indonesian titles with copies and 99 CC0 Library of Congress MARC records, loaded once into an empty catalogue,
 * so that a new user can search in the sandbox at once.
 */
@ApplicationScoped
public class DemoCatalogue {

    private static final Logger LOG = Logger.getLogger(DemoCatalogue.class);

    @Inject
    CatalogImports imports;

    @ConfigProperty(name = "catalog.demo.load", defaultValue = "false")
    boolean load;

    void onStart(@Observes StartupEvent event) {
        if (!load || io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> CatalogRecord.count()) > 0) {
            return;
        }
        ImportJob indonesian = imports.runNow("csv", "demo: Indonesian university library titles",
                () -> SlimsCsvImport.read(resource("demo/catalogue-id.csv")));
        ImportJob loc = imports.runNow("marcxml", "demo: Library of Congress records (CC0)",
                () -> MarcImport.readMarcXml(resource("demo/loc_general.xml")).map(DemoCatalogue::withDemoCopies));
        LOG.infof("Demo catalogue loaded: %d + %d records", indonesian.imported, loc.imported);
    }

    /** One or two demo copies on the foreign collection shelf, the second on loan, so availability shows. */
    private static ReadOutcome withDemoCopies(ReadOutcome outcome) {
        if (!outcome.ok() || !outcome.record().copies().isEmpty() || outcome.record().sourceId() == null) {
            return outcome;
        }
        BibRecord r = outcome.record();
        List<BibRecord.Copy> copies = new ArrayList<>();
        copies.add(new BibRecord.Copy("DEMO-" + r.sourceId().strip() + "-1", r.callNumber(), "Lantai 3 - Koleksi Asing",
                BibRecord.Copy.Status.AVAILABLE, null));
        if (Math.abs(r.sourceId().hashCode()) % 2 == 0) {
            copies.add(new BibRecord.Copy("DEMO-" + r.sourceId().strip() + "-2", r.callNumber(),
                    "Lantai 3 - Koleksi Asing", BibRecord.Copy.Status.ON_LOAN, java.time.LocalDate.now().plusDays(7)));
        }
        return ReadOutcome.success(outcome.position(), new BibRecord(r.source(), r.sourceId(), r.title(), r.subtitle(),
                r.authors(), r.publisher(), r.place(), r.year(), r.isbns(), r.language(), r.subjects(), r.callNumber(),
                r.summary(), copies, r.deleted()), outcome.warnings());
    }

    private static InputStream resource(String name) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the catalog-service jar");
        }
        return in;
    }

}
