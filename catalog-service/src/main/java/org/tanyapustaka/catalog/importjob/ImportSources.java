package org.tanyapustaka.catalog.importjob;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tanyapustaka.catalog.imports.MarcImport;
import org.tanyapustaka.catalog.imports.OaiPmhHarvest;
import org.tanyapustaka.catalog.imports.ReadOutcome;
import org.tanyapustaka.catalog.imports.SlimsCsvImport;

/** Opens the record streams imports read: an uploaded file, or an OAI-PMH harvest from where the last one ended. */
@ApplicationScoped
public class ImportSources {

    private final Map<String, OaiPmhHarvest.Harvest> harvests = new ConcurrentHashMap<>();

    /** Hosts harvested even though they resolve to a private, loopback or link-local address. */
    @ConfigProperty(name = "catalog.harvest.allowed-hosts")
    Optional<List<String>> allowedHosts;

    @ConfigProperty(name = "catalog.harvest.response-timeout", defaultValue = "1M")
    Duration responseTimeout;

    @ConfigProperty(name = "catalog.harvest.max-response-bytes", defaultValue = "67108864")
    long maxResponseBytes;

    @ConfigProperty(name = "catalog.harvest.max-pages", defaultValue = "10000")
    int maxPages;

    @ConfigProperty(name = "catalog.harvest.max-records", defaultValue = "2000000")
    int maxRecords;

    Stream<ReadOutcome> file(String format, Path file) {
        if (format.equals("csv")) {
            return SlimsCsvImport.read(file);
        }
        try {
            InputStream in = Files.newInputStream(file);
            Stream<ReadOutcome> records = format.equals("marcxml") ? MarcImport.readMarcXml(in) : MarcImport.readIso2709(in);
            return records.onClose(() -> {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Stream<ReadOutcome> harvest(String baseUrl, String metadataPrefix, String set, boolean full) {
        String from = full ? null : lastDatestamp(baseUrl);
        OaiPmhHarvest.Harvest harvest = new OaiPmhHarvest(responseTimeout, new OaiPmhHarvest.Limits(
                maxResponseBytes, maxPages, maxRecords, new HashSet<>(allowedHosts.orElse(List.of()))))
                .harvest(baseUrl, metadataPrefix, from, set);
        harvests.put(baseUrl, harvest);
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery("""
                INSERT INTO harvest_source (base_url, metadata_prefix, set_spec) VALUES (?1, ?2, ?3)
                ON CONFLICT (base_url) DO UPDATE SET metadata_prefix = ?2, set_spec = ?3""")
                .setParameter(1, baseUrl).setParameter(2, metadataPrefix).setParameter(3, set).executeUpdate());
        return harvest.stream().onClose(harvest::close);
    }

    /** A complete harvest moves the starting point of the next one to the newest datestamp it saw. */
    void harvestFinished(String baseUrl) {
        OaiPmhHarvest.Harvest harvest = harvests.remove(baseUrl);
        if (harvest != null && harvest.complete() && harvest.newestDatestamp() != null) {
            QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                    "UPDATE harvest_source SET last_datestamp = ?2, last_harvest_at = now() WHERE base_url = ?1")
                    .setParameter(1, baseUrl).setParameter(2, harvest.newestDatestamp()).executeUpdate());
        }
    }

    @SuppressWarnings("unchecked")
    private static String lastDatestamp(String baseUrl) {
        List<String> found = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery("SELECT last_datestamp FROM harvest_source WHERE base_url = ?1")
                .setParameter(1, baseUrl).getResultList());
        return found.isEmpty() ? null : found.get(0);
    }
}
