package org.tanyapustaka.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.gateway.SignedWebhooks.patron;
import static org.tanyapustaka.gateway.SignedWebhooks.sample;
import static org.tanyapustaka.gateway.SignedWebhooks.signedPost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.gateway.SignedWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/** Meta's delivery semantics: copies, concurrency, signatures over non-ASCII text, sizes, every message type. */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class WebhookDeliveryTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** After this later message from the same patron is published, every earlier copy has been handled. */
    static void publishMarkerAndAwait(TopicProbe inbound, String waId) throws Exception {
        String marker = MetaWebhooks.newWamid();
        assertThat(signedPost(SignedWebhooks.bytes(SignedWebhooks.textMessage(waId, marker, "menu")))).isEqualTo(200);
        inbound.await(r -> r.value().contains(marker), Duration.ofSeconds(30));
    }

    /** Posts every body at the same moment, each from a thread of its own; the HTTP statuses, in order. */
    static List<Integer> postAllAtOnce(List<byte[]> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (byte[] body : bodies) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return signedPost(body);
                }, pool));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyConcurrentCopiesOfOneWebhookArePublishedOnce() throws Exception {
        String waId = patron("62821");
        String wamid = MetaWebhooks.newWamid();
        byte[] body = SignedWebhooks.bytes(SignedWebhooks.textMessage(waId, wamid, "halo kak"));
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            assertThat(postAllAtOnce(java.util.Collections.nCopies(50, body))).containsOnly(200);
            publishMarkerAndAwait(inbound, waId);
            assertThat(inbound.seen().stream().filter(r -> r.value().contains(wamid))).hasSize(1);
        }
    }

    /** A webhook carrying these messages of one patron (each a copy of the real text sample), in this order. */
    static byte[] batch(String waId, List<String> wamids) {
        ObjectNode payload = SignedWebhooks.textMessage(waId, wamids.get(0), "pesan " + wamids.get(0));
        com.fasterxml.jackson.databind.node.ArrayNode messages =
                (com.fasterxml.jackson.databind.node.ArrayNode) payload.at("/entry/0/changes/0/value/messages");
        for (String wamid : wamids.subList(1, wamids.size())) {
            ObjectNode copy = messages.get(0).deepCopy();
            copy.put("id", wamid);
            ((ObjectNode) copy.get("text")).put("body", "pesan " + wamid);
            messages.add(copy);
        }
        return SignedWebhooks.bytes(payload);
    }

    @Test
    void theSameMessageTwiceInOneWebhookIsAcknowledgedAndPublishedOnce() throws Exception {
        String waId = patron("62827");
        String wamid = MetaWebhooks.newWamid();
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            long started = System.nanoTime();
            assertThat(signedPost(batch(waId, List.of(wamid, wamid)))).isEqualTo(200);
            // Not after waiting for itself: its own receipt is not "another delivery being published".
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            publishMarkerAndAwait(inbound, waId);
            assertThat(inbound.seen().stream().filter(r -> r.value().contains(wamid))).hasSize(1);
        }
    }

    @Test
    void overlappingWebhooksDeliveredConcurrentlyPublishEveryMessageOnce() throws Exception {
        String waId = patron("62828");
        List<String> wamids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            wamids.add(MetaWebhooks.newWamid());
        }
        // Webhook i carries messages i, i+1 and i+2, in forward or reverse order, each delivered three times at once:
        // every message is in up to nine concurrent requests, which take their receipts in one statement each.
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i + 2 < wamids.size(); i++) {
            List<String> three = new ArrayList<>(wamids.subList(i, i + 3));
            if (i % 2 == 1) {
                java.util.Collections.reverse(three);
            }
            for (int copy = 0; copy < 3; copy++) {
                bodies.add(batch(waId, three));
            }
        }
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            // Before, a request held the receipts it had taken while it waited for the others: two such webhooks
            // waited for each other until both answered 503.
            assertThat(postAllAtOnce(bodies)).containsOnly(200);
            publishMarkerAndAwait(inbound, waId);
            for (String wamid : wamids) {
                assertThat(inbound.seen().stream().filter(r -> r.value().contains(wamid))).as(wamid).hasSize(1);
            }
        }
    }

    @Test
    void aMessageWhosePublisherStoppedMidwayIsNotAcknowledgedUntilItIsPublished() throws Exception {
        String waId = patron("62822");
        String wamid = MetaWebhooks.newWamid();
        byte[] body = SignedWebhooks.bytes(SignedWebhooks.textMessage(waId, wamid, "kak, perpus buka jam brp?"));
        // As a gateway killed between taking the receipt and Kafka's acknowledgement leaves it.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> io.quarkus.hibernate.orm.panache.Panache
                .getEntityManager().createNativeQuery("INSERT INTO webhook_receipt (receipt_key, state, received_at) "
                        + "VALUES (?1, 'PENDING', now())")
                .setParameter(1, WebhookReceipt.ofMessage(wamid)).executeUpdate());
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            // Meta's redelivery meanwhile: not a duplicate to drop with a 200, but "try again later".
            assertThat(signedPost(body)).isEqualTo(503);
            // Once the receipt is stale, the next redelivery takes it over and publishes the message, once.
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> io.quarkus.hibernate.orm.panache.Panache
                    .getEntityManager().createNativeQuery("UPDATE webhook_receipt SET received_at = now() - interval "
                            + "'1 hour' WHERE receipt_key = ?1")
                    .setParameter(1, WebhookReceipt.ofMessage(wamid)).executeUpdate());
            assertThat(signedPost(body)).isEqualTo(200);
            assertThat(signedPost(body)).isEqualTo(200);
            publishMarkerAndAwait(inbound, waId);
            assertThat(inbound.seen().stream().filter(r -> r.value().contains(wamid))).hasSize(1);
        }
    }

    @Test
    void statusCopiesArePublishedOncePerStatus() throws Exception {
        String wamid = MetaWebhooks.newWamid();
        MetaWebhooks meta = new MetaWebhooks(TestInfrastructure.APP_SECRET, TestInfrastructure.PHONE_NUMBER_ID);
        String waId = patron("62822");
        try (TopicProbe statuses = new TopicProbe(Topics.WHATSAPP_STATUS)) {
            for (String status : List.of("sent", "delivered", "sent", "read", "delivered", "read")) {
                assertThat(signedPost(SignedWebhooks.bytes(meta.status(wamid, waId, status, java.time.Instant.now()))))
                        .isEqualTo(200);
            }
            String marker = MetaWebhooks.newWamid();
            assertThat(signedPost(SignedWebhooks.bytes(meta.status(marker, waId, "sent", java.time.Instant.now()))))
                    .isEqualTo(200);
            statuses.await(r -> r.value().contains(marker), Duration.ofSeconds(30));
            List<String> published = statuses.seen().stream().filter(r -> r.value().contains(wamid))
                    .map(r -> readStatus(r)).toList();
            assertThat(published).containsExactlyInAnyOrder("sent", "delivered", "read");
        }
    }

    static String readStatus(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signatureOverTheEscapedFormOfNonAsciiTextIsAccepted() throws Exception {
        String waId = patron("62823");
        String wamid = MetaWebhooks.newWamid();
        String text = "Bukunya sudah saya kembalikan ke meja sirkulasi 😊 — café@perpus, naïve";
        byte[] raw = SignedWebhooks.bytes(SignedWebhooks.textMessage(waId, wamid, text));
        StringBuilder escaped = new StringBuilder();
        for (char c : new String(raw, StandardCharsets.UTF_8).toCharArray()) {
            escaped.append(c < 0x80 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        String escapedSignature = MetaWebhooks.sign(TestInfrastructure.APP_SECRET,
                escaped.toString().getBytes(StandardCharsets.US_ASCII));
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            assertThat(SignedWebhooks.post(raw, escapedSignature)).isEqualTo(200);
            JsonNode message = JSON.readTree(inbound.await(r -> r.value().contains(wamid), Duration.ofSeconds(30)).value());
            assertThat(message.path("text").asText()).isEqualTo(text);
        }
        // The same body signed with another secret, in either form, is still refused.
        assertThat(SignedWebhooks.post(raw, MetaWebhooks.sign("another-secret",
                escaped.toString().getBytes(StandardCharsets.US_ASCII)))).isEqualTo(401);
    }

    @Test
    void bodyOverThreeMegabytesIsRefusedWith413() {
        byte[] body = new byte[3 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        assertThat(signedPost(body)).isEqualTo(413);
    }

    @Test
    void everyRealSampleBecomesAPatronMessage() throws Exception {
        record Expectation(String file, String type, String field, String value) {
        }
        List<Expectation> expectations = List.of(
                new Expectation("text_message.json", "text", "text", "Does it come in another color?"),
                new Expectation("interactive_button_reply.json", "interactive", "replyId", null),
                new Expectation("interactive_list_reply.json", "interactive", "replyId", "priority_express"),
                new Expectation("template_quick_reply_button.json", "button", "replyId", null),
                new Expectation("image_message.json", "image", "media", null),
                new Expectation("location_message.json", "location", "location", null),
                new Expectation("unsupported_message.json", "unsupported", "error", null));
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            for (Expectation expected : expectations) {
                ObjectNode sample = SignedWebhooks.sample(expected.file());
                JsonNode original = sample.at("/entry/0/changes/0/value/messages/0");
                String wamid = MetaWebhooks.newWamid();
                ((ObjectNode) original).put("id", wamid);
                assertThat(signedPost(SignedWebhooks.bytes(sample))).as(expected.file()).isEqualTo(200);
                JsonNode message = JSON.readTree(inbound.await(r -> r.value().contains(wamid), Duration.ofSeconds(30)).value());
                assertThat(message.path("type").asText()).as(expected.file()).isEqualTo(expected.type());
                assertThat(message.path("waId").asText()).isEqualTo(original.path("from").asText());
                assertThat(message.has(expected.field())).as(expected.file() + " has " + expected.field()).isTrue();
                if (expected.value() != null) {
                    assertThat(message.path(expected.field()).asText()).isEqualTo(expected.value());
                }
                if (original.has("context")) {
                    assertThat(message.path("contextWamid").asText()).isEqualTo(original.at("/context/id").asText());
                }
                if (expected.type().equals("image")) {
                    assertThat(message.at("/media/id").asText()).isEqualTo(original.at("/image/id").asText());
                    assertThat(message.at("/media/sha256").asText()).isEqualTo(original.at("/image/sha256").asText());
                    assertThat(message.at("/media/mimeType").asText()).isEqualTo(original.at("/image/mime_type").asText());
                }
                if (expected.type().equals("unsupported")) {
                    assertThat(message.at("/error/code").asInt()).isEqualTo(original.at("/errors/0/code").asInt());
                }
            }
        }
    }

    @Test
    void unknownFieldsAndUnknownMessageTypesNeverFailADelivery() throws Exception {
        String waId = patron("62824");
        String wamid = MetaWebhooks.newWamid();
        ObjectNode payload = SignedWebhooks.textMessage(waId, wamid, "ignored");
        ObjectNode message = (ObjectNode) payload.at("/entry/0/changes/0/value/messages/0");
        message.put("type", "order").remove("text");
        message.putObject("order").put("catalog_id", "123").putArray("product_items");
        message.put("brand_new_field", true);
        ((ObjectNode) payload.at("/entry/0/changes/0/value")).putObject("something_new").put("x", 1);
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            assertThat(signedPost(SignedWebhooks.bytes(payload))).isEqualTo(200);
            JsonNode published = JSON.readTree(inbound.await(r -> r.value().contains(wamid), Duration.ofSeconds(30)).value());
            assertThat(published.path("type").asText()).isEqualTo("unsupported");
        }
    }

    @Test
    void accountLevelErrorsArePublishedAsAlerts() throws Exception {
        ObjectNode payload = SignedWebhooks.sample("status_sent.json");
        ObjectNode value = (ObjectNode) payload.at("/entry/0/changes/0/value");
        value.remove("statuses");
        String title = "Business account restricted " + System.nanoTime();
        value.putArray("errors").addObject().put("code", 131031).put("title", title)
                .putObject("error_data").put("details", "Account has been locked");
        try (TopicProbe alerts = new TopicProbe(Topics.WHATSAPP_ALERTS)) {
            assertThat(signedPost(SignedWebhooks.bytes(payload))).isEqualTo(200);
            ConsumerRecord<String, String> alert = alerts.await(r -> r.value().contains(title), Duration.ofSeconds(30));
            assertThat(alert.key()).isEqualTo("106540352242922");
            JsonNode read = JSON.readTree(alert.value());
            assertThat(read.path("code").asInt()).isEqualTo(131031);
            assertThat(read.path("source").asText()).isEqualTo("webhook");
            assertThat(read.path("details").asText()).isEqualTo("Account has been locked");
        }
    }

    @Test
    void rejectionsAndDuplicatesAreCountedInMetrics() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SignedWebhooks.post(body, "sha256=" + "1".repeat(64));
        byte[] twice = SignedWebhooks.bytes(SignedWebhooks.textMessage(patron("62825"), MetaWebhooks.newWamid(), "halo"));
        assertThat(signedPost(twice)).isEqualTo(200);
        assertThat(signedPost(twice)).isEqualTo(200);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("webhook_rejected_total{reason=\"signature\"")
                .contains("webhook_duplicates_total{kind=\"message\"");
    }

    @Test
    void failedStatusCarriesWhatsAppsError() throws Exception {
        ObjectNode payload = sample("status_failed.json");
        ObjectNode status = (ObjectNode) payload.at("/entry/0/changes/0/value/statuses/0");
        String wamid = MetaWebhooks.newWamid();
        status.put("id", wamid);
        try (TopicProbe statuses = new TopicProbe(Topics.WHATSAPP_STATUS)) {
            assertThat(signedPost(SignedWebhooks.bytes(payload))).isEqualTo(200);
            JsonNode published = JSON.readTree(statuses.await(r -> r.value().contains(wamid), Duration.ofSeconds(30)).value());
            assertThat(published.path("status").asText()).isEqualTo("failed");
            assertThat(published.at("/error/code").asInt()).isEqualTo(status.at("/errors/0/code").asInt());
            assertThat(published.at("/error/title").asText()).isEqualTo(status.at("/errors/0/title").asText());
        }
    }

    @Test
    void reactionsAndSharedContactsBecomePatronMessages() throws Exception {
        String waId = patron("62826");
        String reacted = MetaWebhooks.newWamid();
        String reactionWamid = MetaWebhooks.newWamid();
        String contactsWamid = MetaWebhooks.newWamid();
        ObjectNode reaction = SignedWebhooks.textMessage(waId, reactionWamid, "x");
        ObjectNode message = (ObjectNode) reaction.at("/entry/0/changes/0/value/messages/0");
        message.put("type", "reaction").remove("text");
        message.putObject("reaction").put("message_id", reacted).put("emoji", "👍");
        ObjectNode contacts = SignedWebhooks.textMessage(waId, contactsWamid, "x");
        ObjectNode card = (ObjectNode) contacts.at("/entry/0/changes/0/value/messages/0");
        card.put("type", "contacts").remove("text");
        ObjectNode contact = card.putArray("contacts").addObject();
        contact.putObject("name").put("formatted_name", "Bu Rina (Sirkulasi)").put("first_name", "Rina");
        contact.putArray("phones").addObject().put("phone", "+62 812-3456-7890").put("type", "CELL");
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            assertThat(signedPost(SignedWebhooks.bytes(reaction))).isEqualTo(200);
            assertThat(signedPost(SignedWebhooks.bytes(contacts))).isEqualTo(200);
            JsonNode thumbsUp = JSON.readTree(inbound.await(r -> r.value().contains(reactionWamid), Duration.ofSeconds(30)).value());
            assertThat(thumbsUp.path("type").asText()).isEqualTo("reaction");
            assertThat(thumbsUp.path("text").asText()).isEqualTo("👍");
            assertThat(thumbsUp.path("contextWamid").asText()).isEqualTo(reacted);
            JsonNode shared = JSON.readTree(inbound.await(r -> r.value().contains(contactsWamid), Duration.ofSeconds(30)).value());
            assertThat(shared.path("type").asText()).isEqualTo("contacts");
            assertThat(shared.path("text").asText()).isEqualTo("Bu Rina (Sirkulasi): +62 812-3456-7890");
        }
    }
}
