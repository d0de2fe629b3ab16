package org.tanyapustaka.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.HeadlessChromium;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TestInfrastructure;

/**
 * The librarians' desk survives a routing-service restart: a librarian has the inbox open in a real headless
 * Chromium, routing (the packaged jar, its own JVM) is stopped, a patron writes while it is down (the gateway takes
 * the message into Kafka), routing starts again on the same port, and the open page - the same document, never
 * reloaded - shows that it lost the connection and then catches up by itself with the message and its unread count.
 */
class DeskRestartIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** From routing ready to the message on the page: the new consumer first gets its partitions, on a busy machine. */
    static final Duration CATCH_UP = Duration.ofSeconds(60);

    static ServiceProcess gateway;
    static ServiceProcess routing;

    @BeforeAll
    static void startServices() throws Exception {
        TestInfrastructure.ensureStarted("gateway");
        TestInfrastructure.ensureStarted("routing");
        gateway = ServiceProcess.start("gateway-service", "gateway");
        routing = ServiceProcess.start("routing-service", "routing");
        gateway.awaitReady(Duration.ofSeconds(120));
        routing.awaitReady(Duration.ofSeconds(120));
        TestInfrastructure.whatsapp().deliverWebhooksTo(gateway.uri("/webhook"));
        // RoundTripIT's helpers post to its gateway.
        RoundTripIT.gateway = gateway;
    }

    @AfterAll
    static void stopServices() throws Exception {
        RoundTripIT.gateway = null;
        if (gateway != null) {
            gateway.close();
        }
        if (routing != null) {
            routing.close();
        }
    }

    @Test
    void anOpenDeskCatchesUpAfterRoutingRestartsWithoutAReload() throws Exception {
        String waId = "6281377700051";
        String admin = TestInfrastructure.token("kepala@perpustakaan.ac.id", "admin");
        // The desk is closed (no weekly hours): the conversation waits in the queue, nobody is assigned it.
        assertThat(RoundTripIT.http("PUT", routing.uri("/api/routing/service-hours/weekly"), admin, "[]").statusCode())
                .isEqualTo(200);

        // Sari watches the inbox, Budi has the conversation open.
        try (HeadlessChromium sari = HeadlessChromium.start(1280, 900);
                HeadlessChromium budi = HeadlessChromium.start(1280, 900)) {
            signIn(sari, "sari");
            signIn(budi, "budi");

            // A patron asks for a librarian: the conversation appears in the waiting list, live.
            assertThat(RoundTripIT.post(RoundTripIT.sample(waId, MetaWebhooks.newWamid(),
                    "kak saya mau ngobrol sama pustakawan soal perpanjangan"))).isEqualTo(200);
            String handover = Awaitility.await().atMost(WAIT).until(() -> queued(waId), h -> h != null);
            String row = "document.querySelector('#waiting [data-handover=\"" + handover + "\"]')";
            sari.await("(" + row + " || {}).textContent || ''", v -> v.asText().contains("perpanjangan"), WAIT);
            assertThat(sari.eval(row + ".dataset.unread").asText()).isEqualTo("1");
            budi.navigate(routing.uri("/desk/c/" + handover).toString());
            budi.await("document.getElementById('transcript').textContent", v -> v.asText().contains("perpanjangan"),
                    WAIT);
            budi.await("document.body.dataset.live", v -> "open".equals(v.asText()), WAIT);

            // The same documents throughout: a marker set now must still be there at the end.
            for (HeadlessChromium page : new HeadlessChromium[] {sari, budi}) {
                page.eval("window.deskRestartMarker = 'before-restart'");
            }

            int port = routing.port();
            Instant stopping = Instant.now();
            routing.close(); // SIGTERM: a graceful stop, as a deployment does
            routing = null;
            sari.await("document.body.dataset.live", v -> "lost".equals(v.asText()), WAIT);
            sari.await("document.getElementById('live-lost').hidden", v -> !v.asBoolean(), WAIT);
            assertThat(sari.eval("document.getElementById('live-lost').getAttribute('role')").asText()).isEqualTo("status");
            assertThat(sari.eval("document.getElementById('live-lost').textContent").asText())
                    .contains("Menyambung ulang");
            budi.await("document.getElementById('live-lost').hidden", v -> !v.asBoolean(), WAIT);
            sari.screenshot(Path.of("target", "desk-routing-down.png"));

            // While routing is down the patron writes again; the gateway takes the message into Kafka.
            assertThat(RoundTripIT.post(RoundTripIT.sample(waId, MetaWebhooks.newWamid(),
                    "oh iya kak, bukunya masih saya pinjam sampai besok"))).isEqualTo(200);

            routing = ServiceProcess.start("routing-service", "routing", port);
            routing.awaitReady(Duration.ofSeconds(180));
            Instant ready = Instant.now();
            System.out.printf("Desk restart: routing was down for %d ms%n", Duration.between(stopping, ready).toMillis());

            sari.await("(" + row + " || {}).textContent || ''", v -> v.asText().contains("masih saya pinjam"), CATCH_UP);
            Instant shown = Instant.now();
            System.out.printf("Desk restart: the message written while routing was down showed %d ms after routing was "
                    + "ready (bound %d s)%n", Duration.between(ready, shown).toMillis(), CATCH_UP.toSeconds());
            sari.await(row + ".dataset.unread", v -> v.asText().equals("2"), WAIT);
            budi.await("document.getElementById('transcript').textContent", v -> v.asText().contains("masih saya pinjam"),
                    WAIT);
            System.out.printf("Desk restart: and in the open conversation %d ms after routing was ready%n",
                    Duration.between(ready, Instant.now()).toMillis());
            for (HeadlessChromium page : new HeadlessChromium[] {sari, budi}) {
                page.await("document.body.dataset.live", v -> "open".equals(v.asText()), WAIT);
                assertThat(page.eval("document.getElementById('live-lost').hidden").asBoolean()).isTrue();
                assertThat(page.eval("window.deskRestartMarker").asText()).as("the page was not reloaded")
                        .isEqualTo("before-restart");
            }
            sari.screenshot(Path.of("target", "desk-after-routing-restart.png"));
            budi.screenshot(Path.of("target", "desk-conversation-after-routing-restart.png"));
        }
    }

    /** Signs in with the development form of the local profile and waits for the inbox's live stream. */
    private static void signIn(HeadlessChromium browser, String user) throws Exception {
        browser.navigate(routing.uri("/desk").toString());
        browser.await("location.pathname", v -> v.asText().equals("/desk/sign-in"), WAIT);
        browser.await("!!document.getElementById('username')", JsonNode::asBoolean, WAIT);
        browser.eval("(() => { document.getElementById('username').value = '" + user + "'; "
                + "document.getElementById('password').value = '" + user + "'; document.querySelector('form').submit(); })()");
        browser.await("location.pathname", v -> v.asText().equals("/desk"), WAIT);
        browser.await("document.body.dataset.live", v -> "open".equals(v.asText()), WAIT);
    }

    /** The id of the patron's queued handover, once routing has one. */
    private static String queued(String waId) throws Exception {
        String librarian = TestInfrastructure.token("dewi.lestari@perpustakaan.ac.id", "librarian");
        JsonNode queue = RoundTripIT.JSON.readTree(RoundTripIT.http("GET",
                routing.uri("/api/routing/handovers?status=queued"), librarian, null).body());
        return StreamSupport.stream(queue.spliterator(), false).filter(h -> waId.equals(h.path("waId").asText()))
                .map(h -> h.path("id").asText()).findFirst().orElse(null);
    }
}
