package org.tanyapustaka.gateway.privacy;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps patron data only as long as its purpose needs (UU 27/2022), once a day: finished sends of the send log (their
 * command holds the message text) and the files patrons sent. Webhook receipts go after eight days already
 * ({@code ReceiptJanitor}).
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @ConfigProperty(name = "gateway.retention.sends", defaultValue = "90d")
    Duration sends;

    @ConfigProperty(name = "gateway.retention.media", defaultValue = "90d")
    Duration media;

    @Scheduled(cron = "${gateway.retention.cron:0 15 2 * * ?}", timeZone = "Asia/Jakarta",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        try {
            LOG.infof("Retention: deleted %s", run(Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf("Retention did not run, it will tomorrow: %s", e.toString());
        }
    }

    /** Deletes what is older than its retention at {@code now}; how many rows of each table. */
    public Map<String, Integer> run(Instant now) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        deleted.put("outbound_send", delete("""
                DELETE FROM outbound_send WHERE created_at < ?1 AND state NOT IN ('QUEUED', 'SENDING')""",
                now.minus(sends)));
        deleted.put("media_file", delete("DELETE FROM media_file WHERE stored_at < ?1", now.minus(media)));
        return deleted;
    }

    private static int delete(String sql, Instant before) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(sql)
                .setParameter(1, before).executeUpdate());
    }
}
