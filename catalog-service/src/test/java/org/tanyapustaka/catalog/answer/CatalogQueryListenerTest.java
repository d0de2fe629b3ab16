package org.tanyapustaka.catalog.answer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.catalog.CatalogueFixture;
import org.tanyapustaka.events.CatalogQuery;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
public class CatalogQueryListenerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CatalogueFixture catalogue;

    @BeforeEach
    void loadCatalogue() {
        catalogue.load();
    }

    public static String patron() {
        return "62841" + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    public static CatalogQuery ask(String waId, String text, String language, UUID previous, Integer page) throws Exception {
        CatalogQuery query = new CatalogQuery(UUID.randomUUID(), waId, UUID.randomUUID(), language, text, null, previous,
                page, UUID.randomUUID());
        TopicProbe.publish(Topics.CATALOG_QUERIES, waId, JSON.writeValueAsString(query), Map.of());
        return query;
    }

    static JsonNode answerTo(TopicProbe outbound, CatalogQuery query) throws Exception {
        String id = EventIds.derive(query.id(), "answer").toString();
        return JSON.readTree(outbound.await(r -> r.value().contains(id), Duration.ofSeconds(30)).value());
    }

    @Test
    void searchIsAnsweredWithNumberedResultsThenMoreThenDetails() throws Exception {
        String waId = patron();
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe searches = new TopicProbe(Topics.CATALOG_SEARCHES)) {
            CatalogQuery search = ask(waId, "cari buku pemrograman dong kak", "id", null, null);
            JsonNode list = answerTo(outbound, search);
            String body = list.path("body").asText();
            assertThat(list.path("kind").asText()).isEqualTo("text");
            assertThat(list.path("origin").asText()).isEqualTo("catalog");
            assertThat(list.path("waId").asText()).isEqualTo(waId);
            assertThat(body).startsWith("Hasil pencarian *pemrograman* (").contains("\n1. *")
                    .contains("\n5. *").doesNotContain("\n6. *").contains("eksemplar tersedia").contains("*lagi*");
            assertThat(body.length()).isLessThanOrEqualTo(4096);

            JsonNode performed = JSON.readTree(searches.await(r -> r.value().contains(waId), Duration.ofSeconds(30)).value());
            assertThat(performed.path("normalizedTerms").get(0).asText()).isEqualTo("pemrograman");
            assertThat(performed.path("hits").asInt()).isGreaterThan(5);
            assertThat(performed.path("hitsExact").asBoolean(false)).isTrue();

            CatalogQuery more = ask(waId, "lagi", "id", search.id(), 2);
            assertThat(answerTo(outbound, more).path("body").asText()).contains("\n6. *");

            CatalogQuery seventh = ask(waId, "7", "id", more.id(), null);
            String details = answerTo(outbound, seventh).path("body").asText();
            assertThat(details).contains("No. panggil:").contains("Eksemplar (");

            CatalogQuery wrongNumber = ask(waId, "42", "id", more.id(), null);
            assertThat(answerTo(outbound, wrongNumber).path("body").asText()).contains("Tidak ada nomor 42");
        }
    }

    @Test
    void anUnreadableQueryGoesToTheDeadLetterTopicAndTheNextOneIsAnswered() throws Exception {
        String waId = patron();
        String unreadable = "{\"id\": \"" + UUID.randomUUID() + "\", \"waId\": \"" + waId + "\", \"text\": ";
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe dlq = new TopicProbe(Topics.deadLetter(Topics.CATALOG_QUERIES))) {
            TopicProbe.publish(Topics.CATALOG_QUERIES, waId, unreadable, Map.of());
            CatalogQuery next = ask(waId, "laskar pelangi", "id", null, null);
            dlq.await(r -> unreadable.equals(r.value()), Duration.ofSeconds(30));
            assertThat(answerTo(outbound, next).path("body").asText()).contains("Laskar Pelangi");
        }
    }

    @Test
    void noResultSaysSoKindlySuggestsASpellingAndOffersALibrarian() throws Exception {
        String waId = patron();
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            JsonNode answer = answerTo(outbound, ask(waId, "resep rendang", "id", null, null));
            assertThat(answer.path("kind").asText()).isEqualTo("buttons");
            assertThat(answer.path("body").asText()).contains("belum kami temukan");
            assertThat(answer.path("buttons").findValuesAsText("id")).contains("menu:human_handover");
        }
    }

    @Test
    void englishQuestionIsAnsweredInEnglish() throws Exception {
        String waId = patron();
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            JsonNode answer = answerTo(outbound, ask(waId, "do you have laskar pelangi?", "en", null, null));
            assertThat(answer.path("body").asText()).startsWith("Results for").contains("Laskar Pelangi")
                    .contains("copies available");
        }
    }

    @Test
    void redeliveredQueryIsAnsweredOnce() throws Exception {
        String waId = patron();
        CatalogQuery query = new CatalogQuery(UUID.randomUUID(), waId, null, "id", "laskar pelangi", null, null, null, null);
        String json = JSON.writeValueAsString(query);
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            TopicProbe.publish(Topics.CATALOG_QUERIES, waId, json, Map.of());
            TopicProbe.publish(Topics.CATALOG_QUERIES, waId, json, Map.of());
            CatalogQuery later = ask(waId, "tere liye", "id", null, null);
            answerTo(outbound, later);
            assertThat(outbound.seen().stream().filter(r -> waId.equals(r.key()))).hasSize(2);
        }
    }

    @Test
    void librariansWriteRecordsAndEveryoneReadsThem() {
        String librarian = TestInfrastructure.token("pustakawan", "librarian");
        String body = """
                {"title":"Sejarah Perpustakaan Universitas Bangka Belitung","authors":["Tim Perpustakaan"],
                 "year":2024,"isbns":["978-623-000-000-1"],"subjects":["Perpustakaan"],"callNumber":"027.7 TIM s",
                 "copies":[{"barcode":"UBB-0001","location":"Lantai 2 - Referensi"}]}""";
        given().contentType("application/json").body(body).post("/api/catalog/records").then().statusCode(401);
        given().auth().oauth2(TestInfrastructure.token("pemustaka", "patron")).contentType("application/json").body(body)
                .post("/api/catalog/records").then().statusCode(403);
        int id = given().auth().oauth2(librarian).contentType("application/json").body(body)
                .post("/api/catalog/records").then().statusCode(201).extract().path("id");
        given().get("/api/catalog/records/" + id).then().statusCode(200)
                .body("isbns[0]", org.hamcrest.Matchers.equalTo("9786230000001"))
                .body("copies[0].status", org.hamcrest.Matchers.equalTo("AVAILABLE"));
        given().auth().oauth2(librarian).contentType("application/json").body("{\"title\":\"\"}")
                .post("/api/catalog/records").then().statusCode(400);
        given().get("/api/catalog/records/99999999").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(librarian).delete("/api/catalog/records/" + id).then().statusCode(204);
    }
}
