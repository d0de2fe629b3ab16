package org.tanyapustaka.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.gateway.outbound.SendDispatcherTest.JSON;
import static org.tanyapustaka.gateway.outbound.SendDispatcherTest.command;
import static org.tanyapustaka.gateway.outbound.SendDispatcherTest.patron;
import static org.tanyapustaka.gateway.outbound.SendDispatcherTest.resultOf;
import static org.tanyapustaka.gateway.outbound.SendDispatcherTest.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.TopicProbe;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn.Scripted;

/**
 * Documents and images: the gateway fetches the file from its producer's claim-check URL (here a small server
 * playing routing-service, which checks the signature), uploads it to the stand-in's media endpoint and sends the
 * message by the media id, once.
 */
@QuarkusTest
@QuarkusTestResource(value = org.tanyapustaka.testsupport.TanyaTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class MediaSendTest {

    /** The value of tanya.attachments.secret in the test profile. */
    static final String SECRET = "test-attachments-secret";

    static HttpServer producer;
    static final Map<UUID, byte[]> files = new ConcurrentHashMap<>();
    static final AtomicInteger fetches = new AtomicInteger();

    /** A real (tiny) PDF: a clearance letter's first line. */
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
            + "4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 72 770 Td (Surat Bebas Pustaka) Tj ET\nendstream endobj\n"
            + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);

    @BeforeAll
    static void startProducer() throws Exception {
        producer = HttpServer.create(new InetSocketAddress("localhost", 0), 8);
        producer.createContext("/internal/attachments/", exchange -> {
            try (exchange) {
                fetches.incrementAndGet();
                UUID id = UUID.fromString(exchange.getRequestURI().getPath().substring("/internal/attachments/".length()));
                String signature = exchange.getRequestHeaders().getFirst(OutboundMessage.Media.SIGNATURE_HEADER);
                byte[] file = files.get(id);
                if (!OutboundMessage.Media.signature(SECRET, id).equals(signature) || file == null) {
                    exchange.sendResponseHeaders(file == null ? 404 : 403, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, file.length);
                exchange.getResponseBody().write(file);
            }
        });
        producer.start();
    }

    @AfterAll
    static void stopProducer() {
        producer.stop(0);
    }

    static OutboundMessage document(String waId, byte[] content, String mimeType, String filename, String caption)
            throws Exception {
        UUID attachmentId = UUID.randomUUID();
        files.put(attachmentId, content);
        OutboundMessage.Media media = new OutboundMessage.Media(attachmentId, filename, mimeType, content.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), caption,
                "http://localhost:" + producer.getAddress().getPort() + "/internal/attachments/" + attachmentId);
        OutboundMessage.Kind kind = mimeType.startsWith("image/") ? OutboundMessage.Kind.IMAGE
                : OutboundMessage.Kind.DOCUMENT;
        return OutboundMessage.media(attachmentId, waId, kind, media, OutboundMessage.Origin.LIBRARIAN, null, null);
    }

    static List<WhatsAppCloudStandIn.Upload> uploadsOf(byte[] content) {
        return whatsapp().uploads().stream().filter(u -> java.util.Arrays.equals(u.content(), content)).toList();
    }

    @Test
    void documentIsUploadedAndSentByItsMediaIdOnceEvenWhenRedelivered() throws Exception {
        String waId = patron();
        byte[] pdf = (new String(PDF, StandardCharsets.ISO_8859_1) + "% " + waId + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        OutboundMessage message = document(waId, pdf, "application/pdf", "surat-bebas-pustaka.pdf",
                "Surat bebas pustaka Anda");
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(message);
            command(message); // Kafka delivers it again
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.path("wamid").asText()).startsWith("wamid.");
            assertThat(result.has("error")).isFalse();

            List<WhatsAppCloudStandIn.Upload> uploads = uploadsOf(pdf);
            assertThat(uploads).hasSize(1);
            assertThat(uploads.get(0).type()).isEqualTo("application/pdf");
            assertThat(uploads.get(0).filename()).isEqualTo("surat-bebas-pustaka.pdf");

            // Another command to the same patron gets through after the copy: the copy was consumed, not sent.
            OutboundMessage next = SendDispatcherTest.text(waId, "Ada lagi yang bisa dibantu?");
            command(next);
            resultOf(sent, next.commandId());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> whatsapp().sentTo(waId).size() == 2);
            List<WhatsAppCloudStandIn.SentMessage> messages = whatsapp().sentTo(waId);
            JsonNode request = messages.get(0).request();
            assertThat(request.path("type").asText()).isEqualTo("document");
            assertThat(request.at("/document/id").asText()).isEqualTo(uploads.get(0).id());
            assertThat(request.at("/document/filename").asText()).isEqualTo("surat-bebas-pustaka.pdf");
            assertThat(request.at("/document/caption").asText()).isEqualTo("Surat bebas pustaka Anda");
            assertThat(messages.get(0).wamid()).isEqualTo(result.path("wamid").asText());
            assertThat(messages.get(1).request().path("type").asText()).isEqualTo("text");
            assertThat(uploadsOf(pdf)).hasSize(1);
        }
    }

    @Test
    void aFailedUploadIsRetriedAndTheImageSentOnce() throws Exception {
        String waId = patron();
        byte[] png = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                + "0000000d49444154789c6360f8cfc0f01f0005000201e2a7e8b40000000049454e44ae426082");
        byte[] unique = java.util.Arrays.copyOf(png, png.length + waId.length());
        System.arraycopy(waId.getBytes(StandardCharsets.US_ASCII), 0, unique, png.length, waId.length());
        whatsapp().scriptUploads(Scripted.error(500, 131000, "Something went wrong"));
        OutboundMessage message = document(waId, unique, "image/png", "denah-lantai-2.png", "Denah lantai 2");
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(message);
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.has("error")).as("result %s", result).isFalse();
            assertThat(result.path("attempts").asInt()).isEqualTo(2);
            List<WhatsAppCloudStandIn.Upload> uploads = uploadsOf(unique);
            assertThat(uploads).hasSize(1);
            assertThat(whatsapp().sentTo(waId)).hasSize(1);
            JsonNode request = whatsapp().sentTo(waId).get(0).request();
            assertThat(request.path("type").asText()).isEqualTo("image");
            assertThat(request.at("/image/id").asText()).isEqualTo(uploads.get(0).id());
            assertThat(request.at("/image/caption").asText()).isEqualTo("Denah lantai 2");
            assertThat(request.at("/image/filename").isMissingNode()).isTrue();
        }
    }

    @Test
    void anUploadWhatsAppRefusesIsReportedWithItsCodeAndNothingIsSent() throws Exception {
        String waId = patron();
        // Declared a JPEG, but the bytes are a PDF: WhatsApp refuses the upload (131053).
        byte[] notAJpeg = (new String(PDF, StandardCharsets.ISO_8859_1) + "% " + waId + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        OutboundMessage message = document(waId, notAJpeg, "image/jpeg", "foto.jpg", null);
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(message);
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.path("error").path("code").asInt()).isEqualTo(131053);
            assertThat(result.path("error").path("title").asText()).contains("not image/jpeg");
            assertThat(result.path("error").path("retryable").asBoolean()).isFalse();
            assertThat(uploadsOf(notAJpeg)).isEmpty();
            assertThat(whatsapp().attemptsTo(waId)).isEmpty();
        }
    }

    @Test
    void aFileThatDoesNotMatchItsChecksumIsNeverUploaded() throws Exception {
        String waId = patron();
        byte[] pdf = (new String(PDF, StandardCharsets.ISO_8859_1) + "% " + waId + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        OutboundMessage declared = document(waId, pdf, "application/pdf", "surat.pdf", null);
        byte[] tampered = pdf.clone();
        tampered[tampered.length - 2] = 'X';
        files.put(declared.media().attachmentId(), tampered);
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(declared);
            JsonNode result = resultOf(sent, declared.commandId());
            assertThat(result.path("error").path("code").asInt()).isZero();
            assertThat(result.path("error").path("title").asText()).contains("SHA-256");
            assertThat(uploadsOf(tampered)).isEmpty();
            assertThat(whatsapp().attemptsTo(waId)).isEmpty();
        }
    }
}
