package org.tanyapustaka.gateway.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Marks receipts PUBLISHED once Kafka acknowledged their items, for all webhooks acknowledged meanwhile in one
 * statement, instead of one per webhook: the first key of a batch waits 10 ms for others, and while one batch is
 * written the next one gathers.
 *
 * <p>A webhook is answered before its receipts are marked. That loses no guarantee: a copy of the item arriving
 * meanwhile sees the receipt PENDING and waits for the mark, as it would for any item being published; if the
 * gateway stops before the mark is written, the receipt stays PENDING, a later copy is answered 503 until it is
 * stale and then takes it over and publishes the item again, with the same event id, which consumers recognise
 * (see {@link WebhookReceipt}). Meta sends no copy after a 200 unless it duplicates on its own.
 */
@ApplicationScoped
public class PublishedReceipts {

    private static final Logger LOG = Logger.getLogger(PublishedReceipts.class);
    private static final int MAX_BATCH = 2_000;
    /** How long the first key of a batch waits for others. */
    private static final long LINGER_MILLIS = 10;

    @Inject
    WebhookReceipt receipts;

    private final LinkedBlockingQueue<String> acknowledged = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private Thread writer;

    void onStart(@Observes StartupEvent event) {
        writer = new Thread(this::writeUntilStopped, "webhook-receipt-marker");
        writer.setDaemon(true);
        writer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kafka acknowledged these items: their receipts are marked PUBLISHED shortly. */
    public void acknowledged(Collection<String> keys) {
        acknowledged.addAll(keys);
    }

    private void writeUntilStopped() {
        List<String> batch = new ArrayList<>();
        while (!stopping || !batch.isEmpty() || !acknowledged.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    String first = acknowledged.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    Thread.sleep(LINGER_MILLIS);
                }
                acknowledged.drainTo(batch, MAX_BATCH - batch.size());
                receipts.published(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Kept and written again: until then copies of these items wait, and if this gateway stops first,
                // the receipts are taken over once stale.
                LOG.warnf("Could not mark %d webhook receipts published: %s", batch.size(), e.toString());
                if (stopping) {
                    return;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
