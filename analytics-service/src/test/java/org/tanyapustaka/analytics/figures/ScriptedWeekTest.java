package org.tanyapustaka.analytics.figures;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.tanyapustaka.events.ConversationEvent.Type.ASSIGNED;
import static org.tanyapustaka.events.ConversationEvent.Type.CLOSED;
import static org.tanyapustaka.events.ConversationEvent.Type.CSAT_RATED;
import static org.tanyapustaka.events.ConversationEvent.Type.HANDOVER_REQUESTED;
import static org.tanyapustaka.events.ConversationEvent.Type.LIBRARIAN_REPLIED;
import static org.tanyapustaka.events.ConversationEvent.Type.OUT_OF_HOURS;
import static org.tanyapustaka.events.ConversationEvent.Type.QUEUED;
import static org.tanyapustaka.events.DeliveryStatus.Status.DELIVERED;
import static org.tanyapustaka.events.DeliveryStatus.Status.FAILED;
import static org.tanyapustaka.events.DeliveryStatus.Status.READ;
import static org.tanyapustaka.events.DeliveryStatus.Status.SENT;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.analytics.EventScript;
import org.tanyapustaka.events.ConversationEvent;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * A scripted week at the library — Monday 2 to Sunday 8 June 2025, library time (WIB = UTC+7) — fed through the
 * real broker, with redeliveries, late and out-of-order events; every figure is checked against numbers worked
 * out by hand below.
 *
 * <pre>
 * Patrons: P1 (first wrote 20 May), P2, P3, P4 (first write this week).
 *   Outside the week: P1 on Sun 25 May, published after all P1's June messages but the last (a day that falls between
 *   two days already counted); P5 on Thu 2 January 2025, then 20 December 2024, then 30 December 2024 (across a year
 *   boundary, the middle day last).
 * Messages in (WIB):  Mon 09:00 P1, 09:05 P1, 23:30 P2 | Tue 00:15 P2 | Wed 14:00 P3, 14:10 P3 (delivered twice)
 *                     | Sat 20:00 P4 | Sun 10:00 P1 (published last) | next Mon 08:00 P2 (outside the week)
 *   → 8 in the week: Mon 3, Tue 1, Wed 2, Sat 1, Sun 1. Unique 4; new 3 (P2 Mon, P3 Wed, P4 Sat); returning 1.
 * Intents: Mon greeting, opening_hours, catalog_search | Tue human_handover | Wed loan_renewal, thanks
 *          | Sat human_handover | Sun fines (opening_hours delivered twice)
 *   → questions (not greeting/thanks/csat_rating/menu) 6: Mon 2, Tue 1, Wed 1, Sat 1, Sun 1.
 * Handovers (requested → first assigned / first reply / closed):
 *   H1 P2 Tue 00:15 out of hours, queued → sari 08:00 (27,900 s) / 08:10 (28,500 s) / sari 08:30 (29,700 s), rated 5
 *   H2 P3 Wed 14:05 → budi 14:06 (60 s) / budi 14:08 (180 s), transferred to sari 14:20 / sari 14:35 (1,800 s),
 *      rated 3; its "closed" published before its "requested"
 *   H3 P4 Sat 20:00 out of hours, queued → budi Sun 08:00 (43,200 s) / 08:05 (43,500 s) / idle timeout Sun 09:05
 *      (47,100 s), not rated; handled by budi (last assigned)
 *   → handed over 3: Tue, Wed, Sat; answered by the bot alone 3 of 6 (0.5): Mon 2, Sun 1.
 *   → wait median 27,900, p90 27,900 + 0.8 × (43,200 − 27,900) = 40,140; first response median 28,500,
 *     p90 28,500 + 0.8 × 15,000 = 40,500; resolution median 29,700, p90 29,700 + 0.8 × 17,400 = 43,620.
 *   → sari: H1, H2: wait median (60 + 27,900) / 2 = 13,980, p90 60 + 0.9 × 27,840 = 25,116; budi: H3.
 *   → satisfaction: closed 3 (Tue, Wed, Sun), rated 2 (5, 3): average 4.0, response rate 2/3.
 * Searches (placed by ce_time): Mon 23:31 "laskar pelangi" 3 hits 12 ms | Wed 10:00 "laskar pelangi" 3 hits 20 ms
 *   | Wed 10:30 "kalkulus" 0 hits 30 ms (delivered twice) | Sat 19:00 "kalkulus" 0 hits 8 ms
 *   | Sun 09:00 "basis data" 5 hits 16 ms | Sun 09:30 "sejarah bangka" 0 hits 40 ms
 *   → 6 searches, 3 without result; median hits (0 + 3) / 2 = 1.5; median time (16 + 20) / 2 = 18 ms.
 * Library messages: C1 routing W1 Mon 09:00 | C2 catalog W2 Mon 23:31 | C3 librarian W3 Tue 08:10
 *   | C4 routing refused 131047 Sat 20:00 | C5 librarian W5 Wed 14:08 | C6 mark-as-read (not a message)
 *   | C7 routing W7 Sun 10:00 (send result published before the command)
 *   → out 5: Mon 2, Tue 1, Wed 1, Sun 1; routing 2, catalog 1, librarian 2.
 * Statuses: W1 read, sent, delivered (in that arrival order) → read, Mon | W2 sent (twice), delivered → delivered, Mon
 *   | W3 sent, failed 131026, then a late delivered → failed (final), Tue | W5 read Thu 00:05, then a late sent Wed
 *   23:59 → read, moved to Wed | W7 failed 131047 Sun
 *   → messages 5, sent 3, delivered 3, read 2, failed 2; send errors 1; 24-hour window failures 2 (Sat, Sun).
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "analytics"))
class ScriptedWeekTest {

    static final String P1 = "6281100000101";
    static final String P2 = "6281100000102";
    static final String P3 = "6281100000103";
    static final String P4 = "6281100000104";
    static final String P5 = "6281100000105";
    static final String WEEK = "from=2025-06-02&to=2025-06-08";

    @Inject
    EntityManager entityManager;

    static final List<String> wamids = new ArrayList<>();
    static boolean played;

    /** Plays the week once (RestAssured knows the test port only from the first test on). */
    @BeforeEach
    void playTheWeek() {
        if (played) {
            return;
        }
        played = true;
        try (EventScript script = new EventScript()) {
            script.message(P1, "2025-05-20T10:00");
            script.message(P1, "2025-06-02T09:00");
            script.message(P1, "2025-06-02T09:05");
            script.message(P2, "2025-06-02T23:30");
            script.message(P2, "2025-06-03T00:15");
            script.message(P3, "2025-06-04T14:00");
            script.again(script.message(P3, "2025-06-04T14:10"));
            script.message(P4, "2025-06-07T20:00");
            script.message(P2, "2025-06-09T08:00");
            script.message(P5, "2025-01-02T09:00");
            script.message(P5, "2024-12-20T10:00");
            script.message(P5, "2024-12-30T15:00");

            script.intent(P1, "2025-06-02T09:00", "greeting");
            script.again(script.intent(P1, "2025-06-02T09:05", "opening_hours"));
            script.intent(P2, "2025-06-02T23:30", "catalog_search");
            script.intent(P2, "2025-06-03T00:15", "human_handover");
            script.intent(P3, "2025-06-04T14:00", "loan_renewal");
            script.intent(P3, "2025-06-04T14:10", "thanks");
            script.intent(P4, "2025-06-07T20:00", "human_handover");
            script.intent(P1, "2025-06-08T10:00", "fines");

            UUID h1 = UUID.randomUUID();
            script.handover(P2, h1, HANDOVER_REQUESTED, "2025-06-03T00:15", null, "patron_asked", null);
            script.handover(P2, h1, OUT_OF_HOURS, "2025-06-03T00:15", null, null, null);
            script.handover(P2, h1, QUEUED, "2025-06-03T00:15", null, null, null);
            script.handover(P2, h1, ASSIGNED, "2025-06-03T08:00", "sari", null, null);
            script.handover(P2, h1, LIBRARIAN_REPLIED, "2025-06-03T08:10", "sari", null, null);
            script.handover(P2, h1, CLOSED, "2025-06-03T08:30", "sari", "librarian", null);
            script.again(script.handover(P2, h1, CSAT_RATED, "2025-06-03T08:32", null, null, 5));

            UUID h2 = UUID.randomUUID();
            script.handover(P3, h2, CLOSED, "2025-06-04T14:35", "sari", "librarian", null);
            script.handover(P3, h2, LIBRARIAN_REPLIED, "2025-06-04T14:09", "budi", null, null);
            script.handover(P3, h2, HANDOVER_REQUESTED, "2025-06-04T14:05", null, "answer_rejected", null);
            script.handover(P3, h2, ASSIGNED, "2025-06-04T14:20", "sari", null, null);
            script.handover(P3, h2, ASSIGNED, "2025-06-04T14:06", "budi", null, null);
            script.handover(P3, h2, LIBRARIAN_REPLIED, "2025-06-04T14:08", "budi", null, null);
            script.handover(P3, h2, CSAT_RATED, "2025-06-04T14:36", null, null, 3);

            UUID h3 = UUID.randomUUID();
            script.handover(P4, h3, HANDOVER_REQUESTED, "2025-06-07T20:00", null, "patron_asked", null);
            script.handover(P4, h3, OUT_OF_HOURS, "2025-06-07T20:00", null, null, null);
            script.handover(P4, h3, QUEUED, "2025-06-07T20:00", null, null, null);
            script.handover(P4, h3, ASSIGNED, "2025-06-08T08:00", "budi", null, null);
            script.handover(P4, h3, LIBRARIAN_REPLIED, "2025-06-08T08:05", "budi", null, null);
            script.handover(P4, h3, CLOSED, "2025-06-08T09:05", null, "idle_timeout", null);

            script.search(P2, "2025-06-02T23:31", 3, 12, "laskar", "pelangi");
            script.search(P1, "2025-06-04T10:00", 3, 20, "laskar", "pelangi");
            script.again(script.search(P3, "2025-06-04T10:30", 0, 30, "kalkulus"), "2025-06-04T10:30");
            script.search(P4, "2025-06-07T19:00", 0, 8, "kalkulus");
            script.search(P1, "2025-06-08T09:00", 5, 16, "basis", "data");
            script.search(P2, "2025-06-08T09:30", 0, 40, "sejarah", "bangka");

            String w1 = wamid(), w2 = wamid(), w3 = wamid(), w5 = wamid(), w7 = wamid();
            UUID c1 = UUID.randomUUID(), c2 = UUID.randomUUID(), c3 = UUID.randomUUID(), c4 = UUID.randomUUID();
            UUID c5 = UUID.randomUUID(), c6 = UUID.randomUUID(), c7 = UUID.randomUUID();
            script.outbound(P1, c1, OutboundMessage.Origin.ROUTING);
            script.sent(P1, c1, w1, "2025-06-02T09:00:05");
            script.outbound(P2, c2, OutboundMessage.Origin.CATALOG);
            script.sent(P2, c2, w2, "2025-06-02T23:31:10");
            script.outbound(P2, c3, OutboundMessage.Origin.LIBRARIAN);
            script.sent(P2, c3, w3, "2025-06-03T08:10");
            script.outbound(P4, c4, OutboundMessage.Origin.ROUTING);
            script.sendFailed(P4, c4, 131047, "2025-06-07T20:00:10");
            script.outbound(P3, c5, OutboundMessage.Origin.LIBRARIAN);
            script.sent(P3, c5, w5, "2025-06-04T14:08");
            script.markRead(P1, c6);
            script.sent(P1, c6, null, "2025-06-02T09:00:01");
            script.sent(P1, c7, w7, "2025-06-08T10:00:05");
            script.outbound(P1, c7, OutboundMessage.Origin.ROUTING);

            script.status(P1, w1, READ, "2025-06-02T09:01", null);
            script.status(P1, w1, SENT, "2025-06-02T09:00:06", null);
            script.status(P1, w1, DELIVERED, "2025-06-02T09:00:07", null);
            script.again(script.status(P2, w2, SENT, "2025-06-02T23:31:11", null));
            script.status(P2, w2, DELIVERED, "2025-06-02T23:31:12", null);
            script.status(P2, w3, SENT, "2025-06-03T08:10:01", null);
            script.status(P2, w3, FAILED, "2025-06-03T08:10:05", 131026);
            script.status(P2, w3, DELIVERED, "2025-06-03T08:10:03", null);
            script.status(P4, w7, FAILED, "2025-06-08T10:00:07", 131047);

            // W5: only "read" so far, on Thursday just after midnight: the message counts on Thursday ...
            script.status(P3, w5, READ, "2025-06-05T00:05", null);
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode days = get("/api/analytics/delivery?" + WEEK);
                assertThat(days.get(3).path("read").asLong()).isEqualTo(1);
            });
            // ... until its "sent" of Wednesday 23:59 arrives late: then it counts on Wednesday, still as read.
            script.status(P3, w5, SENT, "2025-06-04T23:59", null);

            // A late day of P1's between 20 May and 2 June; then the last patron message arrives last, a week late.
            script.message(P1, "2025-05-25T10:00");
            script.message(P1, "2025-06-08T10:00");
        }
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode summary = get("/api/analytics/summary?" + WEEK);
            assertThat(summary.path("messagesIn").asLong()).isEqualTo(8);
            assertThat(summary.path("messagesOut").asLong()).isEqualTo(5);
            assertThat(summary.path("questions").asLong()).isEqualTo(6);
            assertThat(summary.path("handoverRequests").asLong()).isEqualTo(3);
            assertThat(summary.path("closedHandovers").asLong()).isEqualTo(3);
            assertThat(summary.path("searches").asLong()).isEqualTo(6);
            assertThat(get("/api/analytics/messages?" + WEEK + "&group=week").get(0).path("outRouting").asLong()).isEqualTo(2);
            assertThat(get("/api/analytics/delivery?" + WEEK).get(2).path("read").asLong()).isEqualTo(1);
            assertThat(get("/api/analytics/delivery?" + WEEK).get(1).path("messages").asLong()).isEqualTo(1);
            assertThat(summary.path("windowFailures").asLong()).isEqualTo(2);
            assertThat(get("/api/analytics/summary?from=2024-12-01&to=2025-01-31").path("messagesIn").asLong()).isEqualTo(3);
        });
    }

    private static String wamid() {
        String wamid = "wamid.HBgNNjI4MTEwMDAwMDEwMRUCABEYEj" + UUID.randomUUID().toString().replace("-", "");
        wamids.add(wamid);
        return wamid;
    }

    static String admin() {
        return TestInfrastructure.token("kepala-perpustakaan", "admin");
    }

    static JsonNode get(String pathAndQuery) throws Exception {
        return EventScript.JSON.readTree(given().auth().oauth2(admin()).get(pathAndQuery)
                .then().statusCode(200).extract().asString());
    }

    static List<Long> column(JsonNode rows, String field) {
        List<Long> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.path(field).asLong()));
        return values;
    }

    static List<String> buckets(JsonNode rows) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.path("bucket").asText()));
        return values;
    }

    @Test
    void summaryHasTheWeeksHeadlineNumbers() throws Exception {
        JsonNode s = get("/api/analytics/summary?" + WEEK);
        assertThat(s.path("from").asText()).isEqualTo("2025-06-02");
        assertThat(s.path("messagesIn").asLong()).isEqualTo(8);
        assertThat(s.path("messagesOut").asLong()).isEqualTo(5);
        assertThat(s.path("uniquePatrons").asLong()).isEqualTo(4);
        assertThat(s.path("newPatrons").asLong()).isEqualTo(3);
        assertThat(s.path("returningPatrons").asLong()).isEqualTo(1);
        assertThat(s.path("questions").asLong()).isEqualTo(6);
        assertThat(s.path("answeredByBot").asLong()).isEqualTo(3);
        assertThat(s.path("handedOver").asLong()).isEqualTo(3);
        assertThat(s.path("botShare").asDouble()).isEqualTo(0.5);
        assertThat(s.path("outOfHoursRequests").asLong()).isEqualTo(2);
        assertThat(s.path("waitMedianSeconds").asDouble()).isEqualTo(27900.0);
        assertThat(s.path("firstResponseMedianSeconds").asDouble()).isEqualTo(28500.0);
        assertThat(s.path("resolutionMedianSeconds").asDouble()).isEqualTo(29700.0);
        assertThat(s.path("searches").asLong()).isEqualTo(6);
        assertThat(s.path("searchesWithoutResult").asLong()).isEqualTo(3);
        assertThat(s.path("medianSearchMs").asDouble()).isEqualTo(18.0);
        assertThat(s.path("averageRating").asDouble()).isEqualTo(4.0);
        assertThat(s.path("ratingResponseRate").asDouble()).isEqualTo(0.667);
        assertThat(s.path("deliveryFailed").asLong()).isEqualTo(2);
        assertThat(s.path("sendErrors").asLong()).isEqualTo(1);
        assertThat(s.path("windowFailures").asLong()).isEqualTo(2);
    }

    @Test
    void messagesArePlacedOnTheLibrarysDaysWhenTheyWereSentNotWhenTheyArrived() throws Exception {
        JsonNode days = get("/api/analytics/messages?" + WEEK);
        assertThat(buckets(days)).containsExactly("2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05",
                "2025-06-06", "2025-06-07", "2025-06-08");
        assertThat(column(days, "messagesIn")).containsExactly(3L, 1L, 2L, 0L, 0L, 1L, 1L);
        assertThat(column(days, "messagesOut")).containsExactly(2L, 1L, 1L, 0L, 0L, 0L, 1L);
        JsonNode week = get("/api/analytics/messages?" + WEEK + "&group=week").get(0);
        assertThat(week.path("bucket").asText()).isEqualTo("2025-06-02");
        assertThat(week.path("outRouting").asLong()).isEqualTo(2);
        assertThat(week.path("outCatalog").asLong()).isEqualTo(1);
        assertThat(week.path("outLibrarian").asLong()).isEqualTo(2);

        JsonNode monday = get("/api/analytics/messages?from=2025-06-02&to=2025-06-02&group=hour");
        assertThat(monday).hasSize(24);
        assertThat(monday.get(9).path("bucket").asText()).isEqualTo("2025-06-02T09:00");
        assertThat(monday.get(9).path("messagesIn").asLong()).isEqualTo(2);
        assertThat(monday.get(23).path("messagesIn").asLong()).isEqualTo(1);
        assertThat(column(monday, "messagesIn").stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
    }

    @Test
    void patronsAreUniqueNewOrReturningPerBucket() throws Exception {
        JsonNode days = get("/api/analytics/patrons?" + WEEK);
        assertThat(column(days, "uniquePatrons")).containsExactly(2L, 1L, 1L, 0L, 0L, 1L, 1L);
        assertThat(column(days, "newPatrons")).containsExactly(1L, 0L, 1L, 0L, 0L, 1L, 0L);
        assertThat(column(days, "returningPatrons")).containsExactly(1L, 1L, 0L, 0L, 0L, 0L, 1L);

        // Partial weeks at both ends: Wed 4 – Sun 8 June (P3, P4, P1) and Mon 9 – Thu 12 June (P2).
        JsonNode weeks = get("/api/analytics/patrons?from=2025-06-04&to=2025-06-12&group=week");
        assertThat(buckets(weeks)).containsExactly("2025-06-02", "2025-06-09");
        assertThat(column(weeks, "uniquePatrons")).containsExactly(3L, 1L);
        // Whole months: May (P1), June (all four).
        JsonNode months = get("/api/analytics/patrons?from=2025-05-01&to=2025-06-30&group=month");
        assertThat(buckets(months)).containsExactly("2025-05", "2025-06");
        assertThat(column(months, "uniquePatrons")).containsExactly(1L, 4L);
        assertThat(column(months, "newPatrons")).containsExactly(1L, 3L);

        // Whole ranges are covered by month, week and day rows: May + June (months), 21 May – 3 June (days and a
        // week), 20 May – 8 June (days, then the week of 2 June).
        assertThat(get("/api/analytics/summary?from=2025-05-01&to=2025-06-30").path("uniquePatrons").asLong()).isEqualTo(4);
        assertThat(get("/api/analytics/summary?from=2025-05-21&to=2025-06-03").path("uniquePatrons").asLong()).isEqualTo(2);
        assertThat(get("/api/analytics/summary?from=2025-05-20&to=2025-06-08").path("uniquePatrons").asLong()).isEqualTo(4);

        JsonNode monday = get("/api/analytics/patrons?from=2025-06-02&to=2025-06-02&group=hour");
        assertThat(monday.get(9).path("uniquePatrons").asLong()).isEqualTo(1);
        assertThat(monday.get(23).path("uniquePatrons").asLong()).isEqualTo(1);
    }

    @Test
    void patronsOfRangesThatCutThroughMonthsAndAYearBoundaryAreCountedOnce() throws Exception {
        // 25 May – 2 June: P1 (25 May and 2 June, once), P2 (new on 2 June).
        JsonNode lateDay = get("/api/analytics/summary?from=2025-05-25&to=2025-06-02");
        assertThat(lateDay.path("messagesIn").asLong()).isEqualTo(4);
        assertThat(lateDay.path("uniquePatrons").asLong()).isEqualTo(2);
        assertThat(lateDay.path("newPatrons").asLong()).isEqualTo(1);
        // 15 May – 4 June by month: May cut (P1, new), June cut at the 4th (P1, P2 and P3 new).
        JsonNode months = get("/api/analytics/patrons?from=2025-05-15&to=2025-06-04&group=month");
        assertThat(buckets(months)).containsExactly("2025-05", "2025-06");
        assertThat(column(months, "uniquePatrons")).containsExactly(1L, 3L);
        assertThat(column(months, "newPatrons")).containsExactly(1L, 2L);
        assertThat(column(months, "returningPatrons")).containsExactly(0L, 1L);

        // P5: 20 December 2024, 30 December 2024 (arrived last), 2 January 2025.
        JsonNode newYear = get("/api/analytics/summary?from=2024-12-30&to=2025-01-02");
        assertThat(newYear.path("uniquePatrons").asLong()).isEqualTo(1);
        assertThat(newYear.path("newPatrons").asLong()).isEqualTo(0);
        assertThat(newYear.path("returningPatrons").asLong()).isEqualTo(1);
        JsonNode aroundNewYear = get("/api/analytics/patrons?from=2024-12-15&to=2025-01-15&group=month");
        assertThat(buckets(aroundNewYear)).containsExactly("2024-12", "2025-01");
        assertThat(column(aroundNewYear, "uniquePatrons")).containsExactly(1L, 1L);
        assertThat(column(aroundNewYear, "newPatrons")).containsExactly(1L, 0L);
        JsonNode weeks = get("/api/analytics/patrons?from=2024-12-21&to=2025-01-01&group=week");
        assertThat(buckets(weeks)).containsExactly("2024-12-16", "2024-12-23", "2024-12-30");
        assertThat(column(weeks, "uniquePatrons")).containsExactly(0L, 0L, 1L);
        assertThat(get("/api/analytics/summary?from=2024-12-25&to=2025-01-10").path("uniquePatrons").asLong()).isEqualTo(1);
    }

    @Test
    void theDayBeforeEachPatronDayKeptAtIngestIsWhatTheDaysThemselvesSay() {
        String recomputed = """
                SELECT period, COALESCE(previous_day, DATE '-infinity'), count(*)
                FROM (SELECT period, lag(period) OVER (PARTITION BY patron_key ORDER BY period) AS previous_day
                      FROM patron_period WHERE period_kind = 'd') AS days
                GROUP BY 1, 2""";
        String kept = "SELECT day, previous_day, patrons FROM patron_return WHERE patrons <> 0";
        assertThat(entityManager.createNativeQuery("(" + kept + " EXCEPT " + recomputed + ") UNION ALL ("
                + recomputed + " EXCEPT " + kept + ")").getResultList()).isEmpty();
        // P5's 2 January 2025 follows 30 December 2024, which arrived after it.
        assertThat(((Number) entityManager.createNativeQuery("SELECT sum(patrons) FROM patron_return"
                + " WHERE day = DATE '2025-01-02' AND previous_day = DATE '2024-12-30'").getSingleResult()).longValue())
                .isEqualTo(1);
    }

    @Test
    void questionsByIntentAndTheShareTheBotAnsweredAlone() throws Exception {
        JsonNode days = get("/api/analytics/questions?" + WEEK);
        assertThat(column(days, "questions")).containsExactly(2L, 1L, 1L, 0L, 0L, 1L, 1L);
        assertThat(column(days, "handedOver")).containsExactly(0L, 1L, 1L, 0L, 0L, 1L, 0L);
        assertThat(column(days, "answeredByBot")).containsExactly(2L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(days.get(0).path("botShare").asDouble()).isEqualTo(1.0);
        assertThat(days.get(3).path("botShare").isNull()).isTrue();

        JsonNode intents = get("/api/analytics/questions/intents?" + WEEK);
        assertThat(intents.get(0).path("intent").asText()).isEqualTo("human_handover");
        assertThat(intents.get(0).path("messages").asLong()).isEqualTo(2);
        assertThat(intents).hasSize(7);
        for (JsonNode intent : intents) {
            assertThat(intent.path("bucket").asText()).isEqualTo("range");
            if (!intent.path("intent").asText().equals("human_handover")) {
                assertThat(intent.path("messages").asLong()).as(intent.toString()).isEqualTo(1);
            }
            assertThat(intent.path("question").asBoolean())
                    .isEqualTo(!List.of("greeting", "thanks").contains(intent.path("intent").asText()));
        }
    }

    @Test
    void handoverTimesMedianAndNinetiethPercentileOverallAndPerLibrarian() throws Exception {
        JsonNode week = get("/api/analytics/handovers?" + WEEK + "&group=week").get(0);
        assertThat(week.path("requested").asLong()).isEqualTo(3);
        assertThat(week.path("outOfHours").asLong()).isEqualTo(2);
        assertThat(week.path("queued").asLong()).isEqualTo(2);
        assertThat(week.path("closed").asLong()).isEqualTo(3);
        assertThat(week.path("waitMedianSeconds").asDouble()).isEqualTo(27900.0);
        assertThat(week.path("waitP90Seconds").asDouble()).isEqualTo(40140.0);
        assertThat(week.path("firstResponseMedianSeconds").asDouble()).isEqualTo(28500.0);
        assertThat(week.path("firstResponseP90Seconds").asDouble()).isEqualTo(40500.0);
        assertThat(week.path("resolutionMedianSeconds").asDouble()).isEqualTo(29700.0);
        assertThat(week.path("resolutionP90Seconds").asDouble()).isEqualTo(43620.0);

        JsonNode days = get("/api/analytics/handovers?" + WEEK);
        assertThat(column(days, "requested")).containsExactly(0L, 1L, 1L, 0L, 0L, 1L, 0L);
        assertThat(days.get(2).path("waitMedianSeconds").asDouble()).isEqualTo(60.0);
        assertThat(days.get(2).path("firstResponseMedianSeconds").asDouble()).isEqualTo(180.0);
        assertThat(days.get(0).path("waitMedianSeconds").isNull()).isTrue();

        JsonNode librarians = get("/api/analytics/handovers/librarians?" + WEEK);
        assertThat(librarians).hasSize(2);
        JsonNode sari = librarians.get(0);
        assertThat(sari.path("librarian").asText()).isEqualTo("sari");
        assertThat(sari.path("handled").asLong()).isEqualTo(2);
        assertThat(sari.path("waitMedianSeconds").asDouble()).isEqualTo(13980.0);
        assertThat(sari.path("waitP90Seconds").asDouble()).isEqualTo(25116.0);
        assertThat(sari.path("firstResponseMedianSeconds").asDouble()).isEqualTo(14340.0);
        assertThat(sari.path("resolutionMedianSeconds").asDouble()).isEqualTo(15750.0);
        JsonNode budi = librarians.get(1);
        assertThat(budi.path("librarian").asText()).isEqualTo("budi");
        assertThat(budi.path("handled").asLong()).isEqualTo(1);
        assertThat(budi.path("waitMedianSeconds").asDouble()).isEqualTo(43200.0);
        assertThat(budi.path("resolutionP90Seconds").asDouble()).isEqualTo(47100.0);
    }

    @Test
    void handoversSatisfactionAndSearchesOfRangesThatCutThroughAMonth() throws Exception {
        // 15 May – 5 June by month: June holds H1 and H2 (sari's two), closed and rated 5 and 3.
        JsonNode handovers = get("/api/analytics/handovers?from=2025-05-15&to=2025-06-05&group=month");
        assertThat(buckets(handovers)).containsExactly("2025-05", "2025-06");
        assertThat(column(handovers, "requested")).containsExactly(0L, 2L);
        assertThat(handovers.get(0).path("waitMedianSeconds").isNull()).isTrue();
        JsonNode june = handovers.get(1);
        assertThat(june.path("outOfHours").asLong()).isEqualTo(1);
        assertThat(june.path("waitMedianSeconds").asDouble()).isEqualTo(13980.0);
        assertThat(june.path("waitP90Seconds").asDouble()).isEqualTo(25116.0);
        assertThat(june.path("firstResponseMedianSeconds").asDouble()).isEqualTo(14340.0);
        assertThat(june.path("resolutionMedianSeconds").asDouble()).isEqualTo(15750.0);
        JsonNode satisfaction = get("/api/analytics/satisfaction?from=2025-05-15&to=2025-06-05&group=month").get(1);
        assertThat(satisfaction.path("closed").asLong()).isEqualTo(2);
        assertThat(satisfaction.path("averageRating").asDouble()).isEqualTo(4.0);
        assertThat(column(get("/api/analytics/questions?from=2025-05-15&to=2025-06-05&group=month"), "handedOver"))
                .containsExactly(0L, 2L);

        // Searches: June whole (monthly counts) after half of May (daily ones) ...
        JsonNode whole = get("/api/analytics/searches?from=2025-05-15&to=2025-06-30&group=month").get(1);
        assertThat(whole.path("searches").asLong()).isEqualTo(6);
        assertThat(whole.path("medianHits").asDouble()).isEqualTo(1.5);
        assertThat(whole.path("medianTookMs").asDouble()).isEqualTo(18.0);
        assertThat(get("/api/analytics/summary?from=2025-05-15&to=2025-07-31").path("medianSearchMs").asDouble()).isEqualTo(18.0);
        // ... and June from the 4th (days) before July (a whole month): 3 hits 20 ms, 0/30 (redelivered), 0/8, 5/16, 0/40.
        JsonNode cut = get("/api/analytics/searches?from=2025-06-04&to=2025-07-31&group=month");
        assertThat(buckets(cut)).containsExactly("2025-06", "2025-07");
        assertThat(column(cut, "searches")).containsExactly(5L, 0L);
        assertThat(column(cut, "withoutResult")).containsExactly(3L, 0L);
        assertThat(cut.get(0).path("medianHits").asDouble()).isEqualTo(0.0);
        assertThat(cut.get(0).path("medianTookMs").asDouble()).isEqualTo(20.0);
        List<String> terms = new ArrayList<>();
        get("/api/analytics/searches/top?from=2025-06-04&to=2025-07-31")
                .forEach(row -> terms.add(row.path("terms").asText() + "=" + row.path("searches").asLong()));
        assertThat(terms).containsExactly("kalkulus=2", "basis data=1", "laskar pelangi=1", "sejarah bangka=1");
        terms.clear();
        get("/api/analytics/searches/without-result?from=2025-05-15&to=2025-06-30")
                .forEach(row -> terms.add(row.path("terms").asText() + "=" + row.path("withoutResult").asLong()));
        assertThat(terms).containsExactly("kalkulus=2", "sejarah bangka=1");
    }

    @Test
    void satisfactionOfTheHandoversClosedInEachBucket() throws Exception {
        JsonNode days = get("/api/analytics/satisfaction?" + WEEK);
        assertThat(column(days, "closed")).containsExactly(0L, 1L, 1L, 0L, 0L, 0L, 1L);
        assertThat(column(days, "rated")).containsExactly(0L, 1L, 1L, 0L, 0L, 0L, 0L);
        assertThat(days.get(1).path("averageRating").asDouble()).isEqualTo(5.0);
        assertThat(days.get(6).path("responseRate").asDouble()).isEqualTo(0.0);
        JsonNode week = get("/api/analytics/satisfaction?" + WEEK + "&group=week").get(0);
        assertThat(week.path("averageRating").asDouble()).isEqualTo(4.0);
        assertThat(week.path("responseRate").asDouble()).isEqualTo(0.667);
        assertThat(List.of(week.path("rating1").asLong(), week.path("rating2").asLong(), week.path("rating3").asLong(),
                week.path("rating4").asLong(), week.path("rating5").asLong())).containsExactly(0L, 0L, 1L, 0L, 1L);
    }

    @Test
    void catalogueSearchesTopTermsAndWhatTheCollectionLacks() throws Exception {
        JsonNode week = get("/api/analytics/searches?" + WEEK + "&group=week").get(0);
        assertThat(week.path("searches").asLong()).isEqualTo(6);
        assertThat(week.path("withoutResult").asLong()).isEqualTo(3);
        assertThat(week.path("medianHits").asDouble()).isEqualTo(1.5);
        assertThat(week.path("medianTookMs").asDouble()).isEqualTo(18.0);
        assertThat(column(get("/api/analytics/searches?" + WEEK), "searches")).containsExactly(1L, 0L, 2L, 0L, 0L, 1L, 2L);

        JsonNode top = get("/api/analytics/searches/top?" + WEEK);
        List<String> terms = new ArrayList<>();
        top.forEach(row -> terms.add(row.path("terms").asText() + "=" + row.path("searches").asLong()));
        assertThat(terms).containsExactly("kalkulus=2", "laskar pelangi=2", "basis data=1", "sejarah bangka=1");
        assertThat(get("/api/analytics/searches/top?" + WEEK + "&limit=1")).hasSize(1);

        JsonNode lacking = get("/api/analytics/searches/without-result?" + WEEK);
        List<String> missing = new ArrayList<>();
        lacking.forEach(row -> missing.add(row.path("terms").asText() + "=" + row.path("withoutResult").asLong()));
        assertThat(missing).containsExactly("kalkulus=2", "sejarah bangka=1");
    }

    @Test
    void deliveryStatusesNeverGoBackwardsAndFailuresByCode() throws Exception {
        JsonNode days = get("/api/analytics/delivery?" + WEEK);
        assertThat(column(days, "messages")).containsExactly(2L, 1L, 1L, 0L, 0L, 0L, 1L);
        assertThat(column(days, "sent")).containsExactly(2L, 0L, 1L, 0L, 0L, 0L, 0L);
        assertThat(column(days, "delivered")).containsExactly(2L, 0L, 1L, 0L, 0L, 0L, 0L);
        assertThat(column(days, "read")).containsExactly(1L, 0L, 1L, 0L, 0L, 0L, 0L);
        assertThat(column(days, "failed")).containsExactly(0L, 1L, 0L, 0L, 0L, 0L, 1L);
        assertThat(column(days, "sendErrors")).containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 0L);
        assertThat(column(days, "windowFailures")).containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 1L);

        JsonNode errors = get("/api/analytics/delivery/errors?" + WEEK);
        List<String> codes = new ArrayList<>();
        errors.forEach(row -> codes.add(row.path("source").asText() + ":" + row.path("code").asInt() + "="
                + row.path("failures").asLong() + (row.path("outside24HourWindow").asBoolean() ? " (24h)" : "")));
        assertThat(codes).containsExactly("send:131047=1 (24h)", "status:131026=1", "status:131047=1 (24h)");
    }

    @Test
    void busiestHoursAsAWeekdayByHourTable() throws Exception {
        JsonNode table = get("/api/analytics/busiest-hours?" + WEEK);
        assertThat(table).hasSize(168);
        assertThat(table.get(0).path("day").asText()).isEqualTo("Senin");
        long total = 0;
        for (JsonNode cell : table) {
            long expected = switch0(cell.path("weekday").asInt() * 100 + cell.path("hour").asInt());
            assertThat(cell.path("messagesIn").asLong()).as(cell.toString()).isEqualTo(expected);
            total += cell.path("messagesIn").asLong();
        }
        assertThat(total).isEqualTo(8);
    }

    /** Mon 09h: 2, Mon 23h: 1, Tue 00h: 1, Wed 14h: 2, Sat 20h: 1, Sun 10h: 1. */
    private static long switch0(int weekdayHour) {
        return weekdayHour == 109 ? 2 : weekdayHour == 123 ? 1 : weekdayHour == 200 ? 1 : weekdayHour == 314 ? 2
                : weekdayHour == 620 ? 1 : weekdayHour == 710 ? 1 : 0;
    }

    @Test
    void everyFigureIsAlsoCsvWithAHeaderRow() {
        String csv = given().auth().oauth2(admin()).accept("text/csv").get("/api/analytics/searches/top?" + WEEK)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly("terms,searches,withoutResult", "kalkulus,2,2",
                "laskar pelangi,2,0", "basis data,1,0", "sejarah bangka,1,1");
        String messages = given().auth().oauth2(admin()).get("/api/analytics/messages?" + WEEK + "&format=csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(messages.split("\r\n")).hasSize(8).startsWith(
                "bucket,messagesIn,messagesOut,outRouting,outCatalog,outLibrarian", "2025-06-02,3,2,1,1,0");
        String summary = given().auth().oauth2(admin()).get("/api/analytics/summary?" + WEEK + "&format=csv")
                .then().statusCode(200).extract().asString();
        assertThat(summary.split("\r\n")).hasSize(2);
        assertThat(summary.split("\r\n")[0]).startsWith("from,to,messagesIn,messagesOut,uniquePatrons");
        assertThat(summary.split("\r\n")[1]).startsWith("2025-06-02,2025-06-08,8,5,4,3,1,");
        for (String figure : List.of("patrons", "questions", "questions/intents", "searches", "searches/without-result",
                "handovers", "handovers/librarians", "satisfaction", "delivery", "delivery/errors", "busiest-hours")) {
            String body = given().auth().oauth2(admin()).get("/api/analytics/" + figure + "?" + WEEK + "&format=csv")
                    .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
            assertThat(body.split("\r\n")[0]).as(figure).doesNotContain("{").contains(",");
        }
    }

    @Test
    void noPhoneNumberNameTextOrWamidIsStored() {
        String everything = (String) entityManager.createNativeQuery("""
                SELECT concat_ws('|',
                  (SELECT string_agg(CAST(row_to_json(t) AS text), '|') FROM inbound_message_fact t),
                  (SELECT string_agg(CAST(row_to_json(t) AS text), '|') FROM patron t),
                  (SELECT string_agg(CAST(row_to_json(t) AS text), '|') FROM patron_period t),
                  (SELECT string_agg(CAST(row_to_json(t) AS text), '|') FROM handover t),
                  (SELECT string_agg(CAST(row_to_json(t) AS text), '|') FROM search_fact t),
                  (SELECT string_agg(CAST(row_to_json(t) AS text), '|') FROM search_terms_daily t),
                  (SELECT string_agg(CAST(row_to_json(t) AS text), '|') FROM delivery t),
                  (SELECT string_agg(CAST(row_to_json(t) AS text), '|') FROM outbound_message t),
                  (SELECT string_agg(CAST(row_to_json(t) AS text), '|') FROM hourly_count t))""").getSingleResult();
        assertThat(everything).contains("kalkulus").contains("sari");
        for (String secret : List.of(P1, P2, P3, P4, P5, "Rina", "perpus buka", "ada buku", "Perpustakaan buka")) {
            assertThat(everything).doesNotContain(secret);
        }
        wamids.forEach(wamid -> assertThat(everything).doesNotContain(wamid));
    }

    @Test
    void anEventNoFigureCanUseGoesToTheDeadLetterTopic() {
        try (TopicProbe dlq = new TopicProbe(Topics.deadLetter(Topics.CONVERSATION_EVENTS));
                EventScript script = new EventScript()) {
            // An event that is not even JSON goes first: the channel must survive it to take the next one.
            String unreadable = "{\"id\":\"" + UUID.randomUUID() + "\",\"waId\":\"" + P1 + "\",\"type\":";
            script.raw(Topics.CONVERSATION_EVENTS, P1, unreadable);
            UUID id = UUID.randomUUID();
            script.raw(Topics.CONVERSATION_EVENTS, P1, "{\"id\":\"" + id + "\",\"waId\":\"" + P1
                    + "\",\"type\":\"csat_rated\",\"handoverId\":\"" + UUID.randomUUID()
                    + "\",\"rating\":9,\"at\":\"2025-06-05T03:00:00Z\"}");
            dlq.await(record -> unreadable.equals(record.value()), Duration.ofSeconds(60));
            dlq.await(record -> record.value() != null && record.value().contains(id.toString()), Duration.ofSeconds(60));
        }
    }

    @Test
    void badRangesGroupingsLimitsAndFormatsAreRefusedWithAProblem() {
        String admin = admin();
        given().auth().oauth2(admin).get("/api/analytics/messages?from=2025-06-08&to=2025-06-02")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid range")).body("detail", containsString("after"));
        given().auth().oauth2(admin).get("/api/analytics/summary?from=kemarin")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Invalid date"));
        given().auth().oauth2(admin).get("/api/analytics/handovers?from=2024-01-01&to=2025-06-01")
                .then().statusCode(400).body("title", equalTo("Range too long"));
        given().auth().oauth2(admin).get("/api/analytics/messages?from=2025-05-01&to=2025-06-08&group=hour")
                .then().statusCode(400).body("title", equalTo("Range too long")).body("detail", containsString("hour"));
        given().auth().oauth2(admin).get("/api/analytics/patrons?" + WEEK + "&group=fortnight")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Unknown grouping")).body("detail", containsString("fortnight"));
        given().auth().oauth2(admin).get("/api/analytics/searches/top?" + WEEK + "&limit=0")
                .then().statusCode(400).body("title", equalTo("Invalid limit"));
        given().auth().oauth2(admin).get("/api/analytics/delivery?" + WEEK + "&format=xlsx")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Unknown format"));
    }

    @Test
    void figuresAreForAdministrators() {
        given().get("/api/analytics/summary").then().statusCode(401);
        given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian")).get("/api/analytics/summary")
                .then().statusCode(403);
        given().auth().oauth2(TestInfrastructure.token("pustakawan", "librarian")).get("/api/analytics/handovers/librarians")
                .then().statusCode(403);
        given().auth().oauth2(admin()).get("/api/analytics/summary").then().statusCode(200);
    }

    @Test
    void theFiguresAreDescribedInOpenApi() {
        String openApi = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String path : List.of("/api/analytics/summary", "/api/analytics/messages", "/api/analytics/patrons",
                "/api/analytics/questions", "/api/analytics/questions/intents", "/api/analytics/searches",
                "/api/analytics/searches/top", "/api/analytics/searches/without-result", "/api/analytics/handovers",
                "/api/analytics/handovers/librarians", "/api/analytics/satisfaction", "/api/analytics/delivery",
                "/api/analytics/delivery/errors", "/api/analytics/busiest-hours")) {
            assertThat(openApi).contains("\"" + path + "\"");
        }
        assertThat(openApi).contains("except greeting, thanks, csat_rating and menu").contains("text/csv");
    }
}
