package org.tanyapustaka.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.tanyapustaka.gateway.SignedWebhooks.bytes;
import static org.tanyapustaka.gateway.SignedWebhooks.post;
import static org.tanyapustaka.gateway.SignedWebhooks.sample;
import static org.tanyapustaka.gateway.SignedWebhooks.textMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class WebhookTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void handshakeAnswersTheBareChallengeForTheRightVerifyToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", TestInfrastructure.VERIFY_TOKEN)
                .queryParam("hub.challenge", "1158201444")
                .get("/webhook").then().statusCode(200).body(equalTo("1158201444"));
    }

    @Test
    void handshakeWithAWrongVerifyTokenIsForbidden() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "not-the-token")
                .queryParam("hub.challenge", "1158201444")
                .get("/webhook").then().statusCode(403);
        given().queryParam("hub.mode", "subscribe").queryParam("hub.challenge", "1158201444")
                .get("/webhook").then().statusCode(403);
    }

    @Test
    void signedSampleIsPublishedKeyedByWaIdWithCloudEventsHeaders() throws Exception {
        String waId = "62812" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String wamid = MetaWebhooks.newWamid();
        byte[] body = bytes(textMessage(waId, wamid, "halo kak, perpus buka jam brp? 📚 café @ UBB"));
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            assertThat(post(body, MetaWebhooks.sign(TestInfrastructure.APP_SECRET, body))).isEqualTo(200);

            ConsumerRecord<String, String> record = inbound.await(r -> r.value().contains(wamid), Duration.ofSeconds(30));
            assertThat(record.key()).isEqualTo(waId);
            assertThat(TopicProbe.header(record, "ce_id")).isEqualTo(EventIds.ofWamid(wamid).toString());
            assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("org.tanyapustaka.patron-message.v1");
            assertThat(TopicProbe.header(record, "ce_source")).isNotBlank();
            JsonNode message = JSON.readTree(record.value());
            assertThat(message.path("waId").asText()).isEqualTo(waId);
            assertThat(message.path("profileName").asText()).isEqualTo("Sheena Nelson");
            assertThat(message.path("type").asText()).isEqualTo("text");
            assertThat(message.path("text").asText()).isEqualTo("halo kak, perpus buka jam brp? 📚 café @ UBB");
            assertThat(message.path("sentAt").asText()).isEqualTo("2025-06-08T20:59:43Z");
        }
    }

    @Test
    void wrongOrMissingSignatureIsRefusedAndNothingIsPublished() throws Exception {
        String waId = "62813" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String forged = MetaWebhooks.newWamid();
        String genuine = MetaWebhooks.newWamid();
        byte[] forgedBody = bytes(textMessage(waId, forged, "halo"));
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            assertThat(post(forgedBody, MetaWebhooks.sign("another-secret", forgedBody))).isEqualTo(401);
            assertThat(post(forgedBody, null)).isEqualTo(401);
            assertThat(post(forgedBody, "sha256=" + "0".repeat(64))).isEqualTo(401);
            assertThat(post(forgedBody, "sha256=nothex")).isEqualTo(401);

            // A genuine message from the same patron goes to the same partition, after the refused ones.
            byte[] genuineBody = bytes(textMessage(waId, genuine, "halo"));
            assertThat(post(genuineBody, MetaWebhooks.sign(TestInfrastructure.APP_SECRET, genuineBody))).isEqualTo(200);
            inbound.await(r -> r.value().contains(genuine), Duration.ofSeconds(30));
            assertThat(inbound.seen()).noneMatch(r -> r.value().contains(forged));
        }
    }

    @Test
    void signedBodyThatIsNotJsonIsABadRequest() {
        byte[] body = "this is not json".getBytes(StandardCharsets.UTF_8);
        assertThat(post(body, MetaWebhooks.sign(TestInfrastructure.APP_SECRET, body))).isEqualTo(400);
    }

    @Test
    void signedJsonOfAnotherShapeIsAcknowledgedAndKeptOnTheDeadLetterTopic() throws Exception {
        String marker = UUID.randomUUID().toString();
        byte[] body = ("{\"object\":\"page\",\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8);
        try (TopicProbe deadLetters = new TopicProbe(Topics.WHATSAPP_WEBHOOK_DLQ)) {
            assertThat(post(body, MetaWebhooks.sign(TestInfrastructure.APP_SECRET, body))).isEqualTo(200);
            ConsumerRecord<String, String> kept = deadLetters.await(r -> r.value().contains(marker), Duration.ofSeconds(30));
            assertThat(TopicProbe.header(kept, "dead-letter-reason")).contains("whatsapp_business_account");
        }
    }

    @Test
    void statusWebhookIsPublishedOnTheStatusTopic() throws Exception {
        ObjectNode payload = sample("status_sent.json");
        String wamid = MetaWebhooks.newWamid();
        ((ObjectNode) payload.at("/entry/0/changes/0/value/statuses/0")).put("id", wamid);
        byte[] body = bytes(payload);
        try (TopicProbe statuses = new TopicProbe(Topics.WHATSAPP_STATUS)) {
            assertThat(post(body, MetaWebhooks.sign(TestInfrastructure.APP_SECRET, body))).isEqualTo(200);
            ConsumerRecord<String, String> record = statuses.await(r -> r.value().contains(wamid), Duration.ofSeconds(30));
            assertThat(record.key()).isEqualTo("16505551234");
            JsonNode status = JSON.readTree(record.value());
            assertThat(status.path("status").asText()).isEqualTo("sent");
            assertThat(status.path("id").asText()).isEqualTo(EventIds.ofStatus(wamid, "sent").toString());
        }
    }
}
