package org.tanyapustaka.analytics.messages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "analytics"))
class MessageVolumeResourceTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    EntityManager entityManager;

    static PatronMessage sentAt(String waId, String instant) {
        String wamid = MetaWebhooks.newWamid();
        return new PatronMessage(EventIds.ofWamid(wamid), wamid, waId, "Rina", TestInfrastructure.PHONE_NUMBER_ID,
                Instant.parse(instant), Instant.now(), PatronMessage.Type.TEXT, "halo", null, null, null, null, null, null);
    }

    static void publish(PatronMessage message) throws Exception {
        TopicProbe.publish(Topics.WHATSAPP_INBOUND, message.waId(), JSON.writeValueAsString(message), Map.of());
    }

    static String admin() {
        return TestInfrastructure.token("kepala-perpustakaan", "admin");
    }

    static JsonNode daily(String from, String to) throws Exception {
        return JSON.readTree(given().auth().oauth2(admin()).queryParam("from", from).queryParam("to", to)
                .get("/api/analytics/messages/daily").then().statusCode(200).extract().asString());
    }

    @Test
    void messagesAreCountedPerJakartaDayAndARedeliveredMessageOnce() throws Exception {
        // 23:30 WIB on 3 March and 00:30 WIB on 4 March: one hour apart in UTC, on two library days.
        PatronMessage lateEvening = sentAt("6281100000001", "2021-03-03T16:30:00Z");
        PatronMessage afterMidnight = sentAt("6281100000002", "2021-03-03T17:30:00Z");
        PatronMessage morning = sentAt("6281100000001", "2021-03-04T01:00:00Z");
        publish(lateEvening);
        publish(afterMidnight);
        publish(afterMidnight); // redelivered
        publish(morning);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode days = daily("2021-03-02", "2021-03-05");
            assertThat(days).hasSize(4);
            assertThat(days.get(0).path("date").asText()).isEqualTo("2021-03-02");
            assertThat(days.findValuesAsText("messages")).containsExactly("0", "1", "2", "0");
        });
    }

    @Test
    void noPhoneNumberOrTextIsStored() throws Exception {
        PatronMessage message = sentAt("6281299990000", "2021-05-05T05:05:05Z");
        publish(message);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> daily("2021-05-05", "2021-05-05").get(0).path("messages").asLong() == 1);
        Object stored = entityManager.createNativeQuery(
                "SELECT CAST(row_to_json(f) AS text) FROM inbound_message_fact f WHERE event_id = ?1")
                .setParameter(1, message.id()).getSingleResult();
        assertThat(stored.toString()).doesNotContain("6281299990000").doesNotContain("halo").doesNotContain("Rina");
    }

    @Test
    void invalidRangesAreRefusedWithAProblem() {
        given().auth().oauth2(admin()).queryParam("from", "2026-12-01").queryParam("to", "2026-11-01")
                .get("/api/analytics/messages/daily")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid range")).body("detail", containsString("after"));
        given().auth().oauth2(admin()).queryParam("from", "kemarin")
                .get("/api/analytics/messages/daily")
                .then().statusCode(400).body("title", equalTo("Invalid date"));
        given().auth().oauth2(admin()).queryParam("from", "2020-01-01").queryParam("to", "2026-01-01")
                .get("/api/analytics/messages/daily")
                .then().statusCode(400).body("title", equalTo("Range too long"));
    }

    @Test
    void dashboardNeedsAStaffToken() {
        given().get("/api/analytics/messages/daily").then().statusCode(401);
        given().auth().oauth2(TestInfrastructure.token("pemustaka", "patron"))
                .get("/api/analytics/messages/daily").then().statusCode(403);
        given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian"))
                .get("/api/analytics/messages/daily").then().statusCode(200);
    }
}
