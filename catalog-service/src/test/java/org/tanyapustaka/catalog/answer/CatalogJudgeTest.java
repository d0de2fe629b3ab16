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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.catalog.CatalogueFixture;
import org.tanyapustaka.events.CatalogJudgeRequest;
import org.tanyapustaka.events.CatalogQuery;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * The catalogue judges messages routing did not understand, through the real broker and database: a bare title,
 * author and subject or ISBN is a strong match with a search answer; chit-chat and gibberish never are.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
public class CatalogJudgeTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CatalogueFixture catalogue;

    @BeforeEach
    void loadCatalogue() {
        catalogue.load();
    }

    static CatalogJudgeRequest request(String waId, String text, String language) throws Exception {
        CatalogJudgeRequest request = new CatalogJudgeRequest(UUID.randomUUID(), waId, UUID.randomUUID(), language,
                text, UUID.randomUUID());
        TopicProbe.publish(Topics.CATALOG_JUDGE_REQUESTS, waId, JSON.writeValueAsString(request), Map.of());
        return request;
    }

    static JsonNode judgementOf(TopicProbe judgements, CatalogJudgeRequest request) throws Exception {
        String id = request.id().toString();
        return JSON.readTree(judgements.await(r -> r.value().contains("\"requestId\":\"" + id + "\""),
                Duration.ofSeconds(30)).value());
    }

    @Test
    void aBareTitleIsAStrongMatchWithASearchAnswerWhoseListPagesAndNumbers() throws Exception {
        String waId = CatalogQueryListenerTest.patron();
        try (TopicProbe judgements = new TopicProbe(Topics.CATALOG_JUDGEMENTS);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe searches = new TopicProbe(Topics.CATALOG_SEARCHES)) {
            CatalogJudgeRequest request = request(waId, "hukum pidana moeljatno", "id");
            JsonNode judgement = judgementOf(judgements, request);
            assertThat(judgement.path("strong").asBoolean()).isTrue();
            assertThat(judgement.path("waId").asText()).isEqualTo(waId);
            assertThat(judgement.path("conversationId").asText()).isEqualTo(request.conversationId().toString());
            assertThat(judgement.path("answer").asText()).startsWith("Mungkin ini yang Anda cari:\n")
                    .contains("Hukum Pidana").contains("Moeljatno").contains("345").contains("Lantai")
                    .contains("tersedia");
            searches.await(r -> r.value().contains(waId), Duration.ofSeconds(30));

            // The list is kept under the request's id: a number from it shows the record.
            CatalogQuery first = CatalogQueryListenerTest.ask(waId, "1", "id", request.id(), null);
            assertThat(CatalogQueryListenerTest.answerTo(outbound, first).path("body").asText())
                    .contains("No. panggil:");
            // The catalog did not answer the patron itself: only routing does, from the judgement.
            assertThat(outbound.seen()).noneMatch(r -> r.value().contains(request.id().toString() + "\"")
                    && r.value().contains("Mungkin ini"));
        }
    }

    @Test
    void anEnglishMessageGetsTheAnswerInEnglishAndAnIsbnWithoutHyphensMatches() throws Exception {
        String waId = CatalogQueryListenerTest.patron();
        try (TopicProbe judgements = new TopicProbe(Topics.CATALOG_JUDGEMENTS)) {
            JsonNode english = judgementOf(judgements, request(waId, "bumi manusia", "en"));
            assertThat(english.path("strong").asBoolean()).isTrue();
            assertThat(english.path("answer").asText()).startsWith("Perhaps this is what you're looking for:\n")
                    .contains("Bumi Manusia").contains("Toer");
            JsonNode isbn = judgementOf(judgements, request(waId, "9789793062792", "id"));
            assertThat(isbn.path("strong").asBoolean()).isTrue();
            assertThat(isbn.path("answer").asText()).contains("Laskar Pelangi");
        }
    }

    @Test
    void chitChatAndGibberishAreNeverAStrongMatch() throws Exception {
        String waId = CatalogQueryListenerTest.patron();
        List<String> negatives = List.of("oke makasih ya", "halo", "siap kak", "baik terima kasih", "wkwkwk",
                "asdfgh qwerty", "test", "hmm", "mantap", "sama sama", "ok sip", "selamat pagi kak", "p",
                "kenapa ya", "gimana sih");
        try (TopicProbe judgements = new TopicProbe(Topics.CATALOG_JUDGEMENTS)) {
            List<CatalogJudgeRequest> requests = new ArrayList<>();
            for (String text : negatives) {
                requests.add(request(waId, text, "id"));
            }
            for (CatalogJudgeRequest request : requests) {
                JsonNode judgement = judgementOf(judgements, request);
                assertThat(judgement.path("strong").asBoolean()).as(request.text()).isFalse();
                assertThat(judgement.has("answer")).as(request.text()).isFalse();
            }
        }
    }

    @Test
    void aRepeatedRequestIsJudgedOnce() throws Exception {
        String waId = CatalogQueryListenerTest.patron();
        try (TopicProbe judgements = new TopicProbe(Topics.CATALOG_JUDGEMENTS)) {
            CatalogJudgeRequest request = request(waId, "laskar pelangi", "id");
            judgementOf(judgements, request);
            TopicProbe.publish(Topics.CATALOG_JUDGE_REQUESTS, waId, JSON.writeValueAsString(request), Map.of());
            CatalogJudgeRequest next = request(waId, "bumi manusia", "id");
            judgementOf(judgements, next); // same partition, after the repeat: the repeat was handled by now
            assertThat(judgements.seen()).filteredOn(r -> r.value().contains(request.id().toString())).hasSize(1);
        }
    }

    @Test
    void theJudgementEndpointSaysStrongOrWeakPerLine() {
        String out = given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian"))
                .contentType("text/plain").body("laskar pelangi\noke makasih ya\nhalo\n")
                .post("/api/catalog/search/judgement").then().statusCode(200).extract().asString();
        assertThat(out).isEqualTo("strong\tlaskar pelangi\nweak\toke makasih ya\nweak\thalo\n");
    }
}
