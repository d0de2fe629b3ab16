package org.tanyapustaka.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class OutboundSenderTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static JsonNode sentTo(String waId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(TestInfrastructure.whatsappBaseUrl() + "/sandbox/messages?to=" + waId)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    static String patron() {
        return "62815" + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    @Test
    void listCommandIsSentOnceToTheGraphApiAndItsWamidPublished() throws Exception {
        String waId = patron();
        UUID commandId = UUID.randomUUID();
        OutboundMessage command = OutboundMessage.list(commandId, waId, "Silakan pilih layanan:",
                new OutboundMessage.ListMenu("Perpustakaan", null, "Pilih layanan", List.of(new OutboundMessage.Section(
                        "Layanan", List.of(new OutboundMessage.Row("menu:catalog_search", "Cari koleksi", "Buku, jurnal, skripsi"),
                                new OutboundMessage.Row("menu:human_handover", "Tanya pustakawan", null))))),
                OutboundMessage.Origin.ROUTING, null, UUID.randomUUID());
        String json = JSON.writeValueAsString(command);
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            // Delivered twice, as Kafka may after a crash: sent once.
            TopicProbe.publish(Topics.WHATSAPP_OUTBOUND, waId, json, Map.of());
            TopicProbe.publish(Topics.WHATSAPP_OUTBOUND, waId, json, Map.of());

            ConsumerRecord<String, String> result = sent.await(r -> r.value().contains(commandId.toString()),
                    Duration.ofSeconds(30));
            JsonNode outcome = JSON.readTree(result.value());
            assertThat(result.key()).isEqualTo(waId);
            assertThat(outcome.path("wamid").asText()).startsWith("wamid.");
            assertThat(outcome.has("error")).isFalse();

            JsonNode messages = sentTo(waId);
            assertThat(messages).hasSize(1);
            JsonNode request = messages.get(0).path("request");
            assertThat(request.path("type").asText()).isEqualTo("interactive");
            assertThat(request.at("/interactive/type").asText()).isEqualTo("list");
            assertThat(request.at("/interactive/action/sections/0/rows/0/id").asText()).isEqualTo("menu:catalog_search");
            assertThat(messages.get(0).path("wamid").asText()).isEqualTo(outcome.path("wamid").asText());

            // The second copy is consumed too (a later command from the same patron gets through) but not sent.
            UUID next = UUID.randomUUID();
            TopicProbe.publish(Topics.WHATSAPP_OUTBOUND, waId, JSON.writeValueAsString(OutboundMessage.text(next, waId,
                    "Terima kasih!", OutboundMessage.Origin.ROUTING, null, null)), Map.of());
            sent.await(r -> r.value().contains(next.toString()), Duration.ofSeconds(30));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sentTo(waId).size() == 2);
            assertThat(sentTo(waId).findValues("request").stream().filter(r -> r.path("type").asText().equals("interactive")))
                    .hasSize(1);
        }
    }

    @Test
    void refusedSendIsReportedWithMetasErrorCode() throws Exception {
        String waId = patron();
        UUID commandId = UUID.randomUUID();
        String tooLong = "x".repeat(4097);
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            TopicProbe.publish(Topics.WHATSAPP_OUTBOUND, waId, JSON.writeValueAsString(OutboundMessage.text(commandId,
                    waId, tooLong, OutboundMessage.Origin.LIBRARIAN, null, null)), Map.of());
            JsonNode outcome = JSON.readTree(sent.await(r -> r.value().contains(commandId.toString()),
                    Duration.ofSeconds(30)).value());
            assertThat(outcome.path("error").path("code").asInt()).isEqualTo(131009);
            assertThat(outcome.path("error").path("title").asText()).contains("4096");
            assertThat(outcome.path("error").path("retryable").asBoolean()).isFalse();
            assertThat(sentTo(waId)).isEmpty();
        }
    }
}
