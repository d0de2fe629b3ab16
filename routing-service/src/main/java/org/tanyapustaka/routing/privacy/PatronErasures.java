package org.tanyapustaka.routing.privacy;

import io.quarkus.hibernate.orm.panache.Panache;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.Redelivery;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.routing.inbound.ProcessedMessage;

/**
 * Obeys {@code patron.erasure} (consumer group {@code routing-service-erasure}): deletes the patron's conversation,
 * handovers, transcript, the files librarians sent them, the desk's read marks and early delivery statuses, once per
 * erasure id and in the same transaction as remembering the id. A routing that was down erases when it comes back,
 * from its committed position.
 */
@ApplicationScoped
public class PatronErasures {

    private static final Logger LOG = Logger.getLogger(PatronErasures.class);

    /** What is deleted, in order (children before parents), each statement with the wa_id as its parameter. */
    private static final Map<String, String> DELETIONS = new LinkedHashMap<>();

    static {
        DELETIONS.put("librarian_attachment", """
                DELETE FROM librarian_attachment WHERE handover_id IN (SELECT id FROM handover WHERE wa_id = ?1)""");
        DELETIONS.put("early_delivery_status", """
                DELETE FROM early_delivery_status WHERE wamid IN
                    (SELECT wamid FROM transcript_entry WHERE wa_id = ?1 AND wamid IS NOT NULL)""");
        DELETIONS.put("desk_seen", """
                DELETE FROM desk_seen WHERE conversation_id IN (SELECT id FROM conversation WHERE wa_id = ?1)""");
        DELETIONS.put("desk_read_receipt", """
                DELETE FROM desk_read_receipt WHERE conversation_id IN (SELECT id FROM conversation WHERE wa_id = ?1)""");
        DELETIONS.put("transcript_entry", "DELETE FROM transcript_entry WHERE wa_id = ?1");
        DELETIONS.put("handover", "DELETE FROM handover WHERE wa_id = ?1");
        DELETIONS.put("conversation", "DELETE FROM conversation WHERE wa_id = ?1");
    }

    @Incoming(Topics.PATRON_ERASURE)
    @Blocking
    public void onErasure(PatronErasure erasure) {
        Redelivery.untilStored(() -> erase(erasure), LOG::warn, "erasure " + erasure.id());
    }

    /** One attempt, in one transaction: the rows go together with remembering the erasure, or not at all. */
    @Transactional
    void erase(PatronErasure erasure) {
        if (!ProcessedMessage.markHandled(erasure.id(), Topics.PATRON_ERASURE)) {
            return;
        }
        Map<String, Integer> deleted = eraseRows(erasure.waId());
        LOG.infof("Erased patron data for erasure %s (%s): %s", erasure.id(), erasure.origin(), deleted);
    }

    /** Deletes every row about the number; how many of each table. */
    static Map<String, Integer> eraseRows(String waId) {
        // The conversation first, locked: a message of the patron being handled meanwhile waits for the erasure.
        Panache.getEntityManager().createNativeQuery("SELECT id FROM conversation WHERE wa_id = ?1 FOR UPDATE")
                .setParameter(1, waId).getResultList();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        DELETIONS.forEach((table, sql) -> deleted.put(table,
                Panache.getEntityManager().createNativeQuery(sql).setParameter(1, waId).executeUpdate()));
        return deleted;
    }
}
