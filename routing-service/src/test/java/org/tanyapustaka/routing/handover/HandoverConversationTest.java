package org.tanyapustaka.routing.handover;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tanyapustaka.routing.RoutingFixture.JSON;
import static org.tanyapustaka.routing.RoutingFixture.WAIT;
import static org.tanyapustaka.routing.RoutingFixture.committed;
import static org.tanyapustaka.routing.RoutingFixture.detail;
import static org.tanyapustaka.routing.RoutingFixture.event;
import static org.tanyapustaka.routing.RoutingFixture.librarianName;
import static org.tanyapustaka.routing.RoutingFixture.line;
import static org.tanyapustaka.routing.RoutingFixture.listReply;
import static org.tanyapustaka.routing.RoutingFixture.openAroundTheClock;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.publish;
import static org.tanyapustaka.routing.RoutingFixture.publishJson;
import static org.tanyapustaka.routing.RoutingFixture.reply;
import static org.tanyapustaka.routing.RoutingFixture.setStatus;
import static org.tanyapustaka.routing.RoutingFixture.text;
import static org.tanyapustaka.routing.RoutingFixture.transcriptBodies;
import static org.tanyapustaka.routing.RoutingFixture.weekly;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.DeliveryStatus;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.SendResult;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.routing.RoutingFixture;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * Whole conversations with a librarian in between, through the real broker and database: the patron asks for a
 * librarian, waits in the queue, is assigned when a librarian comes online, gets the librarian's reply, writes while
 * the bot stays silent, and rates the service after the close; plus the 24-hour window, service hours, fairness,
 * going offline, and the two other ways into a handover (answers rejected twice, not understood twice).
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class HandoverConversationTest {

    @Inject
    EntityManager em;

    @Inject
    LibrarianActions actions;

    @Inject
    HandoverQueue queue;

    /** Each test starts with no open handover, every librarian offline and the desk open around the clock. */
    @BeforeEach
    void quietDesk() {
        RoutingFixture.quietDesk(em);
    }

    // ---------------------------------------------------------------- the whole conversation of the issue

    @Test
    void queuedUntilALibrarianComesOnlineThenRepliesAndRatingAfterTheClose() throws Exception {
        String waId = patron();
        String dewi = "dewi.lestari." + UUID.randomUUID().toString().substring(0, 6) + "@perpustakaan.ac.id";
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            // The patron asks for a librarian; nobody is online.
            PatronMessage ask = text(waId, "Rina Oktaviani", "kak mau ngobrol sama pustakawan dong");
            publish(ask);
            JsonNode queued = reply(outbound, waId, body -> body.contains("antrean nomor"));
            assertThat(queued.path("body").asText()).startsWith("Baik, Anda akan kami hubungkan dengan pustakawan")
                    .contains("antrean nomor 1;").contains("Ketik *batal*");
            UUID handover = EventIds.derive(ask.id(), "handover");
            assertThat(event(events, handover, "handover_requested").path("reason").asText()).isEqualTo("patron_asked");
            event(events, handover, "queued");
            committed(handover, "queued");
            JsonNode classified = eventOf(events, waId, e -> "intent_classified".equals(e.path("type").asText()));
            assertThat(classified.path("intent").asText()).isEqualTo("human_handover");
            JsonNode waiting = detail(handover).path("handover");
            assertThat(waiting.path("status").asText()).isEqualTo("queued");
            assertThat(waiting.path("queuePosition").asInt()).isEqualTo(1);
            assertThat(waiting.path("patronName").asText()).isEqualTo("Rina Oktaviani");

            // While waiting, the patron writes: it goes to the transcript for the librarian.
            PatronMessage question = text(waId, "Rina Oktaviani", "saya mau tanya soal bebas pustaka utk wisuda");
            publish(question);
            await().atMost(WAIT).until(() -> transcriptBodies(handover).contains(question.text()));

            // A librarian comes online: the waiting conversation is assigned at once and the patron is told who.
            setStatus(dewi, "librarian", "online");
            JsonNode connected = reply(outbound, waId, body -> body.contains("terhubung dengan pustakawan"));
            assertThat(connected.path("body").asText()).contains("*Dewi Lestari");
            JsonNode assigned = event(events, handover, "assigned");
            committed(handover, "assigned");
            assertThat(assigned.path("librarian").asText()).isEqualTo(dewi);
            assertThat(detail(handover).at("/handover/librarian").asText()).isEqualTo(dewi);

            // The librarian replies; it reaches the patron as the librarian's message.
            JsonNode sent = given().auth().oauth2(TestInfrastructure.token(dewi, "librarian")).contentType(ContentType.JSON)
                    .header("Idempotency-Key", "reply-1")
                    .body(Map.of("text", "Halo Rina, syarat bebas pustaka: tidak ada pinjaman dan sudah unggah skripsi."))
                    .post("/api/routing/handovers/{id}/replies", handover)
                    .then().statusCode(202).extract().as(JsonNode.class);
            assertThat(sent.path("sentAs").asText()).isEqualTo("text");
            JsonNode librarianReply = reply(outbound, waId, body -> body.startsWith("Halo Rina, syarat bebas pustaka"));
            assertThat(librarianReply.path("origin").asText()).isEqualTo("librarian");
            assertThat(librarianReply.path("commandId").asText()).isEqualTo(sent.path("commandId").asText());
            assertThat(event(events, handover, "librarian_replied").path("librarian").asText()).isEqualTo(dewi);

            // The same reply sent again with the same key is the same command, not a second message.
            JsonNode again = given().auth().oauth2(TestInfrastructure.token(dewi, "librarian")).contentType(ContentType.JSON)
                    .header("Idempotency-Key", "reply-1")
                    .body(Map.of("text", "Halo Rina, syarat bebas pustaka: tidak ada pinjaman dan sudah unggah skripsi."))
                    .post("/api/routing/handovers/{id}/replies", handover)
                    .then().statusCode(202).extract().as(JsonNode.class);
            assertThat(again.path("commandId").asText()).isEqualTo(sent.path("commandId").asText());

            // The gateway reports the send and WhatsApp the delivery: the transcript shows it.
            UUID command = UUID.fromString(sent.path("commandId").asText());
            String wamid = MetaWebhooks.newWamid();
            publishJson(Topics.WHATSAPP_SENT, waId, new SendResult(command, waId, wamid, null, 1, Instant.now()),
                    EventIds.derive(command, "sent"));
            publishJson(Topics.WHATSAPP_STATUS, waId, new DeliveryStatus(EventIds.ofStatus(wamid, "read"), wamid, waId,
                    DeliveryStatus.Status.READ, Instant.now(), null), EventIds.ofStatus(wamid, "read"));
            publishJson(Topics.WHATSAPP_STATUS, waId, new DeliveryStatus(EventIds.ofStatus(wamid, "delivered"), wamid,
                    waId, DeliveryStatus.Status.DELIVERED, Instant.now(), null), EventIds.ofStatus(wamid, "delivered"));
            await().atMost(WAIT).until(() -> "read".equals(line(handover, command).path("delivery").asText()));
            Thread.sleep(500); // the late "delivered" must not take "read" back
            assertThat(line(handover, command).path("delivery").asText()).isEqualTo("read");
            assertThat(line(handover, command).path("author").asText()).isEqualTo("librarian");

            // The patron writes again, even "menu": the bot stays silent, the handover stays with the librarian.
            PatronMessage thanks = text(waId, "Rina Oktaviani", "oke kak makasih, satu lagi: denda telat brp?");
            PatronMessage menu = text(waId, "Rina Oktaviani", "menu");
            publish(thanks);
            publish(menu);
            await().atMost(WAIT).until(() -> transcriptBodies(handover).contains("menu"));
            Thread.sleep(1_000);
            assertThat(outbound.seen().stream().filter(r -> waId.equals(r.key()))
                    .filter(r -> r.value().contains(thanks.id().toString()) || r.value().contains(menu.id().toString())))
                    .isEmpty();
            assertThat(detail(handover).at("/handover/status").asText()).isEqualTo("assigned");

            // An internal note stays internal.
            given().auth().oauth2(TestInfrastructure.token(dewi, "librarian")).contentType(ContentType.JSON)
                    .body(Map.of("text", "Cek status pinjaman di SLiMS sebelum jawab denda"))
                    .post("/api/routing/handovers/{id}/notes", handover).then().statusCode(201);
            assertThat(detail(handover).path("transcript").findValuesAsText("author")).contains("note", "patron",
                    "routing", "librarian");

            // The librarian closes: the patron is asked to rate, and the rating is recorded.
            given().auth().oauth2(TestInfrastructure.token(dewi, "librarian"))
                    .post("/api/routing/handovers/{id}/close", handover).then().statusCode(200);
            JsonNode rate = reply(outbound, waId, body -> body.contains("Bagaimana penilaian Anda"));
            assertThat(rate.path("kind").asText()).isEqualTo("list");
            assertThat(rate.at("/list/sections/0/rows").findValuesAsText("id"))
                    .containsExactly("csat:5", "csat:4", "csat:3", "csat:2", "csat:1");
            assertThat(event(events, handover, "closed").path("reason").asText()).isEqualTo("librarian");

            publish(listReply(waId, null, "csat:4", "4 - Puas"));
            reply(outbound, waId, body -> body.startsWith("Terima kasih atas penilaian Anda"));
            assertThat(event(events, handover, "csat_rated").path("rating").asInt()).isEqualTo(4);
            assertThat(detail(handover).at("/handover/rating").asInt()).isEqualTo(4);

            // After the rating the bot answers again.
            PatronMessage hours = text(waId, "Rina Oktaviani", "perpus buka jam brp?");
            publish(hours);
            JsonNode answer = JSON.readTree(outbound.await(r -> r.value().contains(hours.id().toString()), WAIT).value());
            assertThat(answer.path("body").asText()).contains("Senin");
        }
    }

    @Test
    void anyOtherReplyToTheRatingQuestionIsANewMessage() throws Exception {
        String waId = patron();
        String librarian = librarianName("sari");
        setStatus(librarian, "librarian", "online");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            PatronMessage ask = text(waId, "Andi", "bisa bicara dengan pustakawan?");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            reply(outbound, waId, body -> body.contains("terhubung dengan pustakawan"));
            // The reply goes out before the handover's transaction commits: wait until the desk can see it.
            await().atMost(WAIT).until(() -> given().auth()
                    .oauth2(TestInfrastructure.token(librarian, "librarian"))
                    .get("/api/routing/handovers/{id}", handover).statusCode() == 200);
            given().auth().oauth2(TestInfrastructure.token(librarian, "librarian"))
                    .post("/api/routing/handovers/{id}/close", handover).then().statusCode(200);
            reply(outbound, waId, body -> body.contains("Bagaimana penilaian Anda"));
            PatronMessage hours = text(waId, "Andi", "jam buka perpustakaan hari sabtu?");
            publish(hours);
            JsonNode answer = JSON.readTree(outbound.await(r -> r.value().contains(hours.id().toString()), WAIT).value());
            assertThat(answer.path("body").asText()).contains("Sabtu");
            assertThat(detail(handover).at("/handover/rating").isNull()).isTrue();
        }
    }

    // ---------------------------------------------------------------- the 24-hour window

    @Test
    void replyMoreThan24HoursAfterThePatronsLastMessageIsRefused() throws Exception {
        String waId = patron();
        String librarian = librarianName("budi");
        setStatus(librarian, "librarian", "online");
        PatronMessage old = text(waId, "Yusuf", "saya mau bicara dengan pustakawan", Instant.now().minus(Duration.ofHours(25)));
        try (TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            publish(old);
            UUID handover = EventIds.derive(old.id(), "handover");
            event(events, handover, "assigned");
            committed(handover, "assigned");
            JsonNode detail = detail(handover).path("handover");
            assertThat(detail.path("windowOpen").asBoolean()).isFalse();
            JsonNode problem = given().auth().oauth2(TestInfrastructure.token(librarian, "librarian"))
                    .contentType(ContentType.JSON).body(Map.of("text", "Halo Yusuf, maaf baru sempat membalas."))
                    .post("/api/routing/handovers/{id}/replies", handover)
                    .then().statusCode(409).contentType("application/problem+json").extract().as(JsonNode.class);
            assertThat(problem.path("detail").asText()).contains("more than 24 hours ago").contains("not sent");
        }
    }

    @Test
    void withAReopeningTemplateConfiguredTheTemplateGoesOutInsteadOfTheLateReply() throws Exception {
        String waId = patron();
        String librarian = librarianName("rini");
        setStatus(librarian, "librarian", "online");
        PatronMessage old = text(waId, "Wulan", "mau tanya pustakawan", Instant.now().minus(Duration.ofHours(30)));
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            publish(old);
            UUID handover = EventIds.derive(old.id(), "handover");
            event(events, handover, "assigned");
            committed(handover, "assigned");
            // The REST resource passes the configured template (routing.handover.reopen-template) to the desk.
            UUID command = UUID.randomUUID();
            LibrarianActions.Sent sent = actions.reply(handover, librarian, "Halo Wulan, maaf baru membalas.", command,
                    java.util.Optional.of("lanjutkan_percakapan"), "id");
            assertThat(sent.sentAs()).isEqualTo("template");
            assertThat(sent.detail()).contains("lanjutkan_percakapan").contains("Send your reply again");
            JsonNode template = JSON.readTree(outbound.await(r -> waId.equals(r.key())
                    && r.value().contains("\"kind\":\"template\""), WAIT).value());
            assertThat(template.at("/template/name").asText()).isEqualTo("lanjutkan_percakapan");
            assertThat(template.at("/template/language").asText()).isEqualTo("id");
            assertThat(template.at("/template/parameters/0").asText()).isEqualTo(Librarian.nameOf(librarian)).startsWith("Rini ");
            assertThat(template.path("origin").asText()).isEqualTo("librarian");
            assertThat(outbound.seen().stream().filter(r -> r.value().contains("maaf baru membalas"))).isEmpty();
        }
    }

    @Test
    void aFailedSendIsShownToTheLibrarianOnTheConversation() throws Exception {
        String waId = patron();
        String librarian = librarianName("joko");
        setStatus(librarian, "librarian", "online");
        try (TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            PatronMessage ask = text(waId, "Hendra", "sambungkan ke pustakawan ya");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            event(events, handover, "assigned");
            committed(handover, "assigned");
            UUID command = UUID.fromString(given().auth().oauth2(TestInfrastructure.token(librarian, "librarian"))
                    .contentType(ContentType.JSON).body(Map.of("text", "Halo Hendra"))
                    .post("/api/routing/handovers/{id}/replies", handover).then().statusCode(202)
                    .extract().path("commandId"));
            // WhatsApp refused it: the 24-hour window closed in the meantime (131047).
            publishJson(Topics.WHATSAPP_SENT, waId, new SendResult(command, waId, null,
                    new SendResult.Error(131047, "Re-engagement message", false), 1, Instant.now()),
                    EventIds.derive(command, "sent"));
            await().atMost(WAIT).until(() -> detail(handover).path("deliveryProblems").size() == 1);
            JsonNode problem = detail(handover).path("deliveryProblems").get(0);
            assertThat(problem.path("id").asText()).isEqualTo(command.toString());
            assertThat(problem.path("errorCode").asInt()).isEqualTo(131047);
            assertThat(problem.path("errorTitle").asText()).isEqualTo("Re-engagement message");
            assertThat(problem.path("body").asText()).isEqualTo("Halo Hendra");
        }
    }

    @Test
    void anIdleConversationIsClosedAndThePatronToldAndAskedToRate() throws Exception {
        String waId = patron();
        String librarian = librarianName("agus");
        setStatus(librarian, "librarian", "online");
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            PatronMessage ask = text(waId, "Irma", "pengen ngobrol sama pustakawan");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            event(events, handover, "assigned");
            committed(handover, "assigned");
            given().auth().oauth2(TestInfrastructure.token(librarian, "librarian")).contentType(ContentType.JSON)
                    .body(Map.of("text", "Halo Irma, silakan")).post("/api/routing/handovers/{id}/replies", handover)
                    .then().statusCode(202);
            // Five hours without a message (the timeout is four).
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE handover SET last_activity_at = now() - interval '5 hours' WHERE id = ?1")
                    .setParameter(1, handover).executeUpdate());
            queue.closeIdle(); // (or the minutely housekeeping, whichever comes first)
            assertThat(event(events, handover, "closed").path("reason").asText()).isEqualTo("idle_timeout");
            JsonNode told = reply(outbound, waId, body -> body.contains("tidak ada pesan selama 4 jam"));
            assertThat(told.path("kind").asText()).isEqualTo("list");
            assertThat(detail(handover).at("/handover/status").asText()).isEqualTo("closed");
        }
    }

    // ---------------------------------------------------------------- service hours

    @Test
    void outsideServiceHoursThePatronIsToldWhenLibrariansAreBackAndTheQueueWaitsForOpening() throws Exception {
        String librarian = librarianName("maya");
        setStatus(librarian, "librarian", "online");
        // Open only on a day that is not today (Jakarta), 08:00-16:00.
        DayOfWeek tomorrow = ZonedDateTime.now(ServiceHours.JAKARTA).getDayOfWeek().plus(1);
        weekly(List.of(Map.of("day", tomorrow.name().toLowerCase(Locale.ROOT), "opens", "08:00", "closes", "16:00")));
        String waId = patron();
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            PatronMessage ask = text(waId, "Lina", "min mau tanya langsung ke pustakawan");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            JsonNode told = reply(outbound, waId, body -> body.contains("di luar jam layanan"));
            assertThat(told.path("body").asText()).contains("besok").contains("pukul 08.00 WIB");
            event(events, handover, "out_of_hours");
            event(events, handover, "queued");
            committed(handover, "queued");
            assertThat(detail(handover).at("/handover/outOfHours").asBoolean()).isTrue();
            // A librarian is online, but the desk is closed: the conversation waits.
            Thread.sleep(1_000);
            assertThat(detail(handover).at("/handover/status").asText()).isEqualTo("queued");

            // The desk opens (here: the schedule changes): the backlog is assigned.
            openAroundTheClock();
            assertThat(event(events, handover, "assigned").path("librarian").asText()).isEqualTo(librarian);
        }
    }

    @Test
    void closedDatesAndBadSchedulesAreChecked() {
        String admin = TestInfrastructure.token("kepala@perpustakaan.ac.id", "admin");
        String today = ZonedDateTime.now(ServiceHours.JAKARTA).toLocalDate().toString();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "Cuti bersama"))
                .put("/api/routing/service-hours/closed-dates/{d}", today).then().statusCode(200);
        JsonNode hours = given().auth().oauth2(admin).get("/api/routing/service-hours").then().statusCode(200)
                .extract().as(JsonNode.class);
        assertThat(hours.path("openNow").asBoolean()).isFalse();
        assertThat(hours.path("closedDates").findValuesAsText("reason")).contains("Cuti bersama");
        assertThat(hours.path("timeZone").asText()).isEqualTo("Asia/Jakarta");
        given().auth().oauth2(admin).delete("/api/routing/service-hours/closed-dates/{d}", today).then().statusCode(204);
        assertThat(given().auth().oauth2(admin).get("/api/routing/service-hours").then().extract().path("openNow")
                .toString()).isEqualTo("true");

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(List.of(Map.of("day", "friday", "opens", "16:00", "closes", "08:00")))
                .put("/api/routing/service-hours/weekly").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("must close after it opens"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(List.of(Map.of("day", "jumat", "opens", "08:00", "closes", "12:00"),
                        Map.of("day", "friday", "opens", "11:30", "closes", "16:00")))
                .put("/api/routing/service-hours/weekly").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("overlap"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(List.of(Map.of("day", "someday", "opens", "08:00", "closes", "12:00")))
                .put("/api/routing/service-hours/weekly").then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(List.of(Map.of("day", "monday", "opens", "8 pagi", "closes", "12:00")))
                .put("/api/routing/service-hours/weekly").then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .put("/api/routing/service-hours/closed-dates/{d}", "25-12-2026").then().statusCode(400);
        // Librarians read the hours but do not change them.
        String librarian = TestInfrastructure.token(librarianName("nina"), "librarian");
        given().auth().oauth2(librarian).get("/api/routing/service-hours").then().statusCode(200);
        given().auth().oauth2(librarian).contentType(ContentType.JSON)
                .body(List.of(Map.of("day", "monday", "opens", "08:00", "closes", "12:00")))
                .put("/api/routing/service-hours/weekly").then().statusCode(403);
        // A day with a break: open before and after it, closed during it.
        JsonNode withBreak = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(List.of(Map.of("day", "jumat", "opens", "08:00", "closes", "11:30"),
                        Map.of("day", "friday", "opens", "13:00", "closes", "16:30")))
                .put("/api/routing/service-hours/weekly").then().statusCode(200).extract().as(JsonNode.class);
        assertThat(withBreak.path("weekly").findValuesAsText("opens")).containsExactly("08:00", "13:00");
    }

    // ---------------------------------------------------------------- assignment

    @Test
    void assignmentIsFairAndALibrarianGoingOfflineReturnsTheirConversationsToTheQueue() throws Exception {
        String ani = librarianName("ani");
        String eko = librarianName("eko");
        setStatus(ani, "librarian", "online");
        setStatus(eko, "librarian", "online");
        List<UUID> handovers = new ArrayList<>();
        try (TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            for (int i = 0; i < 4; i++) {
                handovers.add(asksForALibrarian(events, "Pemustaka " + i, "tolong sambungkan ke pustakawan", "assigned"));
            }
            List<String> owners = handovers.stream().map(h -> detail(h).at("/handover/librarian").asText()).toList();
            assertThat(owners).filteredOn(ani::equals).hasSize(2);
            assertThat(owners).filteredOn(eko::equals).hasSize(2);

            // Ani goes offline: her two conversations go back to the queue and, Eko having room, to Eko.
            setStatus(ani, "librarian", "offline");
            for (int i = 0; i < 4; i++) {
                if (owners.get(i).equals(ani)) {
                    UUID handover = handovers.get(i);
                    JsonNode requeued = event(events, handover, "queued");
                    assertThat(requeued.path("librarian").asText()).isEqualTo(ani);
                    await().atMost(WAIT).until(() -> eko.equals(detail(handover).at("/handover/librarian").asText()));
                }
            }
            JsonNode librarians = given().auth().oauth2(TestInfrastructure.token(eko, "librarian"))
                    .get("/api/routing/librarians").then().statusCode(200).extract().as(JsonNode.class);
            for (JsonNode l : librarians) {
                if (eko.equals(l.path("username").asText())) {
                    assertThat(l.path("openConversations").asInt()).isEqualTo(4);
                }
                if (ani.equals(l.path("username").asText())) {
                    assertThat(l.path("openConversations").asInt()).isZero();
                    assertThat(l.path("status").asText()).isEqualTo("offline");
                }
            }
        }
    }

    @Test
    void theInboxListsTheQueueInOrderWithEachPositionAsTheHandoverItselfShowsIt() throws Exception {
        List<UUID> waiting = new ArrayList<>();
        try (TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            for (int i = 0; i < 3; i++) {
                waiting.add(asksForALibrarian(events, "Antre " + i, "mau ngobrol sama pustakawan", "queued"));
            }
        }
        String sari = librarianName("sari");
        String token = TestInfrastructure.token(sari, "librarian");
        given().auth().oauth2(token).post("/api/routing/handovers/{id}/claim", waiting.get(1)).then().statusCode(200);

        JsonNode queued = given().auth().oauth2(token).get("/api/routing/handovers?status=queued")
                .then().statusCode(200).extract().as(JsonNode.class);
        assertThat(queued.findValuesAsText("id")).containsExactly(waiting.get(0).toString(), waiting.get(2).toString());
        assertThat(queued.findValues("queuePosition")).extracting(JsonNode::asInt).containsExactly(1, 2);

        JsonNode open = given().auth().oauth2(token).get("/api/routing/handovers")
                .then().statusCode(200).extract().as(JsonNode.class);
        assertThat(open.findValuesAsText("id")).containsExactlyElementsOf(waiting.stream().map(UUID::toString).toList());
        assertThat(open.findValues("queuePosition")).extracting(JsonNode::isNull).containsExactly(false, true, false);
        assertThat(open.findValuesAsText("patronName")).containsExactly("Antre 0", "Antre 1", "Antre 2");
        for (JsonNode summary : open) {
            assertThat(summary).as("the list's summary of %s is the one the handover shows", summary.path("id"))
                    .isEqualTo(detail(UUID.fromString(summary.path("id").asText())).path("handover"));
        }
        JsonNode mine = given().auth().oauth2(token).get("/api/routing/handovers?mine=true")
                .then().statusCode(200).extract().as(JsonNode.class);
        assertThat(mine.findValuesAsText("id")).containsExactly(waiting.get(1).toString());
    }

    @Test
    void capacityIsRespectedAndTheBacklogMovesWhenRoomFreesUp() throws Exception {
        String admin = TestInfrastructure.token("kepala@perpustakaan.ac.id", "admin");
        String tono = librarianName("tono");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("displayName", "Pak Tono", "capacity", 1))
                .put("/api/routing/librarians/{u}", tono).then().statusCode(200);
        setStatus(tono, "librarian", "online");
        try (TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            String first = patron();
            String second = patron();
            PatronMessage a = text(first, "A", "mau chat admin perpus");
            PatronMessage b = text(second, "B", "mau chat admin perpus");
            publish(a);
            event(events, EventIds.derive(a.id(), "handover"), "assigned");
            committed(EventIds.derive(a.id(), "handover"), "assigned");
            assertThat(reply(outbound, first, body -> body.contains("terhubung")).path("body").asText())
                    .contains("*Pak Tono*");
            publish(b);
            UUID waiting = EventIds.derive(b.id(), "handover");
            event(events, waiting, "queued");
            committed(waiting, "queued");

            // Another librarian may not claim what is Tono's, nor reply in it; claiming the queued one works.
            String wati = librarianName("wati");
            given().auth().oauth2(TestInfrastructure.token(wati, "librarian"))
                    .post("/api/routing/handovers/{id}/claim", EventIds.derive(a.id(), "handover"))
                    .then().statusCode(409);
            given().auth().oauth2(TestInfrastructure.token(wati, "librarian")).contentType(ContentType.JSON)
                    .body(Map.of("text", "halo")).post("/api/routing/handovers/{id}/replies", EventIds.derive(a.id(), "handover"))
                    .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("not by you"));
            given().auth().oauth2(TestInfrastructure.token(tono, "librarian")).contentType(ContentType.JSON)
                    .body(Map.of("text", " ")).post("/api/routing/handovers/{id}/replies", EventIds.derive(a.id(), "handover"))
                    .then().statusCode(400);

            // Tono closes the first: the second is his at once.
            given().auth().oauth2(TestInfrastructure.token(tono, "librarian"))
                    .post("/api/routing/handovers/{id}/close", EventIds.derive(a.id(), "handover")).then().statusCode(200);
            assertThat(event(events, waiting, "assigned").path("librarian").asText()).isEqualTo(tono);

            // Tono transfers it to Wati (who must be online or away).
            given().auth().oauth2(TestInfrastructure.token(tono, "librarian")).contentType(ContentType.JSON)
                    .body(Map.of("to", wati)).post("/api/routing/handovers/{id}/transfer", waiting).then().statusCode(409);
            setStatus(wati, "librarian", "away");
            given().auth().oauth2(TestInfrastructure.token(tono, "librarian")).contentType(ContentType.JSON)
                    .body(Map.of("to", wati)).post("/api/routing/handovers/{id}/transfer", waiting).then().statusCode(200);
            assertThat(detail(waiting).at("/handover/librarian").asText()).isEqualTo(wati);
            assertThat(reply(outbound, second, body -> body.contains("kini dilanjutkan oleh pustakawan")).path("body")
                    .asText()).contains("Wati");
        }
    }

    @Test
    void thePatronCanLeaveTheQueue() throws Exception {
        String waId = patron();
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            PatronMessage ask = text(waId, "Dodi", "pengen ngobrol sama pustakawan");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            event(events, handover, "queued");
            publish(text(waId, "Dodi", "gak jadi"));
            reply(outbound, waId, body -> body.contains("dibatalkan"));
            assertThat(event(events, handover, "closed").path("reason").asText()).isEqualTo("patron_cancelled");
            PatronMessage menu = text(waId, "Dodi", "menu");
            publish(menu);
            assertThat(JSON.readTree(outbound.await(r -> r.value().contains(menu.id().toString()), WAIT).value())
                    .path("kind").asText()).isEqualTo("list");
        }
    }

    // ---------------------------------------------------------------- the other ways into a handover

    @Test
    void anAnswerRejectedTwiceGoesToALibrarian() throws Exception {
        String waId = patron();
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            publish(text(waId, "Fajar", "syarat bebas pustaka apa aja kak"));
            reply(outbound, waId, body -> body.toLowerCase(Locale.ROOT).contains("bebas pustaka"));
            publish(text(waId, "Fajar", "bukan itu maksud saya"));
            JsonNode sorry = reply(outbound, waId, body -> body.startsWith("Maaf, jawabannya belum membantu"));
            assertThat(sorry.path("buttons").findValuesAsText("id")).contains("menu:human_handover");
            PatronMessage again = text(waId, "Fajar", "ga membantu");
            publish(again);
            assertThat(event(events, EventIds.derive(again.id(), "handover"), "handover_requested").path("reason")
                    .asText()).isEqualTo("answer_rejected");
            reply(outbound, waId, body -> body.contains("antrean nomor"));
        }
    }

    @Test
    void aSecondMessageTheBotDoesNotUnderstandGoesToALibrarian() throws Exception {
        String waId = patron();
        try (TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            publish(text(waId, "Gita", "hmm 🙏??"));
            reply(outbound, waId, body -> body.startsWith("Maaf, saya belum memahami"));
            PatronMessage again = text(waId, "Gita", "??");
            publish(again);
            assertThat(event(events, EventIds.derive(again.id(), "handover"), "handover_requested").path("reason")
                    .asText()).isEqualTo("not_understood");
        }
    }

    @Test
    void librarianEndpointsNeedAStaffTokenAndAdminChangesAccounts() {
        given().get("/api/routing/handovers").then().statusCode(401);
        given().auth().oauth2(TestInfrastructure.token("pemustaka", "patron")).get("/api/routing/handovers")
                .then().statusCode(403);
        String librarian = TestInfrastructure.token(librarianName("rudi"), "librarian");
        given().auth().oauth2(librarian).get("/api/routing/handovers?status=bogus").then().statusCode(400);
        given().auth().oauth2(librarian).contentType(ContentType.JSON).body(Map.of("displayName", "X", "capacity", 9))
                .put("/api/routing/librarians/{u}", "someone").then().statusCode(403);
        given().auth().oauth2(librarian).contentType(ContentType.JSON).body(Map.of("status", "sleeping"))
                .put("/api/routing/librarians/me/status").then().statusCode(400);
        given().auth().oauth2(librarian).get("/api/routing/handovers/{id}", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(librarian).post("/api/routing/handovers/{id}/close", UUID.randomUUID()).then().statusCode(404);
    }

    // ---------------------------------------------------------------- helpers

    static JsonNode eventOf(TopicProbe events, String waId, Predicate<JsonNode> match) throws Exception {
        ConsumerRecord<String, String> record = events.await(r -> {
            try {
                return waId.equals(r.key()) && match.test(JSON.readTree(r.value()));
            } catch (Exception e) {
                return false;
            }
        }, WAIT);
        return JSON.readTree(record.value());
    }

    /** A new patron asks for a librarian; returns the handover once it is committed in the given state. */
    private UUID asksForALibrarian(TopicProbe events, String name, String text, String state) throws Exception {
        PatronMessage ask = text(patron(), name, text);
        publish(ask);
        UUID handover = EventIds.derive(ask.id(), "handover");
        event(events, handover, state);
        committed(handover, state);
        return handover;
    }

}
