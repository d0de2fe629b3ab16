package org.tanyapustaka.gateway.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.Redelivery;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.events.privacy.PatronExport;

/**
 * What the gateway holds about a WhatsApp number - webhook receipts, the send log and queue, attachments awaiting
 * download and downloaded files - exported to an administrator, and erased on {@code patron.erasure} (consumer group
 * {@code gateway-service-erasure}) once per erasure id, in one transaction with remembering the id.
 *
 * <p>A send still queued or being sent when the erasure arrives is left to finish (it may be the very reply that
 * tells the patron their data is being erased); the send log's retention removes it later.
 */
@Path("/api/gateway/patrons/{waId}")
@Produces(MediaType.APPLICATION_JSON)
public class PatronData {

    private static final Logger LOG = Logger.getLogger(PatronData.class);

    /** What is deleted, in order, each statement with the wa_id as its parameter. */
    private static final Map<String, String> DELETIONS = new LinkedHashMap<>();

    /** What is exported: each table's rows, files without their content. */
    private static final Map<String, String> EXPORTS = new LinkedHashMap<>();

    static {
        // Receipts taken before they named their patron are found through the sends and files they concern.
        DELETIONS.put("webhook_receipt", """
                DELETE FROM webhook_receipt WHERE wa_id = ?1
                   OR receipt_key IN (SELECT 'message:' || wamid FROM media_file WHERE wa_id = ?1)
                   OR (receipt_key LIKE 'status:%' AND split_part(receipt_key, ':', 2) IN
                       (SELECT wamid FROM outbound_send WHERE wa_id = ?1 AND wamid IS NOT NULL))""");
        DELETIONS.put("outbound_send", """
                DELETE FROM outbound_send WHERE wa_id = ?1 AND state NOT IN ('QUEUED', 'SENDING')""");
        DELETIONS.put("media_file", "DELETE FROM media_file WHERE wa_id = ?1");
        DELETIONS.put("pending_media_message", """
                DELETE FROM pending_media_message WHERE CAST(message AS jsonb) ->> 'waId' = ?1""");

        EXPORTS.put("webhookReceipts", "SELECT to_jsonb(r) FROM webhook_receipt r WHERE wa_id = ?1 ORDER BY received_at");
        EXPORTS.put("sends", "SELECT to_jsonb(s) FROM outbound_send s WHERE wa_id = ?1 ORDER BY created_at");
        EXPORTS.put("files", "SELECT to_jsonb(f) - 'content' FROM media_file f WHERE wa_id = ?1 ORDER BY stored_at");
        EXPORTS.put("pendingMessages", """
                SELECT to_jsonb(p) FROM pending_media_message p WHERE CAST(message AS jsonb) ->> 'waId' = ?1""");
    }

    @Inject
    ObjectMapper json;

    @Incoming(Topics.PATRON_ERASURE)
    @Blocking
    public void onErasure(PatronErasure erasure) {
        Redelivery.untilStored(() -> erase(erasure), LOG::warn, "erasure " + erasure.id());
    }

    @Transactional
    void erase(PatronErasure erasure) {
        if (Panache.getEntityManager().createNativeQuery("""
                INSERT INTO processed_erasure (erasure_id, processed_at) VALUES (?1, now())
                ON CONFLICT (erasure_id) DO NOTHING""").setParameter(1, erasure.id()).executeUpdate() == 0) {
            return;
        }
        Map<String, Integer> deleted = new LinkedHashMap<>();
        DELETIONS.forEach((table, sql) -> deleted.put(table,
                Panache.getEntityManager().createNativeQuery(sql).setParameter(1, erasure.waId()).executeUpdate()));
        LOG.infof("Erased patron data for erasure %s (%s): %s", erasure.id(), erasure.origin(), deleted);
    }

    @GET
    @Path("/export")
    @RolesAllowed("admin")
    @Transactional
    public JsonNode export(@PathParam("waId") String waId) {
        String number = PatronExport.valid(waId);
        return PatronExport.of(json, "gateway-service", number, EXPORTS,
                sql -> Panache.getEntityManager().createNativeQuery(sql).setParameter(1, number).getResultList());
    }
}
