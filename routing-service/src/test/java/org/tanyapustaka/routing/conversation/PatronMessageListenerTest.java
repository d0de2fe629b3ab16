package org.tanyapustaka.routing.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.routing.RoutingFixture.JSON;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.publish;
import static org.tanyapustaka.routing.RoutingFixture.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class PatronMessageListenerTest {

    @Test
    void greetingIsAnsweredWithAGreetingAndTheServiceList() throws Exception {
        String waId = patron();
        PatronMessage halo = text(waId, "Siti Aminah", "halo kak");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            publish(halo);
            ConsumerRecord<String, String> record = outbound.await(r -> waId.equals(r.key()), Duration.ofSeconds(30));
            JsonNode reply = JSON.readTree(record.value());
            assertThat(reply.path("kind").asText()).isEqualTo("list");
            assertThat(reply.path("commandId").asText()).isEqualTo(EventIds.derive(halo.id(), "reply").toString());
            assertThat(reply.path("causationId").asText()).isEqualTo(halo.id().toString());
            assertThat(reply.path("origin").asText()).isEqualTo("routing");
            assertThat(reply.path("body").asText()).startsWith("Halo, Siti!").contains("Perpustakaan");
            List<String> rows = reply.at("/list/sections/0/rows").findValuesAsText("title");
            assertThat(rows).containsExactly("Cari koleksi", "Jam & lokasi layanan", "Pinjam & perpanjang",
                    "Bebas pustaka", "Cek similarity", "Keanggotaan", "Unggah karya ilmiah", "Usulan buku",
                    "Tanya pustakawan");
            assertThat(TopicProbe.header(record, "ce_id")).isEqualTo(reply.path("commandId").asText());
        }
    }

    @Test
    void englishGreetingIsAnsweredInEnglish() throws Exception {
        String waId = patron();
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            publish(text(waId, "John", "Hello, good morning"));
            JsonNode reply = JSON.readTree(outbound.await(r -> waId.equals(r.key()), Duration.ofSeconds(30)).value());
            assertThat(reply.path("body").asText()).startsWith("Hello, John!");
            assertThat(reply.at("/list/sections/0/rows/0/title").asText()).isEqualTo("Search the collection");
        }
    }

    @Test
    void messageNotUnderstoodYetIsAnsweredWithTheMenu() throws Exception {
        String waId = patron();
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            publish(text(waId, null, "hmm 🙏??"));
            JsonNode reply = JSON.readTree(outbound.await(r -> waId.equals(r.key()), Duration.ofSeconds(30)).value());
            assertThat(reply.path("body").asText()).startsWith("Maaf, saya belum memahami");
            assertThat(reply.path("kind").asText()).isEqualTo("list");
        }
    }

    @Test
    void redeliveredMessageProducesNoSecondReply() throws Exception {
        String waId = patron();
        PatronMessage first = text(waId, "Budi", "halo");
        PatronMessage later = text(waId, "Budi", "menu");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            publish(first);
            publish(first);
            publish(first);
            publish(later);
            // The later message is on the same partition, after the copies: once it is answered, all were handled.
            outbound.await(r -> r.value().contains(later.id().toString()), Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> replies = outbound.seen().stream()
                    .filter(r -> waId.equals(r.key())).toList();
            assertThat(replies).hasSize(2);
            assertThat(replies.get(0).value()).contains(first.id().toString());
        }
        given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian"))
                .get("/api/routing/conversations?limit=500")
                .then().statusCode(200);
        JsonNode conversations = JSON.readTree(given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian"))
                .get("/api/routing/conversations?limit=500").asString());
        JsonNode mine = null;
        for (JsonNode c : conversations) {
            if (waId.equals(c.path("waId").asText())) {
                mine = c;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("messagesIn").asInt()).isEqualTo(2);
        assertThat(mine.path("profileName").asText()).isEqualTo("Budi");
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterTopicAndTheNextOneIsAnswered() throws Exception {
        String waId = patron();
        String unreadable = "{\"id\": \"" + java.util.UUID.randomUUID() + "\", \"waId\": \"" + waId + "\", \"type\": ";
        PatronMessage halo = text(waId, "Dewi", "halo");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe dlq = new TopicProbe(Topics.deadLetter(Topics.WHATSAPP_INBOUND))) {
            TopicProbe.publish(Topics.WHATSAPP_INBOUND, waId, unreadable, Map.of("ce_id", java.util.UUID.randomUUID()
                    .toString(), "ce_type", "org.tanyapustaka.patron-message.v1", "ce_source", "urn:test",
                    "ce_specversion", "1.0"));
            publish(halo);
            dlq.await(r -> unreadable.equals(r.value()), Duration.ofSeconds(30));
            outbound.await(r -> r.value().contains(halo.id().toString()), Duration.ofSeconds(30));
        }
    }

    @Test
    void conversationsNeedAStaffToken() {
        given().get("/api/routing/conversations").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get("/api/routing/conversations").then().statusCode(401);
        given().auth().oauth2(TestInfrastructure.token("pemustaka", "patron"))
                .get("/api/routing/conversations").then().statusCode(403);
        given().auth().oauth2(TestInfrastructure.token("kepala", "admin"))
                .get("/api/routing/conversations").then().statusCode(200);
    }

    @Test
    void menuRowsRespectWhatsAppLimits() {
        for (String language : List.of("id", "en")) {
            var menu = ServiceMenu.in(language);
            assertThat(menu.button().length()).isLessThanOrEqualTo(20);
            assertThat(menu.sections()).allSatisfy(section -> {
                assertThat(section.title().length()).isLessThanOrEqualTo(24);
                assertThat(section.rows()).hasSizeLessThanOrEqualTo(10).allSatisfy(row -> {
                    assertThat(row.title().codePointCount(0, row.title().length())).isLessThanOrEqualTo(24);
                    assertThat(row.description().length()).isLessThanOrEqualTo(72);
                    assertThat(row.id().length()).isLessThanOrEqualTo(200);
                });
            });
        }
    }
}
