package org.tanyapustaka.routing.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tanyapustaka.routing.RoutingFixture.JSON;
import static org.tanyapustaka.routing.RoutingFixture.WAIT;
import static org.tanyapustaka.routing.RoutingFixture.assignedTo;
import static org.tanyapustaka.routing.RoutingFixture.librarianName;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.publish;
import static org.tanyapustaka.routing.RoutingFixture.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.routing.RoutingFixture;
import org.tanyapustaka.testsupport.ConsumerGroups;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * An administrator erases a patron: routing publishes patron.erasure and, consuming it, deletes the conversation,
 * handover, transcript and the file a librarian sent; nothing is served afterwards. A routing whose erasure consumer
 * was not running erases when it runs again: the erasure stays after the group's committed position until then.
 */
@QuarkusTest
@QuarkusTestResource(value = org.tanyapustaka.testsupport.TanyaTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "routing"))
class PatronErasureTest {

    @Inject
    EntityManager em;

    @Inject
    ChannelRegistry channels;

    @BeforeEach
    void quietDesk() {
        RoutingFixture.quietDesk(em);
    }

    static String admin() {
        return TestInfrastructure.token("kepala@perpustakaan.ac.id", "admin");
    }

    /** A patron with a conversation, a handover held by a librarian, transcript lines and a file sent to them. */
    UUID patronWithEverything(String waId) throws Exception {
        String dewi = librarianName("dewi");
        UUID handover = assignedTo(dewi, waId, Instant.now());
        given().auth().oauth2(TestInfrastructure.token(dewi, "librarian")).contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"surat.pdf\"").header("Idempotency-Key", "f-" + waId)
                .body(RoutingFixture.PDF).post("/api/routing/handovers/{id}/attachments", handover).then().statusCode(202);
        await().atMost(WAIT).until(() -> rows(waId).values().stream().allMatch(n -> n > 0));
        return handover;
    }

    /** The patron's rows in each table that holds them. */
    Map<String, Long> rows(String waId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> rows = new LinkedHashMap<>();
            rows.put("conversation", count("SELECT count(*) FROM conversation WHERE wa_id = ?1", waId));
            rows.put("handover", count("SELECT count(*) FROM handover WHERE wa_id = ?1", waId));
            rows.put("transcript_entry", count("SELECT count(*) FROM transcript_entry WHERE wa_id = ?1", waId));
            rows.put("librarian_attachment", count("""
                    SELECT count(*) FROM librarian_attachment a JOIN handover h ON h.id = a.handover_id
                    WHERE h.wa_id = ?1""", waId));
            return rows;
        });
    }

    long count(String sql, String waId) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, waId).getSingleResult()).longValue();
    }

    boolean erased(String waId) {
        return rows(waId).values().stream().allMatch(n -> n == 0);
    }

    @Test
    void anAdminErasesAPatronAndNothingOfThemRemainsOrIsServed() throws Exception {
        String waId = patron();
        String other = patron();
        UUID handover = patronWithEverything(waId);
        publish(text(other, "Budi", "jam buka perpustakaan?"));
        await().atMost(WAIT).until(() -> rows(other).get("transcript_entry") > 0);

        JsonNode before = given().auth().oauth2(admin()).get("/api/routing/patrons/{waId}/export", waId)
                .then().statusCode(200).extract().as(JsonNode.class);
        assertThat(before.path("conversation")).hasSize(1);
        assertThat(before.path("handovers")).hasSize(1);
        assertThat(before.path("transcript").size()).isGreaterThan(1);
        assertThat(before.path("librarianAttachments")).hasSize(1);
        assertThat(before.path("librarianAttachments").get(0).has("content")).isFalse();

        try (TopicProbe erasures = new TopicProbe(Topics.PATRON_ERASURE)) {
            JsonNode accepted = given().auth().oauth2(admin()).post("/api/routing/patrons/{waId}/erasure", waId)
                    .then().statusCode(202).extract().as(JsonNode.class);
            ConsumerRecord<String, String> record = erasures.await(r -> waId.equals(r.key()), WAIT);
            PatronErasure erasure = JSON.readValue(record.value(), PatronErasure.class);
            assertThat(erasure.id().toString()).isEqualTo(accepted.path("erasureId").asText());
            assertThat(erasure.origin()).isEqualTo(PatronErasure.Origin.ADMIN);
            assertThat(erasure.requestedBy()).isEqualTo("kepala@perpustakaan.ac.id");
            assertThat(TopicProbe.header(record, "ce_id")).isEqualTo(erasure.id().toString());
        }
        await().atMost(WAIT).until(() -> erased(waId));

        given().auth().oauth2(admin()).get("/api/routing/handovers/{id}", handover).then().statusCode(404);
        JsonNode after = given().auth().oauth2(admin()).get("/api/routing/patrons/{waId}/export", waId)
                .then().statusCode(200).extract().as(JsonNode.class);
        assertThat(after.path("conversation")).isEmpty();
        assertThat(after.path("transcript")).isEmpty();
        assertThat(given().auth().oauth2(admin()).get("/api/routing/conversations?limit=500").then().statusCode(200)
                .extract().asString()).doesNotContain(waId);
        // Another patron keeps everything.
        assertThat(rows(other).get("transcript_entry")).isPositive();
    }

    @Test
    void onlyAdminsEraseOrExportAndANumberMustBeANumber() {
        String waId = patron();
        given().auth().oauth2(TestInfrastructure.token("sari@perpustakaan.ac.id", "librarian"))
                .post("/api/routing/patrons/{waId}/erasure", waId).then().statusCode(403);
        given().auth().oauth2(TestInfrastructure.token("sari@perpustakaan.ac.id", "librarian"))
                .get("/api/routing/patrons/{waId}/export", waId).then().statusCode(403);
        given().post("/api/routing/patrons/{waId}/erasure", waId).then().statusCode(401);
        given().auth().oauth2(admin()).post("/api/routing/patrons/{waId}/erasure", "62-812-abc")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", org.hamcrest.Matchers.equalTo("Invalid WhatsApp number"));
    }

    @Test
    void anErasurePublishedWhileTheConsumerWasNotRunningIsObeyedWhenItRuns() throws Exception {
        String waId = patron();
        patronWithEverything(waId);
        PatronErasure erasure = new PatronErasure(UUID.randomUUID(), waId, PatronErasure.Origin.ADMIN, "kepala",
                Instant.now());
        var consumer = channels.getPausable(Topics.PATRON_ERASURE);
        consumer.pause();
        try {
            RoutingFixture.publishJson(Topics.PATRON_ERASURE, waId, erasure, erasure.id());
            // Meanwhile the patron writes again: a message handled before the erasure is erased with the rest.
            publish(text(waId, "Siti Rahma", "halo kak"));
            await().atMost(WAIT).until(() -> rows(waId).get("transcript_entry") >= 3);
            // Not consumed: the group's committed position is before the erasure, where a restarted routing starts.
            assertThat(committedBehindEnd()).isTrue();
            assertThat(erased(waId)).isFalse();
        } finally {
            consumer.resume();
        }
        await().atMost(WAIT).until(() -> erased(waId));
        await().atMost(WAIT).until(() -> !committedBehindEnd());
        // Delivered again (a rebalance, a crash before the commit), the same erasure has no second effect.
        publish(text(waId, "Siti Rahma", "saya mau pinjam buku"));
        await().atMost(WAIT).until(() -> rows(waId).get("transcript_entry") > 0);
        RoutingFixture.publishJson(Topics.PATRON_ERASURE, waId, erasure, erasure.id());
        await().atMost(WAIT).until(() -> !committedBehindEnd());
        assertThat(rows(waId).get("conversation")).isEqualTo(1);
    }

    @Test
    void thePatronAsksOnWhatsAppConfirmsWithTheButtonAndIsErased() throws Exception {
        String waId = patron();
        UUID handover = patronWithEverything(waId);
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe erasures = new TopicProbe(Topics.PATRON_ERASURE)) {
            // Asked during a handover, in chat spelling: the bot answers it all the same, with a button.
            publish(text(waId, "Siti Rahma", "hapus data saya dong kak"));
            JsonNode question = RoutingFixture.reply(outbound, waId, body -> body.startsWith("Apakah Anda ingin"));
            assertThat(question.path("kind").asText()).isEqualTo("buttons");
            assertThat(question.path("body").asText()).contains("tidak dapat dikembalikan");
            assertThat(question.path("buttons").findValuesAsText("id")).containsExactly("erase:confirm", "erase:cancel");
            assertThat(question.path("buttons").findValuesAsText("title")).containsExactly("Ya, hapus data saya", "Batal");
            assertThat(question.path("buttons").findValuesAsText("title")).allMatch(title -> title.length() <= 20);
            assertThat(rows(waId).get("conversation")).isEqualTo(1);

            PatronMessage confirm = RoutingFixture.listReply(waId, "Siti Rahma", "erase:confirm", "Ya, hapus data saya");
            publish(confirm);
            publish(confirm); // delivered twice: one erasure
            RoutingFixture.reply(outbound, waId, body -> body.startsWith("Baik, data Anda sedang kami hapus"));
            ConsumerRecord<String, String> record = erasures.await(r -> waId.equals(r.key()), WAIT);
            PatronErasure erasure = JSON.readValue(record.value(), PatronErasure.class);
            assertThat(erasure.id()).isEqualTo(EventIds.derive(confirm.id(), "erasure"));
            assertThat(erasure.origin()).isEqualTo(PatronErasure.Origin.PATRON);
            await().atMost(WAIT).until(() -> erased(waId));
            RoutingFixture.drained(outbound, waId);
            assertThat(erasures.seen().stream().filter(r -> waId.equals(r.key()))).hasSize(1);
        }
        given().auth().oauth2(admin()).get("/api/routing/handovers/{id}", handover).then().statusCode(404);
        assertThat(erased(waId)).isTrue();
    }

    @Test
    void anEnglishPatronIsAskedInEnglishAndCancellingKeepsEverything() throws Exception {
        String waId = patron();
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe erasures = new TopicProbe(Topics.PATRON_ERASURE)) {
            publish(text(waId, "Alex", "Please delete my data"));
            JsonNode question = RoutingFixture.reply(outbound, waId, body -> body.startsWith("Do you want the library"));
            assertThat(question.path("buttons").findValuesAsText("title")).containsExactly("Yes, delete my data", "Cancel");
            publish(RoutingFixture.listReply(waId, "Alex", "erase:cancel", "Cancel"));
            RoutingFixture.reply(outbound, waId, body -> body.startsWith("All right, your data stays"));
            RoutingFixture.drained(outbound, waId);
            assertThat(erasures.seen().stream().filter(r -> waId.equals(r.key()))).isEmpty();
        }
        assertThat(rows(waId).get("transcript_entry")).isPositive();
    }

    static boolean committedBehindEnd() {
        return ConsumerGroups.behindTheEnd("routing-service-erasure", Topics.PATRON_ERASURE);
    }
}
