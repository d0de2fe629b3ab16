package org.tanyapustaka.analytics.patron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.tanyapustaka.analytics.figures.FactStore;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.events.privacy.PatronExport;

/**
 * The pseudonymous rows of one patron - their messages' facts (under the keyed hash of the number), their first
 * message and the days they wrote (under the hash as a number) - exported to an administrator, and erased on
 * {@code patron.erasure} (consumer group {@code analytics-service-erasure}) once per erasure id. The counts stay:
 * they are about no one (messages per hour, patrons per day); a patron who writes again after an erasure is counted
 * as a new patron.
 */
@Path("/api/analytics/patrons/{waId}")
@Produces(MediaType.APPLICATION_JSON)
public class PatronData {

    private static final Logger LOG = Logger.getLogger(PatronData.class);

    @Inject
    FactStore store;

    @Inject
    PatronPseudonym pseudonym;

    @Inject
    ObjectMapper json;

    @Incoming(Topics.PATRON_ERASURE)
    @Blocking
    public void onErasure(PatronErasure erasure) {
        store.untilStored("erasure " + erasure.id(), () -> erase(erasure));
    }

    @Transactional
    void erase(PatronErasure erasure) {
        if (!Facts.firstTime(erasure.id())) {
            return;
        }
        String hash = pseudonym.of(erasure.waId());
        long key = pseudonym.keyOf(erasure.waId());
        Map<String, Integer> deleted = new LinkedHashMap<>();
        deleted.put("inbound_message_fact", Facts.update("DELETE FROM inbound_message_fact WHERE patron_hash = ?1", hash));
        deleted.put("patron_period", Facts.update("DELETE FROM patron_period WHERE patron_key = ?1", key));
        deleted.put("patron", Facts.update("DELETE FROM patron WHERE patron_key = ?1", key));
        LOG.infof("Erased a patron's pseudonymous rows for erasure %s (%s): %s", erasure.id(), erasure.origin(), deleted);
    }

    @GET
    @Path("/export")
    @RolesAllowed("admin")
    @Transactional
    public JsonNode export(@PathParam("waId") String waId) {
        String number = PatronExport.valid(waId);
        String hash = pseudonym.of(number);
        long key = pseudonym.keyOf(number);
        // The number itself is not in analytics: its rows are found by the keyed hash (me), which the export names.
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("messages", "SELECT to_jsonb(f) FROM inbound_message_fact f, me WHERE f.patron_hash = me.hash ORDER BY f.sent_at");
        queries.put("patron", "SELECT to_jsonb(p) FROM patron p, me WHERE p.patron_key = me.key");
        queries.put("days", "SELECT to_jsonb(d) FROM patron_period d, me WHERE d.patron_key = me.key ORDER BY d.period");
        return PatronExport.of(json, "analytics-service", number, queries,
                sql -> Facts.rows("WITH me AS (SELECT CAST(?1 AS text) AS hash, CAST(?2 AS bigint) AS key) " + sql, hash, key))
                .put("patronHash", hash);
    }
}
