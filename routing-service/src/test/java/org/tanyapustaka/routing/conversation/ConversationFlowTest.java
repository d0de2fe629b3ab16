package org.tanyapustaka.routing.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.routing.RoutingFixture.JSON;
import static org.tanyapustaka.routing.RoutingFixture.MARKER;
import static org.tanyapustaka.routing.RoutingFixture.WAIT;
import static org.tanyapustaka.routing.RoutingFixture.drained;
import static org.tanyapustaka.routing.RoutingFixture.listReply;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.publish;
import static org.tanyapustaka.routing.RoutingFixture.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/** Whole conversations as patrons type them, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class ConversationFlowTest {

    static JsonNode replyTo(TopicProbe outbound, PatronMessage message) throws Exception {
        String id = EventIds.derive(message.id(), "reply").toString();
        return JSON.readTree(outbound.await(r -> r.value().contains(id), WAIT).value());
    }

    static JsonNode queryFor(TopicProbe queries, PatronMessage message) throws Exception {
        String id = EventIds.derive(message.id(), "catalog-query").toString();
        return JSON.readTree(queries.await(r -> r.value().contains(id), WAIT).value());
    }

    @Test
    void questionWithAGreetingInFrontGetsTheKnowledgeBaseAnswer() throws Exception {
        String waId = patron();
        PatronMessage hours = text(waId, "Dimas", "halo kak, perpus buka jam brp ya?");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            publish(hours);
            JsonNode reply = replyTo(outbound, hours);
            assertThat(reply.path("kind").asText()).isEqualTo("buttons");
            assertThat(reply.path("body").asText()).containsIgnoringCase("senin");
            assertThat(reply.path("buttons").findValuesAsText("id")).containsExactly("menu:menu", "menu:human_handover");
            JsonNode event = JSON.readTree(
                    events.await(r -> waId.equals(r.key()), WAIT).value());
            assertThat(event.path("type").asText()).isEqualTo("intent_classified");
            assertThat(event.path("intent").asText()).isEqualTo("opening_hours");
        }
    }

    @Test
    void englishQuestionIsAnsweredInEnglish() throws Exception {
        String waId = patron();
        PatronMessage renew = text(waId, "Sam", "how do I renew my books?");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            publish(renew);
            JsonNode reply = replyTo(outbound, renew);
            assertThat(reply.path("body").asText()).containsIgnoringCase("renew");
            assertThat(reply.path("buttons").findValuesAsText("title")).contains("Ask a librarian");
        }
    }

    @Test
    void searchThenMoreThenANumberGoToTheCatalogueWithThePagingState() throws Exception {
        String waId = patron();
        PatronMessage search = text(waId, "Rina", "cari buku metodologi penelitian dong kak");
        PatronMessage more = text(waId, "Rina", "lagi");
        PatronMessage seven = text(waId, "Rina", "7");
        try (TopicProbe queries = new TopicProbe(Topics.CATALOG_QUERIES)) {
            publish(search);
            JsonNode first = queryFor(queries, search);
            assertThat(first.path("text").asText()).isEqualTo("cari buku metodologi penelitian dong kak");
            assertThat(first.path("language").asText()).isEqualTo("id");
            assertThat(first.has("previousQueryId")).isFalse();

            publish(more);
            JsonNode second = queryFor(queries, more);
            assertThat(second.path("previousQueryId").asText()).isEqualTo(first.path("id").asText());
            assertThat(second.path("page").asInt()).isPositive();

            publish(seven);
            JsonNode third = queryFor(queries, seven);
            assertThat(third.path("previousQueryId").asText()).isEqualTo(second.path("id").asText());
            assertThat(third.path("text").asText()).isEqualTo("7");
        }
    }

    @Test
    void spamIsIgnoredAndNeverHandedToALibrarian() throws Exception {
        String waId = patron();
        PatronMessage prize = text(waId, null,
                "SELAMAT!! nomor anda terpilih dapat hadiah pulsa 1 juta, klik link bit.ly/hadiah-pulsa sekarang");
        PatronMessage promo = text(waId, null,
                "PROMO pinjol dana cepat cair tanpa agunan, klik https://contoh.example/daftar");
        PatronMessage hello = text(waId, null, "halo kak");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            publish(prize);
            publish(promo);
            publish(hello);
            // one patron's messages are handled in order: when "halo" is answered, both spam messages were handled
            assertThat(replyTo(outbound, hello).path("body").asText()).startsWith("Halo");
            String helloClassified = EventIds.derive(hello.id(), "intent").toString();
            events.await(r -> r.value().contains(helloClassified), Duration.ofSeconds(30));
            String prizeReply = EventIds.derive(prize.id(), "reply").toString();
            String promoReply = EventIds.derive(promo.id(), "reply").toString();
            assertThat(outbound.seen()).noneMatch(r -> r.value().contains(prizeReply) || r.value().contains(promoReply));
            assertThat(events.seen()).filteredOn(r -> waId.equals(r.key()))
                    .noneMatch(r -> r.value().contains("handover_requested"));
            assertThat(events.seen()).filteredOn(r -> waId.equals(r.key()) && r.value().contains("intent_classified"))
                    .hasSize(3);
        }
    }

    @Test
    void choosingSearchFromTheMenuAsksWhatToLookFor() throws Exception {
        String waId = patron();
        PatronMessage choice = listReply(waId, "Rina", "menu:catalog_search", "Cari koleksi");
        PatronMessage words = text(waId, "Rina", "laskar pelangi");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe queries = new TopicProbe(Topics.CATALOG_QUERIES)) {
            publish(choice);
            assertThat(replyTo(outbound, choice).path("body").asText()).startsWith("Mau cari koleksi apa?");
            publish(words);
            assertThat(queryFor(queries, words).path("text").asText()).isEqualTo("laskar pelangi");
        }
    }

    @Test
    void librariansSeeWhyTheBotAnswersAsItDoes() {
        String librarian = TestInfrastructure.token("pustakawan", "librarian");
        given().auth().oauth2(librarian).queryParam("text", "min sy mau perpanjang buku gmn")
                .get("/api/routing/classify").then().statusCode(200)
                .body("intent", org.hamcrest.Matchers.equalTo("loan_renewal"))
                .body("language", org.hamcrest.Matchers.equalTo("id"))
                .body("faqId", org.hamcrest.Matchers.notNullValue());
        given().queryParam("text", "halo").get("/api/routing/classify").then().statusCode(401);
        given().auth().oauth2(librarian).get("/api/routing/classify").then().statusCode(400);
    }

    @Test
    void librariansMaintainTheKnowledgeBase() {
        String librarian = TestInfrastructure.token("pustakawan", "librarian");
        String answer = """
                {"intent":"fines","title":"Denda (uji)","examples":["dendanya brp"],
                 "answerId":"Denda keterlambatan Rp1.000 per buku per hari.","answerEn":"Late fine: Rp1,000 per book per day."}""";
        given().auth().oauth2(TestInfrastructure.token("pemustaka", "patron")).contentType("application/json").body(answer)
                .post("/api/routing/faq").then().statusCode(403);
        int id = given().auth().oauth2(librarian).contentType("application/json").body(answer)
                .post("/api/routing/faq").then().statusCode(201).extract().path("id");
        given().auth().oauth2(librarian).get("/api/routing/faq/" + id).then().statusCode(200)
                .body("answerId", org.hamcrest.Matchers.startsWith("Denda keterlambatan"));
        given().auth().oauth2(librarian).contentType("application/json").body(answer.replace("\"fines\"", "\"weather\""))
                .post("/api/routing/faq").then().statusCode(400).body("title", org.hamcrest.Matchers.equalTo("Unknown intent"));
        given().auth().oauth2(librarian).delete("/api/routing/faq/" + id).then().statusCode(204);
        given().auth().oauth2(librarian).get("/api/routing/faq").then().statusCode(200)
                .body("intent", org.hamcrest.Matchers.hasItems("opening_hours", "clearance", "plagiarism_check"));
    }

    @Test
    void aFloodGetsOneNoticeNotAReplyToEveryMessage() throws Exception {
        String waId = patron();
        java.util.List<PatronMessage> burst = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            burst.add(text(waId, "Rina", "halo " + i));
        }
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            for (PatronMessage message : burst) {
                publish(message);
            }
            // Every message is handled (an event each) …
            String last = EventIds.derive(burst.get(11).id(), "intent").toString();
            events.await(r -> r.value().contains(last), WAIT);
            drained(outbound, waId); // every reply routing sent before the last event has been seen
            // … but only the first eight are answered, then one notice.
            java.util.List<String> bodies = outbound.seen().stream().filter(r -> waId.equals(r.key()))
                    .map(r -> { try { return JSON.readTree(r.value()).path("body").asText(); }
                                catch (Exception e) { throw new IllegalStateException(e); } })
                    .filter(body -> !body.startsWith(MARKER)).toList();
            assertThat(bodies).hasSize(9);
            assertThat(bodies.get(8)).startsWith("Pesan Anda banyak sekali");
        }
    }

    @Test
    void stopOptsOutAndMulaiOptsBackIn() throws Exception {
        String waId = patron();
        PatronMessage stop = text(waId, "Rina", "STOP");
        PatronMessage start = text(waId, "Rina", "mulai");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            publish(stop);
            assertThat(replyTo(outbound, stop).path("body").asText()).startsWith("Baik, perpustakaan tidak akan");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> optedOut(waId));
            publish(start);
            assertThat(replyTo(outbound, start).path("body").asText()).startsWith("Terima kasih, Anda akan kembali");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !optedOut(waId));
        }
    }

    /** Committed state: the reply is sent just before the conversation's transaction commits. */
    static boolean optedOut(String waId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(
                () -> Conversation.findFor(waId).map(c -> c.optedOut).orElse(false));
    }
}
