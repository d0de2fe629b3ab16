package org.tanyapustaka.routing.privacy;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps patron data only as long as its purpose needs (UU 27/2022), once a day: transcript lines (message text),
 * files librarians sent, and whole conversations (the wa_id-keyed state, with their handovers and transcripts) of
 * patrons who have not written for longer than their retention and have no open handover.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @ConfigProperty(name = "routing.retention.transcripts", defaultValue = "365d")
    Duration transcripts;

    @ConfigProperty(name = "routing.retention.attachments", defaultValue = "90d")
    Duration attachments;

    @ConfigProperty(name = "routing.retention.conversations", defaultValue = "365d")
    Duration conversations;

    @Scheduled(cron = "${routing.retention.cron:0 20 2 * * ?}", timeZone = "Asia/Jakarta",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        try {
            LOG.infof("Retention: deleted %s", run(Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf("Retention did not run, it will tomorrow: %s", e.toString());
        }
    }

    /** Deletes what is older than its retention at {@code now}; how many rows of each kind. */
    public Map<String, Integer> run(Instant now) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        List<String> stale = QuarkusTransaction.requiringNew().call(() -> stringsOf(Panache.getEntityManager()
                .createNativeQuery("""
                        SELECT wa_id FROM conversation
                        WHERE coalesce(last_inbound_at, created_at) < ?1 AND active_handover_id IS NULL""")
                .setParameter(1, now.minus(conversations)).getResultList()));
        for (String waId : stale) { // one transaction per patron: a long run holds no lock for long
            QuarkusTransaction.requiringNew().run(() -> PatronErasures.eraseRows(waId));
        }
        deleted.put("conversations", stale.size());
        deleted.put("transcript_entry", delete("DELETE FROM transcript_entry WHERE at < ?1", now.minus(transcripts)));
        deleted.put("librarian_attachment", delete("DELETE FROM librarian_attachment WHERE created_at < ?1",
                now.minus(attachments)));
        return deleted;
    }

    private static int delete(String sql, Instant before) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(sql)
                .setParameter(1, before).executeUpdate());
    }

    private static List<String> stringsOf(List<?> rows) {
        return rows.stream().map(Object::toString).toList();
    }
}
