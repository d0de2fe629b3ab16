package org.tanyapustaka.catalog.importjob;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.tanyapustaka.catalog.imports.ReadOutcome;
import org.tanyapustaka.catalog.record.CatalogRecords;
import org.tanyapustaka.catalog.search.SearchLists;

/**
 * Runs imports in the background, record by record: a bad record is listed with its position and reason and never
 * stops the rest; importing the same data twice updates, never duplicates. Uploaded files run one at a time;
 * OAI-PMH harvests, which wait on someone else's server, run beside them (a few at once), so a slow or stuck
 * repository never holds up an upload or the other harvests.
 */
@ApplicationScoped
public class CatalogImports {

    private static final Logger LOG = Logger.getLogger(CatalogImports.class);
    private static final int PROGRESS_EVERY = 50;
    /** The kind of an OAI-PMH harvest job. */
    public static final String HARVEST = "oai";

    @Inject
    CatalogRecords records;

    @Inject
    SearchLists searchLists;

    /** Harvests running at once; more wait for one of them to end. */
    private static final int HARVESTS_AT_ONCE = 3;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "catalog-import"));
    private final ExecutorService harvestRunner = harvestRunner();

    private static ExecutorService harvestRunner() {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HARVESTS_AT_ONCE, HARVESTS_AT_ONCE, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), r -> new Thread(r, "catalog-harvest-" + threads.incrementAndGet()));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    void onStop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
        harvestRunner.shutdownNow();
    }

    /** Queues an import; {@code outcomes} is opened when the job starts and closed when it ends. */
    public UUID start(String kind, String description, String startedBy, Supplier<Stream<ReadOutcome>> outcomes,
            Runnable afterwards) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = new ImportJob();
            job.id = id;
            job.kind = kind;
            job.description = description;
            job.state = ImportJob.State.QUEUED;
            job.startedBy = startedBy;
            job.createdAt = Instant.now();
            job.persist();
        });
        (kind.equals(HARVEST) ? harvestRunner : runner).execute(() -> run(id, outcomes, afterwards));
        return id;
    }

    /** Runs an import in the caller's thread (the demo catalogue at start-up); returns the finished job. */
    public ImportJob runNow(String kind, String description, Supplier<Stream<ReadOutcome>> outcomes) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = new ImportJob();
            job.id = id;
            job.kind = kind;
            job.description = description;
            job.state = ImportJob.State.QUEUED;
            job.startedBy = "system";
            job.createdAt = Instant.now();
            job.persist();
        });
        run(id, outcomes, () -> {
        });
        return QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>findById(id));
    }

    private void run(UUID id, Supplier<Stream<ReadOutcome>> outcomes, Runnable afterwards) {
        Counts counts = new Counts();
        update(id, job -> job.state = ImportJob.State.RUNNING);
        try (Stream<ReadOutcome> stream = outcomes.get()) {
            Iterator<ReadOutcome> it = stream.iterator();
            while (it.hasNext()) {
                ReadOutcome outcome = it.next();
                counts.read++;
                if (!outcome.ok()) {
                    fail(id, counts, outcome.position(), outcome.sourceId(), outcome.failure());
                } else {
                    try {
                        switch (records.upsert(outcome.record())) {
                            case CREATED -> counts.imported++;
                            case UPDATED -> counts.updated++;
                            case DELETED -> counts.deleted++;
                        }
                    } catch (RuntimeException e) {
                        fail(id, counts, outcome.position(), outcome.record().sourceId(),
                                "could not be stored: " + rootMessage(e));
                    }
                }
                if (counts.read % PROGRESS_EVERY == 0) {
                    save(id, counts, null, null);
                }
            }
            afterwards.run();
            save(id, counts, ImportJob.State.DONE, null);
        } catch (RuntimeException e) {
            LOG.warnf("Import %s stopped: %s", id, rootMessage(e));
            save(id, counts, ImportJob.State.FAILED, rootMessage(e));
        }
        if (counts.imported + counts.updated + counts.deleted > 0) {
            rebuildSearchLists(id);
        }
    }

    /** The job's records leave the search's list of changes: the next searches find them through the lists. */
    private void rebuildSearchLists(UUID id) {
        try {
            searchLists.rebuild();
        } catch (RuntimeException e) {
            // The changes stay listed and are searched as changes until the next rebuild.
            LOG.warnf("Search lists not rebuilt after import %s: %s", id, rootMessage(e));
        }
    }

    private void fail(UUID id, Counts counts, int position, String sourceId, String reason) {
        counts.failed++;
        if (counts.failed <= ImportFailure.LISTED_MAX) {
            QuarkusTransaction.requiringNew().run(() -> ImportFailure.record(id, position, sourceId, reason));
        }
    }

    private static final class Counts {
        int read;
        int imported;
        int updated;
        int deleted;
        int failed;
    }

    private static void save(UUID id, Counts counts, ImportJob.State state, String error) {
        update(id, job -> {
            job.read = counts.read;
            job.imported = counts.imported;
            job.updated = counts.updated;
            job.deleted = counts.deleted;
            job.failed = counts.failed;
            if (state != null) {
                job.state = state;
                job.error = error;
                job.finishedAt = Instant.now();
            }
        });
    }

    private static void update(UUID id, java.util.function.Consumer<ImportJob> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(ImportJob.findById(id)));
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
