package org.tanyapustaka.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TestInfrastructure;

/**
 * A patron says "halo" on WhatsApp and gets the library's menu back: the real gateway and routing services (the
 * packaged jars, each in its own JVM), a real Kafka broker and PostgreSQL, and the Graph API stand-in.
 */
class RoundTripIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static ServiceProcess gateway;
    static ServiceProcess routing;

    @BeforeAll
    static void startServices() throws Exception {
        TestInfrastructure.ensureStarted("gateway");
        TestInfrastructure.ensureStarted("routing");
        gateway = ServiceProcess.start("gateway-service", "gateway");
        routing = ServiceProcess.start("routing-service", "routing");
        gateway.awaitReady(Duration.ofSeconds(120));
        routing.awaitReady(Duration.ofSeconds(120));
        TestInfrastructure.whatsapp().deliverWebhooksTo(gateway.uri("/webhook"));
        TestInfrastructure.whatsapp().sendStatuses(true);
    }

    @AfterAll
    static void stopServices() throws Exception {
        TestInfrastructure.whatsapp().sendStatuses(false);
        if (gateway != null) {
            gateway.close();
        }
        if (routing != null) {
            routing.close();
        }
    }

    /** The real sample webhook, text changed, for a patron and wamid of the test's own. */
    static byte[] sample(String waId, String wamid, String text) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Files.readString(
                Path.of("../../shared/whatsapp/samples/text_message.json")));
        ObjectNode value = (ObjectNode) payload.at("/entry/0/changes/0/value");
        ((ObjectNode) value.at("/contacts/0")).put("wa_id", waId);
        ((ObjectNode) value.at("/messages/0")).put("from", waId).put("id", wamid);
        ((ObjectNode) value.at("/messages/0/text")).put("body", text);
        return JSON.writeValueAsBytes(payload);
    }

    static int post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/webhook"))
                .header("Content-Type", "application/json")
                .header(MetaWebhooks.SIGNATURE_HEADER, MetaWebhooks.sign(TestInfrastructure.APP_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What the stand-in Graph API received for the patron (mark-as-read calls excluded). */
    static List<JsonNode> messagesTo(String waId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(TestInfrastructure.whatsappBaseUrl() + "/sandbox/messages?to=" + waId)).build(),
                HttpResponse.BodyHandlers.ofString());
        return StreamSupport.stream(JSON.readTree(response.body()).spliterator(), false)
                .filter(m -> !m.path("request").has("status")).toList();
    }

    static boolean isMenu(JsonNode message) {
        return message.at("/request/interactive/type").asText().equals("list")
                && message.at("/request/interactive/body/text").asText().startsWith("Halo");
    }

    /** After this second message is answered, every reply the first could cause has been sent. */
    static void sendFollowUpAndAwaitItsReply(String waId) throws Exception {
        assertThat(post(sample(waId, MetaWebhooks.newWamid(), "terima kasih kak"))).isEqualTo(200);
        // Up to a minute: after a restart, Kafka first gives the new consumer its partitions.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> messagesTo(waId).stream()
                .anyMatch(m -> m.at("/request/text/body").asText().startsWith("Sama-sama")));
    }

    @Test
    void haloOnWhatsAppIsAnsweredWithTheServiceListExactlyOnce() throws Exception {
        String waId = "6281377700001";
        assertThat(post(sample(waId, MetaWebhooks.newWamid(), "halo"))).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(waId).stream().anyMatch(RoundTripIT::isMenu));
        JsonNode reply = messagesTo(waId).get(0);
        assertThat(reply.at("/request/to").asText()).isEqualTo(waId);
        assertThat(reply.at("/request/messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(reply.at("/request/interactive/action/sections/0/rows")).hasSize(9);
        assertThat(reply.at("/request/interactive/body/text").asText()).startsWith("Halo, Sheena!");

        sendFollowUpAndAwaitItsReply(waId);
        assertThat(messagesTo(waId).stream().filter(RoundTripIT::isMenu)).hasSize(1);

        // Meta then reports the reply sent, delivered and read: the gateway accepts the signed statuses.
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "read".equals(messagesTo(waId).get(0).path("status").asText()));
    }

    @Test
    void sameWebhookPostedTwiceAtTheSameMomentIsAnsweredOnce() throws Exception {
        String waId = "6281377700002";
        byte[] body = sample(waId, MetaWebhooks.newWamid(), "halo");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> deliveries = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            deliveries.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return post(body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        for (CompletableFuture<Integer> delivery : deliveries) {
            assertThat(delivery.get()).isEqualTo(200);
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(waId).stream().anyMatch(RoundTripIT::isMenu));
        sendFollowUpAndAwaitItsReply(waId);
        assertThat(messagesTo(waId).stream().filter(RoundTripIT::isMenu)).hasSize(1);
    }
}
