package org.tanyapustaka.catalog.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tanyapustaka.catalog.answer.CatalogQueryListenerTest.ask;
import static org.tanyapustaka.catalog.answer.CatalogQueryListenerTest.patron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.catalog.CatalogueFixture;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.ConsumerGroups;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/** The catalog exports a patron's catalogue questions to an admin and erases them on patron.erasure. */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class PatronDataTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Inject
    CatalogueFixture catalogue;

    @Inject
    EntityManager em;

    @Inject
    ChannelRegistry channels;

    @BeforeEach
    void loadCatalogue() {
        catalogue.load();
    }

    long questions(String waId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM catalog_query_log WHERE wa_id = ?1").setParameter(1, waId).getSingleResult())
                .longValue());
    }

    static PatronErasure erase(String waId) throws Exception {
        PatronErasure erasure = new PatronErasure(UUID.randomUUID(), waId, PatronErasure.Origin.ADMIN, "kepala",
                Instant.now());
        TopicProbe.publish(Topics.PATRON_ERASURE, waId, JSON.writeValueAsString(erasure), Map.of(
                "ce_id", erasure.id().toString(), "ce_type", "org.tanyapustaka.patron-erasure.v1",
                "ce_source", "urn:test", "ce_specversion", "1.0"));
        return erasure;
    }

    static JsonNode export(String waId) {
        return given().auth().oauth2(TestInfrastructure.token("kepala@perpustakaan.ac.id", "admin"))
                .get("/api/catalog/patrons/{waId}/export", waId).then().statusCode(200).extract().as(JsonNode.class);
    }

    @Test
    void aPatronsSearchesAreExportedThenErasedAndAnotherPatronKeepsTheirs() throws Exception {
        String waId = patron();
        String other = patron();
        ask(waId, "laskar pelangi", "id", null, null);
        ask(waId, "sejarah bangka", "id", null, null);
        ask(other, "pemrograman", "id", null, null);
        await().atMost(WAIT).until(() -> questions(waId) == 2 && questions(other) == 1);

        JsonNode before = export(waId);
        assertThat(before.path("service").asText()).isEqualTo("catalog-service");
        assertThat(before.path("catalogQueries").findValuesAsText("query_text"))
                .containsExactly("laskar pelangi", "sejarah bangka");
        given().auth().oauth2(TestInfrastructure.token("sari@perpustakaan.ac.id", "librarian"))
                .get("/api/catalog/patrons/{waId}/export", waId).then().statusCode(403);
        given().auth().oauth2(TestInfrastructure.token("kepala@perpustakaan.ac.id", "admin"))
                .get("/api/catalog/patrons/{waId}/export", "+62 812").then().statusCode(400)
                .contentType("application/problem+json");

        erase(waId);
        await().atMost(WAIT).until(() -> questions(waId) == 0);
        assertThat(export(waId).path("catalogQueries")).isEmpty();
        assertThat(questions(other)).isEqualTo(1);
    }

    @Test
    void anErasurePublishedWhileTheConsumerWasNotRunningIsObeyedWhenItRuns() throws Exception {
        String waId = patron();
        ask(waId, "laskar pelangi", "id", null, null);
        await().atMost(WAIT).until(() -> questions(waId) == 1);
        var consumer = channels.getPausable(Topics.PATRON_ERASURE);
        consumer.pause();
        try {
            erase(waId);
            await().atMost(WAIT).until(() -> ConsumerGroups.behindTheEnd("catalog-service-erasure",
                    Topics.PATRON_ERASURE));
            assertThat(questions(waId)).isEqualTo(1);
        } finally {
            consumer.resume();
        }
        await().atMost(WAIT).until(() -> questions(waId) == 0);
    }

    @Inject
    Retention retention;

    @Test
    void theDailyJobDeletesQuestionsPastTheirRetentionAndKeepsYoungOnes() throws Exception {
        String old = patron();
        String young = patron();
        ask(old, "laskar pelangi", "id", null, null);
        ask(young, "laskar pelangi", "id", null, null);
        await().atMost(WAIT).until(() -> questions(old) == 1 && questions(young) == 1);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE catalog_query_log SET created_at = now() - interval '31 days' WHERE wa_id = ?1")
                .setParameter(1, old).executeUpdate());
        assertThat(retention.run(Instant.now())).isPositive();
        assertThat(questions(old)).isZero();
        assertThat(questions(young)).isEqualTo(1);
    }
}
