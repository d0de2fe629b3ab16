package org.tanyapustaka.gateway.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.tanyapustaka.gateway.SignedWebhooks.bytes;
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
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.InternalSignature;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/** Librarians must be able to open a Turnitin file or a scanned approval page a patron sent. */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class MediaFetcherTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** tanya.attachments.secret in the test profile, shared with routing. */
    static final String SECRET = "test-attachments-secret";

    /** Meta's image sample turned into a document message carrying the given media id. */
    static ObjectNode documentMessage(String waId, String wamid, String mediaId) {
        return documentMessage(waId, wamid, mediaId, "application/pdf", "Skripsi_Bab1-5.pdf");
    }

    static ObjectNode documentMessage(String waId, String wamid, String mediaId, String mimeType, String filename) {
        ObjectNode payload = sample("image_message.json");
        ObjectNode value = (ObjectNode) payload.at("/entry/0/changes/0/value");
        ((ObjectNode) value.at("/contacts/0")).put("wa_id", waId);
        ObjectNode message = (ObjectNode) value.at("/messages/0");
        message.put("from", waId).put("id", wamid).put("type", "document");
        message.remove("image");
        message.putObject("document").put("id", mediaId).put("mime_type", mimeType)
                .put("sha256", "ignored-by-the-test").put("filename", filename)
                .put("caption", "Kak, ini file untuk cek Turnitin");
        return payload;
    }

    static JsonNode publishedMessage(TopicProbe inbound, String wamid) throws Exception {
        return JSON.readTree(inbound.await(r -> r.value().contains(wamid), Duration.ofSeconds(30)).value());
    }

    @Test
    void attachmentIsStoredServedToLibrariansAndTheMessagePublishedAfterIt() throws Exception {
        byte[] pdf = ("%PDF-1.4 Skripsi Bab 1-5 " + "isi ".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        String mediaId = TestInfrastructure.whatsapp().addMedia(pdf, "application/pdf", 1); // first download fails
        String wamid = MetaWebhooks.newWamid();
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            assertThat(signedPost(bytes(documentMessage(patron("62831"), wamid, mediaId)))).isEqualTo(200);
            JsonNode message = publishedMessage(inbound, wamid);
            assertThat(message.path("type").asText()).isEqualTo("document");
            assertThat(message.at("/media/available").asBoolean()).isTrue();
            assertThat(message.at("/media/size").asLong()).isEqualTo(pdf.length);
            assertThat(message.at("/media/filename").asText()).isEqualTo("Skripsi_Bab1-5.pdf");
            assertThat(message.path("text").asText()).isEqualTo("Kak, ini file untuk cek Turnitin");
        }
        byte[] served = given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian"))
                .get("/media/" + mediaId).then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", "inline; filename=\"Skripsi_Bab1-5.pdf\"")
                .extract().asByteArray();
        assertThat(Arrays.equals(served, pdf)).isTrue();
        given().get("/media/" + mediaId).then().statusCode(401);

        // routing's desk pages ask without a token, signed with the secret both services share.
        byte[] signed = given().header(InternalSignature.HEADER,
                        InternalSignature.sign(SECRET, InternalSignature.media(mediaId)))
                .get("/media/" + mediaId).then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        assertThat(Arrays.equals(signed, pdf)).isTrue();
        given().header(InternalSignature.HEADER, InternalSignature.sign("a-guessed-secret", InternalSignature.media(mediaId)))
                .get("/media/" + mediaId).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("type", equalTo("about:blank"))
                .body("title", equalTo("Unauthorized")).body("status", equalTo(401))
                .body("detail", containsString("this one is wrong")).body("$", not(hasKey("instance")));
        // A signature of another id, or of the bare id (as an attachment claim check is signed), is no key either.
        given().header(InternalSignature.HEADER, InternalSignature.sign(SECRET, InternalSignature.media("404404404")))
                .get("/media/" + mediaId).then().statusCode(401);
        given().header(InternalSignature.HEADER, InternalSignature.sign(SECRET, mediaId))
                .get("/media/" + mediaId).then().statusCode(401);
        given().auth().oauth2(TestInfrastructure.token("pemustaka", "patron")).get("/media/" + mediaId).then().statusCode(403);
        given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian")).get("/media/404404404")
                .then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("No such attachment")).body("status", equalTo(404));
    }

    @Test
    void attachmentThatCannotBeFetchedStillReachesRoutingMarkedUnavailable() throws Exception {
        String mediaId = TestInfrastructure.whatsapp().addMedia(new byte[] {1, 2, 3}, "application/pdf", 100);
        String wamid = MetaWebhooks.newWamid();
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            assertThat(signedPost(bytes(documentMessage(patron("62832"), wamid, mediaId)))).isEqualTo(200);
            JsonNode message = publishedMessage(inbound, wamid);
            assertThat(message.at("/media/available").asBoolean(true)).isFalse();
            assertThat(message.at("/media/id").asText()).isEqualTo(mediaId);
        }
        given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian")).get("/media/" + mediaId)
                .then().statusCode(404);
    }

    @Test
    void attachmentOverTheSizeLimitIsNotStoredButTheMessageArrives() throws Exception {
        byte[] large = new byte[1536 * 1024]; // the test limit is 1 MB
        String mediaId = TestInfrastructure.whatsapp().addMedia(large, "video/mp4", 0);
        String wamid = MetaWebhooks.newWamid();
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            assertThat(signedPost(bytes(documentMessage(patron("62833"), wamid, mediaId)))).isEqualTo(200);
            assertThat(publishedMessage(inbound, wamid).at("/media/available").asBoolean(true)).isFalse();
        }
        given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian")).get("/media/" + mediaId)
                .then().statusCode(404);
    }

    /** The patron's document message is published, its media marked unavailable. */
    static void arrivesWithoutItsMedia(String mediaId) throws Exception {
        String wamid = MetaWebhooks.newWamid();
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            assertThat(signedPost(bytes(documentMessage(patron("62834"), wamid, mediaId)))).isEqualTo(200);
            JsonNode message = publishedMessage(inbound, wamid);
            assertThat(message.at("/media/available").asBoolean(true)).isFalse();
            assertThat(message.path("text").asText()).isEqualTo("Kak, ini file untuk cek Turnitin");
        }
    }

    @Test
    void malformedMediaIdIsAPermanentFailureAndTheMessageStillArrives() throws Exception {
        arrivesWithoutItsMedia("../me?fields=id id");
    }

    @Test
    void malformedMediaUrlIsAPermanentFailureAndTheMessageStillArrives() throws Exception {
        String mediaId = TestInfrastructure.whatsapp().addMedia(new byte[] {1, 2, 3}, "application/pdf", 0);
        TestInfrastructure.whatsapp().mediaUrlPointsAt(mediaId, "https://lookaside.fbsbx.com/ bad url %zz");
        arrivesWithoutItsMedia(mediaId);
    }

    @Test
    void accessTokenIsSentToNoOtherHostThanWhatsAppsMediaHost() throws Exception {
        try (ForeignHost foreign = new ForeignHost()) {
            String mediaId = TestInfrastructure.whatsapp().addMedia(new byte[] {1, 2, 3}, "application/pdf", 0);
            TestInfrastructure.whatsapp().mediaUrlPointsAt(mediaId, foreign.url() + "/steal?mid=" + mediaId);
            arrivesWithoutItsMedia(mediaId);
            assertThat(foreign.requests).isEmpty();
        }
    }

    @Test
    void mediaDownloadRedirectIsNotFollowed() throws Exception {
        try (ForeignHost foreign = new ForeignHost()) {
            String mediaId = TestInfrastructure.whatsapp().addMedia(new byte[] {1, 2, 3}, "application/pdf", 0);
            TestInfrastructure.whatsapp().mediaDownloadRedirectsTo(mediaId, foreign.url() + "/elsewhere");
            arrivesWithoutItsMedia(mediaId);
            assertThat(foreign.requests).isEmpty();
        }
    }

    @Test
    void onlyImagesPdfAndAudioAreShownInPlaceAndNoFileRunsScript() throws Exception {
        String librarian = TestInfrastructure.token("pustakawan", "librarian");
        record Case(String mimeType, String filename, String disposition) {
        }
        byte[] html = "<html><script>fetch('/media/1')</script></html>".getBytes(StandardCharsets.UTF_8);
        for (Case c : new Case[] {
                new Case("text/html", "tugas.html", "attachment"),
                new Case("image/svg+xml", "logo.svg", "attachment"),
                new Case("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Bab1.docx",
                        "attachment"),
                new Case("image/jpeg", "ktm.jpg", "inline"),
                new Case("audio/ogg", "pesan.ogg", "inline")}) {
            String mediaId = TestInfrastructure.whatsapp().addMedia(html, c.mimeType(), 0);
            String wamid = MetaWebhooks.newWamid();
            try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
                assertThat(signedPost(bytes(documentMessage(patron("62838"), wamid, mediaId, c.mimeType(),
                        c.filename())))).isEqualTo(200);
                assertThat(publishedMessage(inbound, wamid).at("/media/available").asBoolean()).isTrue();
            }
            given().auth().oauth2(librarian).get("/media/" + mediaId).then().statusCode(200)
                    .header("Content-Disposition", c.disposition() + "; filename=\"" + c.filename() + "\"")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "sandbox");
        }
    }

    /** Somebody else's server: records every request that reaches it. */
    static final class ForeignHost implements AutoCloseable {
        final java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final com.sun.net.httpserver.HttpServer server;

        ForeignHost() throws java.io.IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestURI() + " Authorization: "
                        + exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = {1, 2, 3};
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
