package org.tanyapustaka.analytics.patron;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.ConsumerGroups;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/** Analytics exports a patron's pseudonymous rows to an admin and erases them on patron.erasure; counts stay. */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "analytics"))
class PatronDataTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    EntityManager em;

    @Inject
    PatronPseudonym pseudonym;

    @Inject
    ChannelRegistry channels;

    static String patron() {
        return "62813" + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    static void wrote(String waId, String instant) throws Exception {
        String wamid = MetaWebhooks.newWamid();
        PatronMessage message = new PatronMessage(EventIds.ofWamid(wamid), wamid, waId, "Rina",
                TestInfrastructure.PHONE_NUMBER_ID, Instant.parse(instant), Instant.now(), PatronMessage.Type.TEXT,
                "halo", null, null, null, null, null, null);
        TopicProbe.publish(Topics.WHATSAPP_INBOUND, waId, JSON.writeValueAsString(message), Map.of());
    }

    static void erase(String waId) throws Exception {
        PatronErasure erasure = new PatronErasure(UUID.randomUUID(), waId, PatronErasure.Origin.PATRON, waId,
                Instant.now());
        TopicProbe.publish(Topics.PATRON_ERASURE, waId, JSON.writeValueAsString(erasure), Map.of());
    }

    /** The patron's rows: message facts, patron, days. */
    long rows(String waId) {
        return QuarkusTransaction.requiringNew().call(() -> count(
                "SELECT count(*) FROM inbound_message_fact WHERE patron_hash = ?1", pseudonym.of(waId))
                + count("SELECT count(*) FROM patron WHERE patron_key = ?1", pseudonym.keyOf(waId))
                + count("SELECT count(*) FROM patron_period WHERE patron_key = ?1", pseudonym.keyOf(waId)));
    }

    long count(String sql, Object parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

    long messagesCountedOn(String day) {
        return QuarkusTransaction.requiringNew().call(() -> count(
                "SELECT coalesce(sum(n), 0) FROM daily_count WHERE metric = 'message_in' AND day = CAST(?1 AS date)", day));
    }

    static JsonNode export(String waId) {
        return given().auth().oauth2(TestInfrastructure.token("kepala", "admin"))
                .get("/api/analytics/patrons/{waId}/export", waId).then().statusCode(200).extract().as(JsonNode.class);
    }

    @Test
    void aPatronsPseudonymousRowsAreExportedThenErasedAndTheCountsStay() throws Exception {
        String waId = patron();
        String other = patron();
        wrote(waId, "2022-07-01T02:00:00Z");
        wrote(waId, "2022-07-02T02:00:00Z");
        wrote(other, "2022-07-01T03:00:00Z");
        // 2 facts + 1 patron + 2 days; the other: 1 + 1 + 1.
        await().atMost(WAIT).until(() -> rows(waId) == 5 && rows(other) == 3);

        JsonNode before = export(waId);
        assertThat(before.path("messages")).hasSize(2);
        assertThat(before.path("days")).hasSize(2);
        assertThat(before.path("patronHash").asText()).isEqualTo(pseudonym.of(waId));
        assertThat(before.toString()).doesNotContain("halo");
        given().auth().oauth2(TestInfrastructure.token("sari", "librarian"))
                .get("/api/analytics/patrons/{waId}/export", waId).then().statusCode(403);
        long counted = messagesCountedOn("2022-07-01");

        erase(waId);
        await().atMost(WAIT).until(() -> rows(waId) == 0);
        assertThat(export(waId).path("messages")).isEmpty();
        assertThat(rows(other)).isEqualTo(3);
        assertThat(messagesCountedOn("2022-07-01")).isEqualTo(counted);
    }

    @Test
    void anErasurePublishedWhileTheConsumerWasNotRunningIsObeyedWhenItRuns() throws Exception {
        String waId = patron();
        wrote(waId, "2022-08-01T02:00:00Z");
        await().atMost(WAIT).until(() -> rows(waId) == 3);
        var consumer = channels.getPausable(Topics.PATRON_ERASURE);
        consumer.pause();
        try {
            erase(waId);
            await().atMost(WAIT).until(() -> ConsumerGroups.behindTheEnd("analytics-service-erasure",
                    Topics.PATRON_ERASURE));
            assertThat(rows(waId)).isEqualTo(3);
        } finally {
            consumer.resume();
        }
        await().atMost(WAIT).until(() -> rows(waId) == 0);
    }
}
