package org.tanyapustaka.gateway.webhook;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Forgets webhook receipts once Meta can no longer redeliver their items (older than {@link WebhookReceipt#KEPT}). */
@ApplicationScoped
public class ReceiptJanitor {

    private static final Logger LOG = Logger.getLogger(ReceiptJanitor.class);

    private ScheduledExecutorService clock;

    void onStart(@Observes StartupEvent event) {
        clock = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "webhook-receipt-janitor"));
        clock.scheduleWithFixedDelay(this::forgetOld, 1, 60, TimeUnit.MINUTES);
    }

    void onStop(@Observes ShutdownEvent event) {
        clock.shutdownNow();
    }

    int forgetOld() {
        try {
            int forgotten = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                    .createNativeQuery("DELETE FROM webhook_receipt WHERE state = 'PUBLISHED' AND received_at < ?1")
                    .setParameter(1, Instant.now().minus(WebhookReceipt.KEPT)).executeUpdate());
            if (forgotten > 0) {
                LOG.infof("Forgot %d webhook receipts older than %d days", forgotten, WebhookReceipt.KEPT.toDays());
            }
            return forgotten;
        } catch (RuntimeException e) {
            LOG.warnf("Could not forget old webhook receipts: %s", e.toString());
            return 0;
        }
    }
}
