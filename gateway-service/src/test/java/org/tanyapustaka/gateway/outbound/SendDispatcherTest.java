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
import org.tanyapustaka.gateway.SignedWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn.Scripted;

@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class SendDispatcherTest {

    @io.quarkus.test.common.http.TestHTTPResource("/webhook")
    java.net.URI webhook;

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

    @Test
    void anUnreadableCommandGoesToTheDeadLetterTopicAndTheNextOneIsSent() throws Exception {
        String waId = patron();
        String unreadable = "{\"commandId\": \"" + UUID.randomUUID() + "\", \"waId\": \"" + waId + "\", \"kind\": ";
        OutboundMessage next = text(waId, "Halo, ada yang bisa kami bantu?");
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT);
                TopicProbe dlq = new TopicProbe(Topics.deadLetter(Topics.WHATSAPP_OUTBOUND))) {
            TopicProbe.publish(Topics.WHATSAPP_OUTBOUND, waId, unreadable, Map.of());
            command(next);
            dlq.await(r -> unreadable.equals(r.value()), Duration.ofSeconds(30));
            assertThat(resultOf(sent, next.commandId()).path("wamid").asText()).startsWith("wamid.");
        }
    }

    static void command(OutboundMessage command) throws Exception {
        TopicProbe.publish(Topics.WHATSAPP_OUTBOUND, command.waId(), JSON.writeValueAsString(command), Map.of());
    }

    static OutboundMessage text(String waId, String body) {
        return OutboundMessage.text(UUID.randomUUID(), waId, body, OutboundMessage.Origin.ROUTING, null, null);
    }

    static JsonNode resultOf(TopicProbe sent, UUID commandId) throws Exception {
        return JSON.readTree(sent.await(r -> r.value().contains(commandId.toString()), Duration.ofSeconds(30)).value());
    }

    static WhatsAppCloudStandIn whatsapp() {
        return TestInfrastructure.whatsapp();
    }

    @Test
    void rateLimitedSendIsRetriedAndDeliveredExactlyOnce() throws Exception {
        String waId = patron();
        whatsapp().script(waId, Scripted.error(400, 130429, "Rate limit hit"), Scripted.error(500, 131000, "Something went wrong"));
        OutboundMessage message = text(waId, "Perpustakaan buka pukul 08.00–16.00 WIB.");
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(message);
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.path("wamid").asText()).startsWith("wamid.");
            assertThat(result.path("attempts").asInt()).isEqualTo(3);
            assertThat(whatsapp().attemptsTo(waId)).hasSize(3);
            assertThat(whatsapp().sentTo(waId)).hasSize(1);
        }
    }

    @Test
    void undeliverableIsAttemptedOnceAndReportedFailed() throws Exception {
        String waId = patron();
        whatsapp().script(waId, Scripted.error(400, 131026, "Message undeliverable"));
        OutboundMessage message = text(waId, "Halo!");
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(message);
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.at("/error/code").asInt()).isEqualTo(131026);
            assertThat(result.at("/error/retryable").asBoolean()).isFalse();
            assertThat(result.path("attempts").asInt()).isEqualTo(1);
            // A later message to the same patron goes out: the lane moved on, and the failed one was not retried.
            OutboundMessage later = text(waId, "Pesan berikutnya");
            command(later);
            resultOf(sent, later.commandId());
            assertThat(whatsapp().attemptsTo(waId)).hasSize(2);
        }
    }

    @Test
    void closedWindowIsReportedSoRoutingCanReact() throws Exception {
        String waId = patron();
        whatsapp().script(waId, Scripted.error(400, 131047, "Re-engagement message"));
        OutboundMessage message = text(waId, "Pustakawan kami membalas pesan Anda.");
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(message);
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.at("/error/code").asInt()).isEqualTo(131047);
            assertThat(result.at("/error/title").asText()).isEqualTo("Re-engagement message");
            assertThat(result.at("/error/retryable").asBoolean()).isFalse();
        }
    }

    @Test
    void pairRateLimitBacksOffAndThenSends() throws Exception {
        String waId = patron();
        whatsapp().script(waId, Scripted.error(400, 131056, "Pair rate limit hit"));
        OutboundMessage message = text(waId, "Satu lagi");
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(message);
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.path("attempts").asInt()).isEqualTo(2);
            var attempts = whatsapp().attemptsTo(waId);
            // 4^1 units of 25 ms at least between the refused attempt and the retry.
            assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void sendWithoutAnAnswerIsSettledByItsStatusWebhookAndNeverRepeated() throws Exception {
        String waId = patron();
        // WhatsApp takes the message but answers after the gateway stopped waiting (read timeout 6 s); its status
        // webhooks then carry the command id the gateway sent as biz_opaque_callback_data.
        whatsapp().script(waId, Scripted.slowSuccess(Duration.ofSeconds(8)));
        whatsapp().deliverWebhooksTo(webhook).sendStatuses(true);
        OutboundMessage message = text(waId, "Apakah ini terkirim?");
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(message);
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.has("error")).isFalse();
            WhatsAppCloudStandIn.SentMessage taken = whatsapp().sentTo(waId).stream()
                    .filter(m -> message.commandId().toString().equals(m.request().path("biz_opaque_callback_data").asText()))
                    .findFirst().orElseThrow();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> taken.statuses().contains("sent"));
            assertThat(result.path("wamid").asText()).isEqualTo(taken.wamid());
            OutboundMessage later = text(waId, "Berikutnya");
            command(later);
            resultOf(sent, later.commandId());
            Thread.sleep(6_000); // past the confirmation window: still not sent again
            assertThat(whatsapp().attemptsTo(waId)).hasSize(2);
        } finally {
            whatsapp().sendStatuses(false);
        }
    }

    @Test
    void slowGraphApiDoesNotSlowWebhooksOrOtherPatrons() throws Exception {
        String slowPatron = patron();
        String otherPatron = patron();
        whatsapp().script(slowPatron, Scripted.slowSuccess(Duration.ofSeconds(5)));
        OutboundMessage slow = text(slowPatron, "Lambat");
        OutboundMessage quick = text(otherPatron, "Cepat");
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(slow);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !whatsapp().attemptsTo(slowPatron).isEmpty());
            command(quick);
            resultOf(sent, quick.commandId());
            assertThat(sent.seen()).noneMatch(r -> r.value().contains(slow.commandId().toString()));
            // Webhooks are acknowledged while the Graph API is still busy with the slow send.
            for (int i = 0; i < 5; i++) {
                byte[] body = SignedWebhooks.bytes(
                        SignedWebhooks.textMessage(patron(), MetaWebhooks.newWamid(), "halo"));
                long started = System.nanoTime();
                assertThat(SignedWebhooks.post(body,
                        MetaWebhooks.sign(TestInfrastructure.APP_SECRET, body))).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            }
            assertThat(sent.seen()).noneMatch(r -> r.value().contains(slow.commandId().toString()));
            resultOf(sent, slow.commandId());
        }
    }

    @Test
    void messagesToOnePatronKeepTheirOrder() throws Exception {
        String waId = patron();
        whatsapp().script(waId, Scripted.error(500, 131000, "Something went wrong"));
        List<OutboundMessage> messages = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            messages.add(text(waId, "Bagian " + i + " dari 5"));
        }
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            for (OutboundMessage message : messages) {
                command(message);
            }
            resultOf(sent, messages.get(4).commandId());
            assertThat(whatsapp().sentTo(waId).stream().map(m -> m.request().at("/text/body").asText()))
                    .containsExactly("Bagian 1 dari 5", "Bagian 2 dari 5", "Bagian 3 dari 5", "Bagian 4 dari 5", "Bagian 5 dari 5");
        }
    }

    @Test
    void markReadWithTypingIndicatorIsSent() throws Exception {
        String waId = patron();
        String wamid = MetaWebhooks.newWamid();
        OutboundMessage markRead = OutboundMessage.markRead(UUID.randomUUID(), waId, wamid, true, null, null);
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            command(markRead);
            JsonNode result = resultOf(sent, markRead.commandId());
            assertThat(result.has("error")).isFalse();
            JsonNode request = whatsapp().sent().stream().map(WhatsAppCloudStandIn.SentMessage::request)
                    .filter(r -> wamid.equals(r.path("message_id").asText())).findFirst().orElseThrow();
            assertThat(request.path("status").asText()).isEqualTo("read");
            assertThat(request.at("/typing_indicator/type").asText()).isEqualTo("text");
        }
    }

    @Test
    void expiredTokenIsReportedDownOnHealthAndAsAnAlert() throws Exception {
        String waId = patron();
        whatsapp().script(waId, Scripted.error(401, 190, "Error validating access token: Session has expired"));
        OutboundMessage message = text(waId, "Halo");
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT); TopicProbe alerts = new TopicProbe(Topics.WHATSAPP_ALERTS)) {
            command(message);
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.at("/error/code").asInt()).isEqualTo(190);
            assertThat(result.path("attempts").asInt()).isEqualTo(1);
            alerts.await(r -> r.value().contains("Session has expired"), Duration.ofSeconds(30));
            io.restassured.RestAssured.given().get("/q/health").then().statusCode(503)
                    .body("checks.find { it.name == 'whatsapp-sending' }.status", org.hamcrest.Matchers.equalTo("DOWN"));
            io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);

            OutboundMessage next = text(waId, "Token sudah diganti");
            command(next);
            resultOf(sent, next.commandId());
            io.restassured.RestAssured.given().get("/q/health").then().statusCode(200);
        }
    }

    @Test
    void sendInFlightWhenTheGatewayStoppedAndNeverReportedByWhatsAppIsSentAgain() throws Exception {
        String waId = patron();
        OutboundMessage message = text(waId, "Terkirim sebelum gateway mati?");
        String stored = JSON.writeValueAsString(message);
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            // As a gateway that crashed between calling the Graph API and recording the answer leaves it; the call
            // never reached WhatsApp, so no status webhook will ever name it.
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
                OutboundSend.enqueue(message.commandId(), waId, "TEXT", stored);
                OutboundSend.claim(message.commandId());
                OutboundSend send = OutboundSend.findById(message.commandId());
                send.attemptStartedAt = java.time.Instant.now().minus(Duration.ofMinutes(5));
            });
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.has("error")).isFalse();
            command(message); // Kafka redelivers the command after the restart: still one message
            OutboundMessage later = text(waId, "Berikutnya");
            command(later);
            resultOf(sent, later.commandId());
            assertThat(whatsapp().attemptsTo(waId)).extracting(a -> a.request().at("/text/body").asText())
                    .containsExactly("Terkirim sebelum gateway mati?", "Berikutnya");
        }
    }
    @Test
    void statusArrivingBeforeTheSenderRecordedItsAnswerSettlesTheSendAndItIsNeverRepeated() throws Exception {
        String waId = patron();
        OutboundMessage message = text(waId, "Terkirim saat basis data dimulai ulang?");
        String stored = JSON.writeValueAsString(message);
        String wamid = MetaWebhooks.newWamid();
        try (TopicProbe sent = new TopicProbe(Topics.WHATSAPP_SENT)) {
            // WhatsApp took the message, but the sender could not record the answer (found by the restart-db drill:
            // the database was restarting), so the send is still in flight in the log.
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
                OutboundSend.enqueue(message.commandId(), waId, "TEXT", stored);
                OutboundSend.claim(message.commandId());
            });
            // Its first status webhook ("sent") arrives meanwhile, with the command id as biz_opaque_callback_data.
            byte[] status = SignedWebhooks.bytes(new MetaWebhooks(TestInfrastructure.APP_SECRET,
                    TestInfrastructure.PHONE_NUMBER_ID).status(wamid, waId, "sent", java.time.Instant.now(),
                    message.commandId().toString()));
            assertThat(SignedWebhooks.signedPost(status)).isEqualTo(200);
            JsonNode result = resultOf(sent, message.commandId());
            assertThat(result.has("error")).isFalse();
            assertThat(result.path("wamid").asText()).isEqualTo(wamid);
            OutboundSend settled = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> OutboundSend.<OutboundSend>findById(message.commandId()));
            assertThat(settled.state).isEqualTo(OutboundSend.State.SENT);
            assertThat(settled.wamid).isEqualTo(wamid);
            // Had it stayed in flight, the sweep (every 5 s here) would take it for a stalled send and, with no
            // further status within confirm-within (5 s), send it a second time.
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> OutboundSend.getEntityManager()
                    .createNativeQuery("UPDATE outbound_send SET attempt_started_at = now() - interval '5 minutes' "
                            + "WHERE command_id = ?1").setParameter(1, message.commandId()).executeUpdate());
            Thread.sleep(11_000);
            assertThat(whatsapp().attemptsTo(waId)).isEmpty();
            assertThat(sent.seen()).filteredOn(r -> r.value().contains(message.commandId().toString())).hasSize(1);
        }
    }
}
