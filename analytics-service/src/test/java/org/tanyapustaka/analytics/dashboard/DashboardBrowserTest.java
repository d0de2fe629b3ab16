package org.tanyapustaka.analytics.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.analytics.EventScript;
import org.tanyapustaka.events.ConversationEvent;
import org.tanyapustaka.events.DeliveryStatus;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.testsupport.HeadlessChromium;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;

/**
 * The dashboard in a real headless Chromium against this service with real data (February 2024, fed through the
 * broker): a head of library logs in with the staff token, sees the API's numbers in the headline and the charts,
 * and a different range changes them. A librarian's token and a bad token get a clear message instead.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "analytics"))
class DashboardBrowserTest {

    static final String FEBRUARY = "from=2024-02-01&to=2024-02-29";
    static final String TENTH = "from=2024-02-10&to=2024-02-10";

    @TestHTTPResource("/dashboard")
    URL dashboard;

    static JsonNode api(String pathAndQuery) throws Exception {
        return EventScript.JSON.readTree(given().auth().oauth2(TestInfrastructure.token("kepala", "admin"))
                .get(pathAndQuery).then().statusCode(200).extract().asString());
    }

    static void feedFebruary() throws Exception {
        String a = "6281200000201";
        String b = "6281200000202";
        try (EventScript script = new EventScript()) {
            script.message(a, "2024-02-05T10:00");
            script.message(a, "2024-02-10T09:00");
            script.message(a, "2024-02-10T09:30");
            script.message(b, "2024-02-10T13:00");
            script.message(b, "2024-02-20T15:00");
            script.intent(a, "2024-02-05T10:00", "catalog_search");
            script.intent(a, "2024-02-10T09:00", "catalog_search");
            script.intent(a, "2024-02-10T09:30", "opening_hours");
            script.intent(b, "2024-02-10T13:00", "human_handover");
            script.intent(b, "2024-02-20T15:00", "greeting");
            script.search(a, "2024-02-05T10:00", 4, 25, "fisika", "dasar");
            script.search(a, "2024-02-10T09:00", 0, 31, "kimia", "organik");
            UUID handover = UUID.randomUUID();
            script.handover(b, handover, ConversationEvent.Type.HANDOVER_REQUESTED, "2024-02-10T13:00", null, "patron_asked", null);
            script.handover(b, handover, ConversationEvent.Type.ASSIGNED, "2024-02-10T13:02", "sari", null, null);
            script.handover(b, handover, ConversationEvent.Type.LIBRARIAN_REPLIED, "2024-02-10T13:03", "sari", null, null);
            script.handover(b, handover, ConversationEvent.Type.CLOSED, "2024-02-10T13:20", "sari", "librarian", null);
            script.handover(b, handover, ConversationEvent.Type.CSAT_RATED, "2024-02-10T13:21", null, null, 4);
            UUID command = UUID.randomUUID();
            String wamid = "wamid.feb." + UUID.randomUUID();
            script.outbound(a, command, OutboundMessage.Origin.ROUTING);
            script.sent(a, command, wamid, "2024-02-10T09:00:05");
            script.status(a, wamid, DeliveryStatus.Status.DELIVERED, "2024-02-10T09:00:07", null);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode summary = api("/api/analytics/summary?" + FEBRUARY);
            assertThat(summary.path("messagesIn").asLong()).isEqualTo(5);
            assertThat(summary.path("messagesOut").asLong()).isEqualTo(1);
            assertThat(summary.path("searches").asLong()).isEqualTo(2);
            assertThat(summary.path("closedHandovers").asLong()).isEqualTo(1);
            assertThat(summary.path("averageRating").asDouble()).isEqualTo(4.0);
            assertThat(api("/api/analytics/summary?" + TENTH).path("messagesIn").asLong()).isEqualTo(3);
            assertThat(api("/api/analytics/delivery?" + FEBRUARY + "&group=month").get(0).path("delivered").asLong()).isEqualTo(1);
        });
    }

    @Test
    void theDashboardShowsTheApisNumbersAndTheRangePickerChangesThem() throws Exception {
        feedFebruary();
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.navigate(dashboard.toString());
            chromium.await("document.body && document.body.dataset.state", v -> "login".equals(v.asText()), Duration.ofSeconds(30));

            logIn(chromium, TestInfrastructure.token("kepala-perpustakaan", "admin"));
            chromium.await("document.body.dataset.state", v -> !"loading".equals(v.asText()), Duration.ofSeconds(60));
            chooseRange(chromium, "2024-02-01", "2024-02-29", "day");

            JsonNode summary = api("/api/analytics/summary?" + FEBRUARY);
            JsonNode cards = headline(chromium);
            for (String figure : List.of("messagesIn", "messagesOut", "uniquePatrons", "questions", "botShare",
                    "handedOver", "waitMedianSeconds", "firstResponseMedianSeconds", "averageRating", "searches")) {
                if (summary.path(figure).isNull()) {
                    assertThat(cards.path(figure).isNull()).as(figure).isTrue();
                } else {
                    assertThat(cards.path(figure).asDouble()).as(figure).isEqualTo(summary.path(figure).asDouble());
                }
            }
            assertThat(cards.path("messagesIn").asLong()).isEqualTo(5);
            assertThat(text(chromium, "#headline [data-figure=messagesIn] .value")).isEqualTo("5");
            assertThat(text(chromium, "#headline [data-figure=averageRating] .value")).isEqualTo("4 / 5");

            // Every bar of the messages chart is the API's number for its day and series.
            JsonNode days = api("/api/analytics/messages?" + FEBRUARY + "&group=day");
            JsonNode bars = chromium.eval("Array.from(document.querySelectorAll('#chart-messages rect[data-series]'))"
                    + ".map(r => [r.dataset.bucket, r.dataset.series, +r.dataset.value])");
            assertThat(bars).hasSize(2 * 29);
            List<String> expected = new ArrayList<>();
            days.forEach(d -> {
                expected.add(d.path("bucket").asText() + " messagesIn " + d.path("messagesIn").asLong());
                expected.add(d.path("bucket").asText() + " messagesOut " + d.path("messagesOut").asLong());
            });
            List<String> drawn = new ArrayList<>();
            bars.forEach(bar -> drawn.add(bar.get(0).asText() + " " + bar.get(1).asText() + " " + bar.get(2).asLong()));
            assertThat(drawn).containsExactlyElementsOf(expected);
            assertThat(drawn).contains("2024-02-10 messagesIn 3");

            // The busiest-hours table: Saturday 10 February, 09:00 has two messages.
            assertThat(chromium.eval("+document.querySelector('#chart-hours rect[data-weekday=\"6\"][data-hour=\"9\"]').dataset.value").asLong())
                    .isEqualTo(2);
            assertThat(chromium.eval("Array.from(document.querySelectorAll('#chart-hours rect')).reduce((s, r) => s + +r.dataset.value, 0)").asLong())
                    .isEqualTo(5);
            // What patrons ask, and what the collection lacks.
            assertThat(chromium.eval("Array.from(document.querySelectorAll('#chart-intents rect')).map(r => r.dataset.label + '=' + r.dataset.value)"))
                    .extracting(JsonNode::asText).containsExactly("Cari koleksi=2", "Tanya pustakawan=1", "Jam & lokasi layanan=1");
            assertThat(text(chromium, "#table-without-result td")).isEqualTo("kimia organik");
            assertThat(text(chromium, "#table-librarians td")).isEqualTo("sari");
            chromium.screenshot(Path.of("target", "dashboard-february-2024.png"));

            // Another range: only Saturday 10 February.
            chooseRange(chromium, "2024-02-10", "2024-02-10", "hour");
            JsonNode tenth = api("/api/analytics/summary?" + TENTH);
            JsonNode changed = headline(chromium);
            assertThat(changed.path("messagesIn").asLong()).isEqualTo(tenth.path("messagesIn").asLong()).isEqualTo(3);
            assertThat(changed.path("uniquePatrons").asLong()).isEqualTo(tenth.path("uniquePatrons").asLong());
            assertThat(changed.path("searches").asLong()).isEqualTo(tenth.path("searches").asLong()).isEqualTo(1);
            assertThat(chromium.eval("document.querySelectorAll('#chart-messages rect[data-series=messagesIn]').length").asInt())
                    .isEqualTo(24);
            assertThat(chromium.eval("+document.querySelector('#chart-messages rect[data-series=messagesIn][data-bucket=\"2024-02-10T09:00\"]').dataset.value").asLong())
                    .isEqualTo(2);
        }
    }

    @Test
    void aLibrariansTokenOrABadTokenGetsAClearMessage() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.navigate(dashboard.toString());
            chromium.await("document.body && document.body.dataset.state", v -> "login".equals(v.asText()), Duration.ofSeconds(30));
            logIn(chromium, TestInfrastructure.token("pustakawan", "librarian"));
            chromium.await("document.body.dataset.state", v -> "error".equals(v.asText()), Duration.ofSeconds(30));
            assertThat(text(chromium, "#message")).contains("bukan milik administrator");

            chromium.eval("document.getElementById('logout').click()");
            logIn(chromium, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
            chromium.await("document.body.dataset.state", v -> "error".equals(v.asText()), Duration.ofSeconds(30));
            assertThat(text(chromium, "#message")).contains("Token tidak diterima");
            assertThat(chromium.eval("sessionStorage.getItem('tanyaPustaka.staffToken')").isNull()).isTrue();
            assertThat(chromium.eval("document.getElementById('login').hidden").asBoolean()).isFalse();
        }
    }

    private static void logIn(HeadlessChromium chromium, String token) throws Exception {
        chromium.eval("document.getElementById('token').value = " + EventScript.JSON.writeValueAsString(token)
                + "; document.getElementById('login-button').click(); true");
    }

    private static void chooseRange(HeadlessChromium chromium, String from, String to, String group) throws Exception {
        chromium.eval("document.getElementById('from').value = '" + from + "'; document.getElementById('to').value = '" + to
                + "'; document.getElementById('group').value = '" + group + "'; document.getElementById('apply').click(); true");
        chromium.await("document.body.dataset.state + ' ' + document.body.dataset.range",
                v -> v.asText().equals("ready " + from + "/" + to), Duration.ofSeconds(60));
    }

    /** The headline cards' numbers, by figure. */
    private static JsonNode headline(HeadlessChromium chromium) throws Exception {
        return chromium.eval("Object.fromEntries(Array.from(document.querySelectorAll('#headline .card'))"
                + ".map(c => [c.dataset.figure, c.dataset.value === undefined ? null : (isNaN(+c.dataset.value) || c.dataset.value === '' ? c.dataset.value : +c.dataset.value)]))");
    }

    private static String text(HeadlessChromium chromium, String selector) throws Exception {
        return chromium.eval("document.querySelector(" + EventScript.JSON.writeValueAsString(selector) + ").textContent.trim()").asText();
    }
}
