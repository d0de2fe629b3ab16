package org.tanyapustaka.routing.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.problem.ProblemException;
import org.tanyapustaka.routing.conversation.Outbox;

/**
 * A patron's rights under UU 27/2022, for administrators: erase everything held about a WhatsApp number (an event
 * every service obeys) and export what routing holds about it.
 */
@Path("/api/routing/patrons/{waId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class PatronDataResource {

    /** A WhatsApp id is the number in international form without the plus: 6 to 15 digits. */
    private static final Pattern WA_ID = Pattern.compile("\\d{6,15}");

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
        PatronErasure erasure = new PatronErasure(UUID.randomUUID(), valid(waId), PatronErasure.Origin.ADMIN,
                caller.getPrincipal().getName(), Instant.now());
        outbox.erase(erasure);
        return Response.accepted(new ErasureAccepted(erasure.id(), erasure.waId(), erasure.requestedAt())).build();
    }

    /** Everything routing holds about the number, as JSON (empty lists when nothing). */
    @GET
    @Path("/export")
    @Transactional
    public JsonNode export(@PathParam("waId") String waId) throws IOException {
        return exportOf(json, valid(waId), EXPORTS, "routing-service");
    }

    static ObjectNode exportOf(ObjectMapper json, String waId, Map<String, String> queries, String service)
            throws IOException {
        ObjectNode export = json.createObjectNode();
        export.put("service", service);
        export.put("waId", waId);
        export.put("exportedAt", Instant.now().toString());
        for (Map.Entry<String, String> query : queries.entrySet()) {
            var rows = export.putArray(query.getKey());
            for (Object row : Panache.getEntityManager().createNativeQuery(query.getValue() + "")
                    .setParameter(1, waId).getResultList()) {
                rows.add(json.readTree(row.toString()));
            }
        }
        return export;
    }

    static String valid(String waId) {
        if (waId == null || !WA_ID.matcher(waId).matches()) {
            throw ProblemException.badRequest("Invalid WhatsApp number",
                    "A WhatsApp number is 6 to 15 digits in international form without '+', e.g. 6281234567890.");
        }
        return waId;
    }
}
