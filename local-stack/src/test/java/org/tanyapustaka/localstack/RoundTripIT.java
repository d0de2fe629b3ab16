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
                Path.of("../data/whatsapp/samples/text_message.json")));
        ObjectNode value = (ObjectNode) payload.at("/entry/0/changes/0/value");
        ((ObjectNode) value.at("/contacts/0")).put("wa_id", waId);
        ((ObjectNode) value.at("/messages/0")).put("from", waId).put("id", wamid)
                .put("timestamp", String.valueOf(java.time.Instant.now().getEpochSecond()));
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

    @Test
    void twoMessagesInOneWebhookAreAnsweredInTheirOrder() throws Exception {
        String waId = "6281377700003";
        ObjectNode payload = (ObjectNode) JSON.readTree(sample(waId, MetaWebhooks.newWamid(), "perpus buka jam brp kak?"));
        com.fasterxml.jackson.databind.node.ArrayNode messages = (com.fasterxml.jackson.databind.node.ArrayNode) payload
                .at("/entry/0/changes/0/value/messages");
        ObjectNode second = messages.get(0).deepCopy();
        second.put("id", MetaWebhooks.newWamid());
        second.put("timestamp", String.valueOf(Long.parseLong(messages.get(0).path("timestamp").asText()) + 1));
        ((ObjectNode) second.path("text")).put("body", "syarat bebas pustaka apa aja?");
        messages.add(second);
        assertThat(post(JSON.writeValueAsBytes(payload))).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(waId).size() >= 2);
        List<JsonNode> replies = messagesTo(waId);
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).at("/request/interactive/body/text").asText()).contains("Senin");
        assertThat(replies.get(1).at("/request/interactive/body/text").asText().toLowerCase(java.util.Locale.ROOT))
                .contains("bebas pustaka");
    }

    /**
     * A patron asks for a librarian on WhatsApp; a librarian claims the conversation and replies over REST; the reply
     * reaches the Graph API as the librarian wrote it, and WhatsApp's delivery statuses come back onto the transcript;
     * then a PDF, which the gateway uploads and sends as a document.
     */
    @Test
    void librarianRepliesThroughTheWholeSystemAndSeesTheDelivery() throws Exception {
        String waId = "6281377700004";
        String admin = TestInfrastructure.token("kepala@perpustakaan.ac.id", "admin");
        String librarian = TestInfrastructure.token("dewi.lestari@perpustakaan.ac.id", "librarian");
        // The desk is closed (no weekly hours), so the conversation waits in the queue until someone claims it.
        assertThat(http("PUT", routing.uri("/api/routing/service-hours/weekly"), admin, "[]").statusCode()).isEqualTo(200);

        assertThat(post(sample(waId, MetaWebhooks.newWamid(), "kak saya mau ngobrol sama pustakawan"))).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(waId).stream()
                .anyMatch(m -> m.at("/request/text/body").asText().contains("di luar jam layanan pustakawan")));
        JsonNode queue = JSON.readTree(http("GET", routing.uri("/api/routing/handovers?status=queued"), librarian, null)
                .body());
        JsonNode mine = StreamSupport.stream(queue.spliterator(), false)
                .filter(h -> waId.equals(h.path("waId").asText())).findFirst().orElseThrow();
        String handover = mine.path("id").asText();
        assertThat(mine.path("patronName").asText()).isEqualTo("Sheena Nelson");

        assertThat(http("POST", routing.uri("/api/routing/handovers/" + handover + "/claim"), librarian, null)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> sent = http("POST", routing.uri("/api/routing/handovers/" + handover + "/replies"), librarian,
                "{\"text\": \"Halo Sheena, saya Dewi dari perpustakaan. Ada yang bisa dibantu?\"}");
        assertThat(sent.statusCode()).isEqualTo(202);
        String command = JSON.readTree(sent.body()).path("commandId").asText();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(waId).stream()
                .anyMatch(m -> m.at("/request/text/body").asText().startsWith("Halo Sheena, saya Dewi")));
        // The stand-in reports sent, delivered and read; the gateway passes them on; the transcript shows "read".
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode detail = JSON.readTree(http("GET", routing.uri("/api/routing/handovers/" + handover), librarian, null)
                    .body());
            return StreamSupport.stream(detail.path("transcript").spliterator(), false)
                    .anyMatch(line -> command.equals(line.path("id").asText()) && "read".equals(line.path("delivery").asText())
                            && "librarian".equals(line.path("author").asText()));
        });

        // Then a PDF: routing keeps it, the gateway fetches it (claim check), uploads it and sends it by media id.
        byte[] pdf = ("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        HttpResponse<String> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                routing.uri("/api/routing/handovers/" + handover + "/attachments?caption=Surat%20bebas%20pustaka"))
                .header("Authorization", "Bearer " + librarian).header("Content-Type", "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"surat-bebas-pustaka.pdf\"")
                .header("Idempotency-Key", "surat-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).as(file.body()).isEqualTo(202);
        String attachment = JSON.readTree(file.body()).path("attachmentId").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(waId).stream()
                .anyMatch(m -> m.at("/request/type").asText().equals("document")));
        JsonNode document = messagesTo(waId).stream().filter(m -> m.at("/request/type").asText().equals("document"))
                .findFirst().orElseThrow();
        assertThat(document.at("/request/document/filename").asText()).isEqualTo("surat-bebas-pustaka.pdf");
        assertThat(document.at("/request/document/caption").asText()).isEqualTo("Surat bebas pustaka");
        byte[] received = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                TestInfrastructure.whatsappBaseUrl() + document.at("/media/url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(received).isEqualTo(pdf);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode detail = JSON.readTree(http("GET", routing.uri("/api/routing/handovers/" + handover), librarian, null)
                    .body());
            return StreamSupport.stream(detail.path("transcript").spliterator(), false)
                    .anyMatch(line -> attachment.equals(line.path("id").asText())
                            && "document".equals(line.path("kind").asText())
                            && "read".equals(line.path("delivery").asText()));
        });
    }

    static HttpResponse<String> http(String method, URI uri, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
