package org.tanyapustaka.gateway.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tanyapustaka.gateway.SignedWebhooks.bytes;
import static org.tanyapustaka.gateway.SignedWebhooks.patron;
import static org.tanyapustaka.gateway.SignedWebhooks.sample;
import static org.tanyapustaka.gateway.SignedWebhooks.signedPost;
import static org.tanyapustaka.gateway.SignedWebhooks.textMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.ConsumerGroups;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * The gateway exports what it holds about a number to an admin and erases it on patron.erasure: the receipts of the
 * patron's messages and of the statuses of messages to them, the send log, the files they sent; nothing is served.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class PatronDataTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    EntityManager em;

    @Inject
    ChannelRegistry channels;

    /** The patron's rows in each table that holds them. */
    Map<String, Long> rows(String waId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : new String[] {"webhook_receipt", "outbound_send", "media_file"}) {
                rows.put(table, ((Number) em.createNativeQuery("SELECT count(*) FROM " + table + " WHERE wa_id = ?1")
                        .setParameter(1, waId).getSingleResult()).longValue());
            }
            return rows;
        });
    }

    boolean erased(String waId) {
        return rows(waId).values().stream().allMatch(n -> n == 0);
    }

    /** A text and a document from the patron, a reply sent to them and its status: rows in every table. */
    String patronWithEverything() throws Exception {
        String waId = patron("62851");
        byte[] pdf = "%PDF-1.4 surat keterangan".getBytes(StandardCharsets.US_ASCII);
        String mediaId = TestInfrastructure.whatsapp().addMedia(pdf, "application/pdf", 0);
        ObjectNode document = sample("image_message.json");
        ObjectNode value = (ObjectNode) document.at("/entry/0/changes/0/value");
        ((ObjectNode) value.at("/contacts/0")).put("wa_id", waId);
        ObjectNode message = (ObjectNode) value.at("/messages/0");
        message.put("from", waId).put("id", MetaWebhooks.newWamid()).put("type", "document");
        message.remove("image");
        message.putObject("document").put("id", mediaId).put("mime_type", "application/pdf").put("sha256", "x")
                .put("filename", "surat.pdf");
        assertThat(signedPost(bytes(textMessage(waId, MetaWebhooks.newWamid(), "halo kak")))).isEqualTo(200);
        assertThat(signedPost(bytes(document))).isEqualTo(200);

        OutboundMessage reply = OutboundMessage.text(UUID.randomUUID(), waId, "Halo! Ada yang bisa kami bantu?",
                OutboundMessage.Origin.ROUTING, null, null);
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            TopicProbe.publish(Topics.WHATSAPP_OUTBOUND, waId, JSON.writeValueAsString(reply), Map.of());
            String wamid = JSON.readTree(sent.await(r -> r.value().contains(reply.commandId().toString()), WAIT).value())
                    .path("wamid").asText();
            ObjectNode status = sample("status_sent.json");
            ((ObjectNode) status.at("/entry/0/changes/0/value/statuses/0")).put("id", wamid).put("recipient_id", waId);
            assertThat(signedPost(bytes(status))).isEqualTo(200);
        }
        // 3 receipts (2 messages, 1 status), 1 send, 1 file.
        await().atMost(WAIT).until(() -> rows(waId).equals(Map.of("webhook_receipt", 3L, "outbound_send", 1L,
                "media_file", 1L)));
        return waId;
    }

    static void erase(String waId) throws Exception {
        PatronErasure erasure = new PatronErasure(UUID.randomUUID(), waId, PatronErasure.Origin.ADMIN, "kepala",
                Instant.now());
        TopicProbe.publish(Topics.PATRON_ERASURE, waId, JSON.writeValueAsString(erasure), Map.of());
    }

    static JsonNode export(String waId) {
        return given().auth().oauth2(TestInfrastructure.token("kepala", "admin"))
                .get("/api/gateway/patrons/{waId}/export", waId).then().statusCode(200).extract().as(JsonNode.class);
    }

    @Test
    void aPatronIsExportedThenErasedAndTheirFileIsNoLongerServed() throws Exception {
        String waId = patronWithEverything();
        String other = patronWithEverything();
        JsonNode before = export(waId);
        assertThat(before.path("webhookReceipts")).hasSize(3);
        assertThat(before.path("sends")).hasSize(1);
        assertThat(before.path("files")).hasSize(1);
        assertThat(before.path("files").get(0).has("content")).isFalse();
        String mediaId = before.path("files").get(0).path("media_id").asText();
        given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian")).get("/media/" + mediaId)
                .then().statusCode(200);
        given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian"))
                .get("/api/gateway/patrons/{waId}/export", waId).then().statusCode(403);

        erase(waId);
        await().atMost(WAIT).until(() -> erased(waId));
        given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian")).get("/media/" + mediaId)
                .then().statusCode(404);
        JsonNode after = export(waId);
        assertThat(after.path("sends")).isEmpty();
        assertThat(after.path("files")).isEmpty();
        assertThat(rows(other).values()).containsExactly(3L, 1L, 1L);
    }

    @Test
    void anErasurePublishedWhileTheConsumerWasNotRunningIsObeyedWhenItRuns() throws Exception {
        String waId = patronWithEverything();
        var consumer = channels.getPausable(Topics.PATRON_ERASURE);
        consumer.pause();
        try {
            erase(waId);
            await().atMost(WAIT).until(() -> ConsumerGroups.behindTheEnd("gateway-service-erasure",
                    Topics.PATRON_ERASURE));
            assertThat(erased(waId)).isFalse();
        } finally {
            consumer.resume();
        }
        await().atMost(WAIT).until(() -> erased(waId));
    }

    @Inject
    Retention retention;

    @Test
    void theDailyJobDeletesSendsAndFilesPastTheirRetentionAndKeepsYoungOnes() throws Exception {
        String old = patronWithEverything();
        String young = patronWithEverything();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("UPDATE outbound_send SET created_at = now() - interval '91 days' WHERE wa_id = ?1")
                    .setParameter(1, old).executeUpdate();
            em.createNativeQuery("UPDATE media_file SET stored_at = now() - interval '91 days' WHERE wa_id = ?1")
                    .setParameter(1, old).executeUpdate();
        });
        Map<String, Integer> deleted = retention.run(Instant.now());
        assertThat(deleted.get("outbound_send")).isPositive();
        assertThat(deleted.get("media_file")).isPositive();
        assertThat(rows(old).get("outbound_send")).isZero();
        assertThat(rows(old).get("media_file")).isZero();
        assertThat(rows(young).values()).containsExactly(3L, 1L, 1L);
    }
}
