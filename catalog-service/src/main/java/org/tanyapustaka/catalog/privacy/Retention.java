package org.tanyapustaka.catalog.privacy;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the patrons' catalogue questions ({@code catalog_query_log}) only while "lagi" and a number can still refer
 * to them, plus a margin (UU 27/2022: retention limited to the purpose); deleted once a day.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @ConfigProperty(name = "catalog.retention.query-logs", defaultValue = "30d")
    Duration queryLogs;

    @Scheduled(cron = "${catalog.retention.cron:0 25 2 * * ?}", timeZone = "Asia/Jakarta",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        try {
            LOG.infof("Retention: deleted %d catalogue questions", run(Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf("Retention did not run, it will tomorrow: %s", e.toString());
        }
    }

    /** Deletes the questions older than their retention at {@code now}; how many. */
    public int run(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery("DELETE FROM catalog_query_log WHERE created_at < ?1")
                .setParameter(1, now.minus(queryLogs)).executeUpdate());
    }
}
