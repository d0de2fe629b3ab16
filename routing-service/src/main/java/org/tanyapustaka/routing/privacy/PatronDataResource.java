package org.tanyapustaka.routing.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.privacy.PatronExport;
import org.tanyapustaka.routing.conversation.Outbox;

/**
 * A patron's rights under UU 27/2022, for administrators: erase everything held about a WhatsApp number (an event
 * every service obeys) and export what routing holds about it.
 */
@Path("/api/routing/patrons/{waId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class PatronDataResource {

    /** What routing exports of a number: each table's rows, the attachments' content left out (its hash stays). */
    private static final Map<String, String> EXPORTS = new LinkedHashMap<>();

    static {
        EXPORTS.put("conversation", "SELECT to_jsonb(c) FROM conversation c WHERE wa_id = ?1");
        EXPORTS.put("handovers", "SELECT to_jsonb(h) FROM handover h WHERE wa_id = ?1 ORDER BY requested_at");
        EXPORTS.put("transcript", "SELECT to_jsonb(t) FROM transcript_entry t WHERE wa_id = ?1 ORDER BY at");
        EXPORTS.put("librarianAttachments", """
                SELECT to_jsonb(a) - 'content' FROM librarian_attachment a
                WHERE handover_id IN (SELECT id FROM handover WHERE wa_id = ?1) ORDER BY created_at""");
    }

    @Inject
    Outbox outbox;

    @Inject
    SecurityIdentity caller;

    @Inject
    ObjectMapper json;

    public record ErasureAccepted(UUID erasureId, String waId, Instant requestedAt) {
    }

    /** Publishes the erasure; every service deletes the number's data when it consumes it (202: not done yet). */
    @POST
    @Path("/erasure")
    public Response erase(@PathParam("waId") String waId) {
        PatronErasure erasure = new PatronErasure(UUID.randomUUID(), PatronExport.valid(waId), PatronErasure.Origin.ADMIN,
                caller.getPrincipal().getName(), Instant.now());
        outbox.erase(erasure);
        return Response.accepted(new ErasureAccepted(erasure.id(), erasure.waId(), erasure.requestedAt())).build();
    }

    /** Everything routing holds about the number, as JSON (empty lists when nothing). */
    @GET
    @Path("/export")
    @Transactional
    public JsonNode export(@PathParam("waId") String waId) {
        String number = PatronExport.valid(waId);
        return PatronExport.of(json, "routing-service", number, EXPORTS, sql -> Panache.getEntityManager()
                .createNativeQuery(sql).setParameter(1, number).getResultList());
    }
}
