package org.tanyapustaka.routing.handover;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.routing.RoutingFixture.JSON;
import static org.tanyapustaka.routing.RoutingFixture.WAIT;
import static org.tanyapustaka.routing.RoutingFixture.assignedTo;
import static org.tanyapustaka.routing.RoutingFixture.detail;
import static org.tanyapustaka.routing.RoutingFixture.drained;
import static org.tanyapustaka.routing.RoutingFixture.librarianName;
import static org.tanyapustaka.routing.RoutingFixture.line;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.setStatus;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.routing.RoutingFixture;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * A librarian sends a file: checked against WhatsApp's types and sizes, stored, sent as one document or image
 * command whose claim check the gateway (and only it) can fetch; only the holder, only within the 24-hour window.
 */
@QuarkusTest
@QuarkusTestResource(value = org.tanyapustaka.testsupport.TanyaTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "routing"))
class LibrarianAttachmentsTest {

    /** tanya.attachments.secret in the test profile, shared with the gateway. */
    static final String SECRET = "test-attachments-secret";

    static final byte[] PDF = RoutingFixture.PDF;

    @Inject
    EntityManager em;

    @BeforeEach
    void quietDesk() {
        RoutingFixture.quietDesk(em);
    }

    static RequestSpecification as(String librarian) {
        return given().auth().oauth2(TestInfrastructure.token(librarian, "librarian"));
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    static List<ConsumerRecord<String, String>> commandsFor(TopicProbe outbound, String waId, String kind) {
        return outbound.seen().stream().filter(r -> waId.equals(r.key()) && r.value().contains("\"kind\":\"" + kind + "\""))
                .toList();
    }

    @Test
    void anAcceptedPdfIsOneDocumentCommandWhoseFileTheGatewayCanFetchEvenWhenSentTwice() throws Exception {
        String waId = patron();
        String dewi = librarianName("dewi");
        UUID handover = assignedTo(dewi, waId, Instant.now());
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            JsonNode sent = null;
            for (int i = 0; i < 2; i++) { // a double click: the same key twice
                sent = as(dewi).contentType("application/pdf")
                        .header("Content-Disposition", "attachment; filename=\"surat bebas pustaka.pdf\"")
                        .header("Idempotency-Key", "file-1").queryParam("caption", "Surat bebas pustaka Anda")
                        .body(PDF).post("/api/routing/handovers/{id}/attachments", handover)
                        .then().statusCode(202).extract().as(JsonNode.class);
            }
            assertThat(sent.path("sentAs").asText()).isEqualTo("document");
            assertThat(sent.path("sha256").asText()).isEqualTo(sha256(PDF));
            // The same key with another file is a mistake, not a retry.
            as(dewi).contentType("text/plain").queryParam("filename", "catatan.txt").header("Idempotency-Key", "file-1")
                    .body("bukan surat".getBytes(StandardCharsets.UTF_8))
                    .post("/api/routing/handovers/{id}/attachments", handover)
                    .then().statusCode(409).contentType("application/problem+json");
            UUID attachmentId = UUID.fromString(sent.path("attachmentId").asText());

            ConsumerRecord<String, String> record = outbound.await(r -> waId.equals(r.key())
                    && r.value().contains("\"kind\":\"document\""), WAIT);
            OutboundMessage command = JSON.readValue(record.value(), OutboundMessage.class);
            assertThat(command.commandId()).isEqualTo(attachmentId);
            assertThat(command.origin()).isEqualTo(OutboundMessage.Origin.LIBRARIAN);
            assertThat(command.media().attachmentId()).isEqualTo(attachmentId);
            assertThat(command.media().filename()).isEqualTo("surat bebas pustaka.pdf");
            assertThat(command.media().mimeType()).isEqualTo("application/pdf");
            assertThat(command.media().size()).isEqualTo(PDF.length);
            assertThat(command.media().sha256()).isEqualTo(sha256(PDF));
            assertThat(command.media().caption()).isEqualTo("Surat bebas pustaka Anda");
            assertThat(command.media().url()).endsWith("/internal/attachments/" + attachmentId);

            // The claim check: the signed fetch gets the bytes; a wrong or missing signature gets nothing.
            String path = "/internal/attachments/" + attachmentId;
            byte[] fetched = given().header(OutboundMessage.Media.SIGNATURE_HEADER,
                    OutboundMessage.Media.signature(SECRET, attachmentId)).get(path)
                    .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
            assertThat(fetched).isEqualTo(PDF);
            given().header(OutboundMessage.Media.SIGNATURE_HEADER, OutboundMessage.Media.signature("guess", attachmentId))
                    .get(path).then().statusCode(403);
            given().get(path).then().statusCode(403);

            // The transcript shows the file as the librarian's message; staff can open it.
            JsonNode line = line(handover, attachmentId);
            assertThat(line.path("kind").asText()).isEqualTo("document");
            assertThat(line.path("librarian").asText()).isEqualTo(dewi);
            assertThat(line.path("mediaId").asText()).isEqualTo(attachmentId.toString());
            assertThat(line.path("body").asText()).startsWith("surat bebas pustaka.pdf");
            assertThat(as(dewi).get("/api/routing/handovers/{id}/attachments/{a}", handover, attachmentId)
                    .then().statusCode(200).extract().asByteArray()).isEqualTo(PDF);

            // Everything published for the patron before a marker is seen: the two requests were one command.
            drained(outbound, waId);
            assertThat(commandsFor(outbound, waId, "document")).hasSize(1);
            assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "SELECT count(*) FROM librarian_attachment WHERE handover_id = ?1").setParameter(1, handover)
                    .getSingleResult()).intValue())).isEqualTo(1);
        }
    }

    @Test
    void aPngGoesAsAnImage() throws Exception {
        String waId = patron();
        String rini = librarianName("rini");
        UUID handover = assignedTo(rini, waId, Instant.now());
        byte[] png = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                + "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2a7e8b40000000049454e44ae426082");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            JsonNode sent = as(rini).contentType("image/png").queryParam("filename", "denah lantai 2.png")
                    .body(png).post("/api/routing/handovers/{id}/attachments", handover)
                    .then().statusCode(202).extract().as(JsonNode.class);
            assertThat(sent.path("sentAs").asText()).isEqualTo("image");
            OutboundMessage command = JSON.readValue(outbound.await(r -> waId.equals(r.key())
                    && r.value().contains("\"kind\":\"image\""), WAIT).value(), OutboundMessage.class);
            assertThat(command.media().mimeType()).isEqualTo("image/png");
            assertThat(command.media().caption()).isNull();
        }
    }

    @Test
    void aTypeWhatsAppDoesNotTakeIsRefusedWithAClearProblem() throws Exception {
        String waId = patron();
        String budi = librarianName("budi");
        UUID handover = assignedTo(budi, waId, Instant.now());
        JsonNode problem = as(budi).contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"skripsi.zip\"")
                .body("PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/routing/handovers/{id}/attachments", handover)
                .then().statusCode(415).contentType("application/problem+json").extract().as(JsonNode.class);
        assertThat(problem.path("title").asText()).isEqualTo("File type not allowed");
        assertThat(problem.path("detail").asText()).contains("application/zip").contains("PDF").contains("5 MB");

        // A file whose content is not what its type says is refused too (WhatsApp would refuse the upload).
        as(budi).contentType("application/pdf").queryParam("filename", "laporan.pdf")
                .body("just text".getBytes(StandardCharsets.UTF_8))
                .post("/api/routing/handovers/{id}/attachments", handover)
                .then().statusCode(415).contentType("application/problem+json");
        // An empty file.
        as(budi).contentType("text/plain").queryParam("filename", "kosong.txt").body(new byte[0])
                .post("/api/routing/handovers/{id}/attachments", handover)
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(detail(handover).path("transcript").findValuesAsText("kind")).doesNotContain("document", "image");
    }

    @Test
    void anImageOverWhatsAppsFiveMegabytesIsRefused() throws Exception {
        String waId = patron();
        String ani = librarianName("ani");
        UUID handover = assignedTo(ani, waId, Instant.now());
        byte[] big = Arrays.copyOf(HexFormat.of().parseHex("ffd8ffe000104a46494600010100000100010000"),
                5 * 1024 * 1024 + 1);
        JsonNode problem = as(ani).contentType("image/jpeg").queryParam("filename", "poster.jpg").body(big)
                .post("/api/routing/handovers/{id}/attachments", handover)
                .then().statusCode(413).contentType("application/problem+json").extract().as(JsonNode.class);
        assertThat(problem.path("title").asText()).isEqualTo("File too large");
        assertThat(problem.path("detail").asText()).contains("poster.jpg").contains("WhatsApp takes images up to 5 MB");

        // Over the desk's own limit (8 MB in tests), a document is refused before it is read whole.
        byte[] pdf = Arrays.copyOf(PDF, 8 * 1024 * 1024 + 1);
        JsonNode tooBig = as(ani).contentType("application/pdf").queryParam("filename", "tesis.pdf").body(pdf)
                .post("/api/routing/handovers/{id}/attachments", handover)
                .then().statusCode(413).contentType("application/problem+json").extract().as(JsonNode.class);
        assertThat(tooBig.path("detail").asText()).contains("The desk takes files up to 8 MB");
    }

    @Test
    void onlyTheHolderSendsAFile() throws Exception {
        String waId = patron();
        String holder = librarianName("sari");
        UUID handover = assignedTo(holder, waId, Instant.now());
        String other = librarianName("joko");
        setStatus(other, "librarian", "away");
        JsonNode problem = as(other).contentType("application/pdf").queryParam("filename", "surat.pdf").body(PDF)
                .post("/api/routing/handovers/{id}/attachments", handover)
                .then().statusCode(409).contentType("application/problem+json").extract().as(JsonNode.class);
        assertThat(problem.path("detail").asText()).contains("handled by " + holder);
        as(other).contentType("application/pdf").queryParam("filename", "surat.pdf").body(PDF)
                .post("/api/routing/handovers/{id}/attachments", UUID.randomUUID())
                .then().statusCode(404);
        given().contentType("application/pdf").queryParam("filename", "surat.pdf").body(PDF)
                .post("/api/routing/handovers/{id}/attachments", handover).then().statusCode(401);
    }

    @Test
    void aFileAfterTheWindowClosedIsRefusedAndNothingStored() throws Exception {
        String waId = patron();
        String yanti = librarianName("yanti");
        UUID handover = assignedTo(yanti, waId, Instant.now().minus(Duration.ofHours(25)));
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            JsonNode problem = as(yanti).contentType("application/pdf").queryParam("filename", "surat.pdf")
                    .header("Idempotency-Key", "late-1").body(PDF)
                    .post("/api/routing/handovers/{id}/attachments", handover)
                    .then().statusCode(409).contentType("application/problem+json").extract().as(JsonNode.class);
            assertThat(problem.path("detail").asText()).contains("more than 24 hours ago").contains("file was not sent");
            UUID id = LibrarianAttachments.attachmentId(handover, "late-1");
            LibrarianAttachment stored = QuarkusTransaction.requiringNew().call(() -> LibrarianAttachment.findById(id));
            assertThat(stored).isNull();
            drained(outbound, waId);
            assertThat(commandsFor(outbound, waId, "document")).isEmpty();
        }
    }

    @Inject
    LibrarianAttachments attachments;

    @Test
    void withAReopeningTemplateTheTemplateGoesOutInsteadOfTheLateFile() throws Exception {
        String waId = patron();
        String tono = librarianName("tono");
        UUID handover = assignedTo(tono, waId, Instant.now().minus(Duration.ofHours(30)));
        UUID id = LibrarianAttachments.attachmentId(handover, "late-2");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            // The REST resource passes the configured template (routing.handover.reopen-template), as for replies.
            LibrarianAttachments.Sent sent = attachments.send(handover, tono, "surat.pdf", "application/pdf", PDF, null,
                    id, java.util.Optional.of("lanjutkan_percakapan"), "id");
            assertThat(sent.sentAs()).isEqualTo("template");
            assertThat(sent.detail()).contains("instead of your file").contains("Send your file again");
            JsonNode template = JSON.readTree(outbound.await(r -> waId.equals(r.key())
                    && r.value().contains("\"kind\":\"template\""), WAIT).value());
            assertThat(template.at("/template/name").asText()).isEqualTo("lanjutkan_percakapan");
            drained(outbound, waId);
            assertThat(commandsFor(outbound, waId, "document")).isEmpty();
            LibrarianAttachment stored = QuarkusTransaction.requiringNew().call(() -> LibrarianAttachment.findById(id));
            assertThat(stored).isNull();
        }
    }

    @Test
    void contentDispositionNamesAreRead() {
        assertThat(AttachmentResource.filenameOf("attachment; filename=\"surat bebas pustaka.pdf\""))
                .isEqualTo("surat bebas pustaka.pdf");
        assertThat(AttachmentResource.filenameOf("attachment; filename*=UTF-8''laporan%20Turnitin%20%E2%80%93%20Siti.pdf"))
                .isEqualTo("laporan Turnitin – Siti.pdf");
        assertThat(AttachmentResource.filenameOf("attachment; filename=denah.png")).isEqualTo("denah.png");
        assertThat(AttachmentResource.filenameOf("attachment")).isNull();
        assertThat(LibrarianAttachments.cleanFilename("C:\\Users\\dewi\\surat.pdf")).isEqualTo("surat.pdf");
    }
}
