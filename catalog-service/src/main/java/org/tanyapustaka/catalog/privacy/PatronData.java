package org.tanyapustaka.catalog.privacy;

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
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.Redelivery;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.events.privacy.PatronExport;

/**
 * What the catalog holds about a WhatsApp number - the patron's catalogue questions and the lists they were shown
 * ({@code catalog_query_log}) - exported to an administrator, and erased on {@code patron.erasure} (consumer group
 * {@code catalog-service-erasure}) once per erasure id, in one transaction with remembering the id.
 */
@Path("/api/catalog/patrons/{waId}")
@Produces(MediaType.APPLICATION_JSON)
public class PatronData {

    private static final Logger LOG = Logger.getLogger(PatronData.class);

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
                INSERT INTO processed_event (event_id, topic, processed_at) VALUES (?1, ?2, now())
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, erasure.id()).setParameter(2, Topics.PATRON_ERASURE).executeUpdate() == 0) {
            return;
        }
        int deleted = Panache.getEntityManager().createNativeQuery("DELETE FROM catalog_query_log WHERE wa_id = ?1")
                .setParameter(1, erasure.waId()).executeUpdate();
        LOG.infof("Erased %d catalogue questions for erasure %s (%s)", deleted, erasure.id(), erasure.origin());
    }

    @GET
    @Path("/export")
    @RolesAllowed("admin")
    @Transactional
    public JsonNode export(@PathParam("waId") String waId) {
        String number = PatronExport.valid(waId);
        return PatronExport.of(json, "catalog-service", number,
                Map.of("catalogQueries", "SELECT to_jsonb(q) FROM catalog_query_log q WHERE wa_id = ?1 ORDER BY created_at"),
                sql -> Panache.getEntityManager().createNativeQuery(sql).setParameter(1, number).getResultList());
    }
}
