package org.tanyapustaka.routing.desk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tanyapustaka.routing.RoutingFixture.JSON;
import static org.tanyapustaka.routing.RoutingFixture.WAIT;
import static org.tanyapustaka.routing.RoutingFixture.clickWhenReady;
import static org.tanyapustaka.routing.RoutingFixture.count;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.publish;
import static org.tanyapustaka.routing.RoutingFixture.publishJson;
import static org.tanyapustaka.routing.RoutingFixture.reply;
import static org.tanyapustaka.routing.RoutingFixture.sessionOf;
import static org.tanyapustaka.routing.RoutingFixture.signedInAt;
import static org.tanyapustaka.routing.RoutingFixture.submitSignIn;
import static org.tanyapustaka.routing.RoutingFixture.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.DeliveryStatus;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.SendResult;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.routing.RoutingFixture;
import org.tanyapustaka.testsupport.HeadlessChromium;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * The desk pages in a real headless Chromium against the real broker and database: two librarians signed in in
 * two browsers see a patron's request live, one claims it (it leaves the other's queue), replies once however
 * often the reply is submitted, sees the ticks move and closes (the patron is asked for a rating); the same on a
 * phone-sized screen; bad input (too long, window closed, session gone) is told clearly and nothing is sent twice
 * or lost; a file attached on a phone goes out once as a document, and refused files are told and not sent; after a
 * dropped connection the page catches up by itself. Screenshots go to target/desk-*.png.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class DeskBrowserTest {

    /** The issue asks for 1 s; the check leaves room for a loaded test machine, the log shows the time seen. */
    static final Duration LIVE = Duration.ofSeconds(5);

    @TestHTTPResource("/")
    URL base;

    @Inject
    EntityManager em;

    @Inject
    DeskFeed feed;

    @BeforeEach
    void quietDesk() {
        RoutingFixture.quietDesk(em);
    }

    @Test
    void twoLibrariansWorkTheQueueLive() throws Exception {
        String waId = patron();
        try (HeadlessChromium sari = HeadlessChromium.start(1280, 900);
                HeadlessChromium budi = HeadlessChromium.start(1280, 900);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            signIn(sari, "sari");
            signIn(budi, "budi");
            assertThat(sari.eval("document.querySelector('.me').textContent").asText()).isEqualTo("Sari");

            // A patron asks for a librarian; nobody is online, so it waits - in both inboxes, live.
            PatronMessage ask = text(waId, "Rina Oktaviani", "kak mau ngobrol sama pustakawan dong, soal bebas pustaka");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            String waitingRow = "!!document.querySelector('#waiting [data-handover=\"" + handover + "\"]')";
            await().atMost(WAIT).until(() -> committed(handover));
            Instant committedAt = Instant.now();
            sari.await(waitingRow, JsonNode::asBoolean, LIVE);
            budi.await(waitingRow, JsonNode::asBoolean, LIVE);
            System.out.printf("Desk: the new handover showed in both inboxes %d ms after its commit was seen%n",
                    Duration.between(committedAt, Instant.now()).toMillis());
            assertThat(budi.eval("document.querySelector('#waiting [data-handover=\"" + handover + "\"]').textContent")
                    .asText()).contains("Rina Oktaviani").contains("Antrean 1").contains("minta pustakawan")
                    .contains("bebas pustaka");
            assertThat(budi.eval("document.title").asText()).contains("Meja Pustakawan");
            budi.screenshot(Path.of("target", "desk-inbox.png"));

            // Sari opens it and claims it: it leaves Budi's waiting list and shows as Sari's.
            sari.navigate(url("/desk/c/" + handover));
            sari.await("!!document.getElementById('claim')", JsonNode::asBoolean, WAIT);
            assertThat(sari.eval("document.getElementById('transcript').textContent").asText())
                    .contains("soal bebas pustaka").contains("human_handover");
            clickWhenReady(sari, "#claim");
            sari.await("document.getElementById('holder').textContent", v -> v.asText().contains("Anda memegang"), WAIT);
            budi.await(waitingRow, v -> !v.asBoolean(), LIVE);
            budi.await("(document.querySelector('#colleagues [data-handover=\"" + handover + "\"]') || {}).textContent || ''",
                    v -> v.asText().contains("ditangani Sari"), LIVE);
            sari.await("document.getElementById('composer').hidden", v -> !v.asBoolean(), WAIT);
            assertThat(sari.eval("document.getElementById('holder').textContent").asText())
                    .contains("Anda memegang percakapan ini");

            // Opening it as its holder marks the patron's message read on WhatsApp, once.
            outbound.await(r -> waId.equals(r.key()) && r.value().contains("\"mark_read\"")
                    && r.value().contains(ask.wamid()), WAIT);

            // Sari replies with Enter, twice in a row, and the page's request is also repeated: one command.
            String answer = "Halo Rina, syarat bebas pustaka: tidak ada pinjaman dan skripsi sudah diunggah.";
            String requestId = sari.eval("document.getElementById('request-id').value").asText();
            focus(sari, "reply");
            typeText(sari, answer);
            pressEnter(sari);
            pressEnter(sari);
            sari.eval("Promise.all([1, 2].map(() => fetch('/desk/c/" + handover + "/reply', {method: 'POST', "
                    + "headers: {'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded'}, "
                    + "body: new URLSearchParams({text: " + JSON.writeValueAsString(answer) + ", requestId: '"
                    + requestId + "'})}).then(r => r.status)))");
            JsonNode sent = reply(outbound, waId, body -> body.equals(answer));
            assertThat(sent.path("origin").asText()).isEqualTo("librarian");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> count(outbound, waId, body -> body.equals(answer)) == 1);
            sari.await("document.getElementById('reply').value", v -> v.asText().isEmpty(), WAIT);
            assertThat(sari.eval("localStorage.getItem('desk-draft:" + handover + "')").isNull()).isTrue();

            // WhatsApp reports the message sent, then read: the tick moves live.
            UUID command = UUID.fromString(sent.path("commandId").asText());
            String tick = "(document.querySelector('#m-" + command + " .tick') || {dataset: {}}).dataset.delivery || ''";
            sari.await(tick, v -> v.asText().equals("accepted") || v.asText().isEmpty(), WAIT);
            String wamid = MetaWebhooks.newWamid();
            publishJson(Topics.WHATSAPP_SENT, waId, new SendResult(command, waId, wamid, null, 1, Instant.now()),
                    EventIds.derive(command, "sent"));
            publishJson(Topics.WHATSAPP_STATUS, waId, new DeliveryStatus(EventIds.ofStatus(wamid, "delivered"), wamid,
                    waId, DeliveryStatus.Status.DELIVERED, Instant.now(), null), EventIds.ofStatus(wamid, "delivered"));
            sari.await(tick, v -> v.asText().equals("delivered"), WAIT);
            publishJson(Topics.WHATSAPP_STATUS, waId, new DeliveryStatus(EventIds.ofStatus(wamid, "read"), wamid,
                    waId, DeliveryStatus.Status.READ, Instant.now(), null), EventIds.ofStatus(wamid, "read"));
            sari.await(tick, v -> v.asText().equals("read"), WAIT);

            // The patron answers: it shows in the open conversation without a reload, and a note stays internal.
            sari.eval("window.notReloaded = true");
            PatronMessage thanks = text(waId, "Rina Oktaviani", "oke kak makasih banyak 🙏");
            publish(thanks);
            sari.await("document.getElementById('transcript').textContent", v -> v.asText().contains("makasih banyak"),
                    LIVE.plus(Duration.ofSeconds(5)));
            focus(sari, "note");
            typeText(sari, "Sudah dicek di SLiMS: tidak ada pinjaman.");
            clickWhenReady(sari, "#note-form button");
            sari.await("(document.querySelector('.msg.note') || {}).textContent || ''",
                    v -> v.asText().contains("Catatan internal") && v.asText().contains("tidak ada pinjaman"), WAIT);
            assertThat(sari.eval("window.notReloaded").asBoolean()).isTrue();
            sari.screenshot(Path.of("target", "desk-conversation.png"));
            // The patron's messages were marked read while Sari had them open: each once, however often the page
            // reloaded the transcript.
            outbound.await(r -> r.value().contains("\"mark_read\"") && r.value().contains(thanks.wamid()), WAIT);
            assertThat(outbound.seen().stream().filter(r -> r.value().contains("\"mark_read\"")
                    && r.value().contains(ask.wamid())).count()).isEqualTo(1);

            // Budi is in (away); Sari hands the conversation over to him, his load shown: it leaves her hands and
            // lands in his list live, its unread message in his tab title.
            setStatus(budi, "away");
            sari.await("(document.querySelector('#transfer-to option[value=\"budi\"]') || {}).textContent || ''",
                    v -> v.asText().contains("Budi: 0/5"), LIVE);
            sari.eval("document.getElementById('transfer-to').value = 'budi'");
            clickWhenReady(sari, ".transfer button");
            reply(outbound, waId, body -> body.contains("kini dilanjutkan oleh pustakawan *Budi*"));
            budi.await("!!document.querySelector('#mine [data-handover=\"" + handover + "\"]')", JsonNode::asBoolean, LIVE);
            budi.await("document.title", v -> v.asText().startsWith("(1) "), LIVE);
            sari.await("document.getElementById('holder').textContent", v -> v.asText().contains("Dipegang oleh Budi"),
                    LIVE);
            assertThat(sari.eval("document.getElementById('composer').hidden").asBoolean()).isTrue();
            JsonNode notMine = sari.eval("fetch('/desk/c/" + handover + "/reply', {method: 'POST', headers: "
                    + "{'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded'}, body: "
                    + "new URLSearchParams({text: 'Saya bantu lagi ya', requestId: 'not-mine-1'})}).then(r => r.text())");
            assertThat(notMine.asText()).contains("Percakapan ini dipegang oleh Budi");
            assertThat(count(outbound, waId, body -> body.equals("Saya bantu lagi ya"))).isZero();

            // Budi closes: the patron is asked for a rating, and the conversation leaves the lists.
            budi.navigate(url("/desk/c/" + handover));
            budi.await("!!document.querySelector('details.close')", JsonNode::asBoolean, WAIT);
            budi.eval("document.querySelector('details.close').open = true");
            clickWhenReady(budi, "#close-confirm");
            JsonNode rating = reply(outbound, waId, body -> body.contains("Bagaimana penilaian Anda"));
            assertThat(rating.path("kind").asText()).isEqualTo("list");
            sari.await("document.getElementById('holder').textContent", v -> v.asText().contains("sudah selesai"), LIVE);
            budi.await("document.title", v -> !v.asText().startsWith("("), LIVE);

            // The English switch.
            budi.navigate(url("/desk/language/en?back=/desk"));
            budi.await("(document.getElementById('h-waiting') || {}).textContent || ''", v -> v.asText().startsWith("Waiting"),
                    WAIT);
            assertThat(budi.eval("document.documentElement.lang").asText()).isEqualTo("en");
        }
    }

    @Test
    void aPhoneClaimsAndReplies() throws Exception {
        String waId = patron();
        try (HeadlessChromium phone = HeadlessChromium.start(390, 844);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            phone.call("Emulation.setDeviceMetricsOverride", JsonNodeFactory.instance.objectNode().put("width", 390)
                    .put("height", 844).put("deviceScaleFactor", 2).put("mobile", true));
            signIn(phone, "budi");
            PatronMessage ask = text(waId, "Dimas", "bisa bicara dengan pustakawan?");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            phone.await("!!document.querySelector('#waiting [data-handover=\"" + handover + "\"] a')", JsonNode::asBoolean,
                    WAIT);
            assertThat(phone.eval("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(390);
            phone.screenshot(Path.of("target", "desk-phone-inbox.png"));
            phone.eval("document.querySelector('#waiting [data-handover=\"" + handover + "\"] a').click()");
            phone.await("!!document.getElementById('claim')", JsonNode::asBoolean, WAIT);
            clickWhenReady(phone, "#claim");
            phone.await("document.getElementById('composer').hidden", v -> !v.asBoolean(), WAIT);
            assertThat(phone.eval("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(390);
            // A canned answer from the knowledge base, by keyboard: "/" and a word, arrow down, Enter; then Enter sends.
            focus(phone, "reply");
            typeText(phone, "/bebas");
            phone.await("document.querySelectorAll('#canned .canned-item').length", v -> v.asInt() > 0, WAIT);
            assertThat(phone.eval("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(390);
            phone.screenshot(Path.of("target", "desk-phone-canned.png"));
            key(phone, "ArrowDown", 40);
            assertThat(phone.eval("document.activeElement.classList.contains('canned-item')").asBoolean()).isTrue();
            pressEnter(phone);
            phone.await("document.getElementById('reply').value", v -> v.asText().contains("Surat Keterangan Bebas Pustaka"),
                    WAIT);
            String canned = phone.eval("document.getElementById('reply').value").asText();
            pressEnter(phone);
            reply(outbound, waId, body -> body.equals(canned.strip()));
            phone.await("document.getElementById('transcript').textContent",
                    v -> v.asText().contains(canned.strip().substring(0, 40)), WAIT);
            phone.screenshot(Path.of("target", "desk-phone-conversation.png"));
            assertThat(count(outbound, waId, body -> body.equals(canned.strip()))).isEqualTo(1);
        }
    }

    /**
     * A patron's new line reaches the open inbox as the changed row itself (the event {@code rows}), without the
     * lists being reloaded; a reload that was under way when the row came cannot put the older row back; a line in
     * my own conversation updates the unread count in the tab title.
     */
    @Test
    void aPatronsNewLineUpdatesTheRowWithoutReloadingTheLists() throws Exception {
        String waId = patron();
        try (HeadlessChromium sari = HeadlessChromium.start(1280, 900)) {
            signIn(sari, "sari");
            PatronMessage ask = text(waId, "Wulan", "kak mau ngobrol sama pustakawan dong, soal turnitin");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            String row = "document.querySelector('#waiting [data-handover=\"" + handover + "\"]')";
            sari.await("!!" + row, JsonNode::asBoolean, WAIT);
            int unreadBefore = sari.eval(row + ".dataset.unread").asInt();
            String reloads = "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/desk/inbox')).length";
            // The reload that brought the new request in is over.
            await().atMost(WAIT).until(() -> inTranscript(ask.id()));
            sari.await("document.getElementById('inbox').classList.contains('htmx-request')", v -> !v.asBoolean(), WAIT);
            int reloadsBefore = sari.eval(reloads).asInt();

            PatronMessage first = text(waId, "Wulan", "batas similarity skripsi berapa persen kak?");
            publish(first);
            sari.await("(" + row + " || {}).textContent || ''", v -> v.asText().contains("batas similarity"), LIVE);
            assertThat(sari.eval(row + ".dataset.unread").asInt()).isEqualTo(unreadBefore + 1);
            assertThat(sari.eval(row + ".querySelector('.badge').textContent").asText()).contains(
                    String.valueOf(unreadBefore + 1));
            assertThat(sari.eval(reloads).asInt()).as("the lists were not reloaded for a line").isEqualTo(reloadsBefore);

            // A reload of the lists is under way (its answer, read before the next line, is held back in the page)
            // when the patron writes again: the row comes live, and the older answer does not put the old row back.
            sari.eval("""
                    (() => { const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
                      XMLHttpRequest.prototype.open = function (m, u) { this.deskUrl = u; return open.apply(this, arguments); };
                      XMLHttpRequest.prototype.send = function () {
                        if (window.holdInbox && String(this.deskUrl).endsWith('/desk/inbox')) {
                          const xhr = this, loaded = xhr.onload;
                          xhr.onload = function () { window.holdInbox = false; window.releaseInbox = () => loaded.call(xhr); };
                        }
                        return send.apply(this, arguments);
                      };
                      window.holdInbox = true;
                      htmx.trigger(document.getElementById('inbox'), 'sse:desk'); })()""");
            sari.await("typeof window.releaseInbox", v -> v.asText().equals("function"), WAIT);
            PatronMessage second = text(waId, "Wulan", "sama satu lagi, format unggah repositori apa ya");
            publish(second);
            sari.await("(" + row + " || {}).textContent || ''", v -> v.asText().contains("format unggah"), LIVE);
            sari.eval("document.getElementById('waiting').dataset.before = 'reload'; window.releaseInbox()");
            sari.await("!document.getElementById('waiting').dataset.before", JsonNode::asBoolean, WAIT); // swapped
            assertThat(sari.eval(row + ".textContent").asText()).contains("format unggah").doesNotContain("batas similarity");
            assertThat(sari.eval(row + ".dataset.unread").asInt()).isEqualTo(unreadBefore + 2);

            // Sari takes it: a line in her own conversation reaches the unread count in her tab title.
            sari.eval("fetch('/desk/c/" + handover + "/claim', {method: 'POST', headers: {'HX-Request': 'true'}})");
            String mineRow = "document.querySelector('#mine [data-handover=\"" + handover + "\"]')";
            sari.await("!!" + mineRow, JsonNode::asBoolean, LIVE);
            String titleCount = "(document.title.match(/^\\((\\d+)\\)/) || [0, 0])[1] * 1";
            sari.await(titleCount, v -> v.asInt() == unreadBefore + 2, LIVE);
            publish(text(waId, "Wulan", "makasih kak, ditunggu"));
            sari.await(titleCount, v -> v.asInt() == unreadBefore + 3, LIVE);
            sari.await("(" + mineRow + " || {}).textContent || ''", v -> v.asText().contains("ditunggu"), LIVE);
        }
    }

    @Test
    void badInputIsToldAndNothingIsSentTwiceOrLost() throws Exception {
        String waId = patron();
        try (HeadlessChromium sari = HeadlessChromium.start(1280, 900);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            signIn(sari, "sari");
            PatronMessage ask = text(waId, "Wulan", "mau tanya ke pustakawan langsung");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            await().atMost(WAIT).until(() -> committed(handover));
            sari.navigate(url("/desk/c/" + handover));
            sari.await("!!document.getElementById('claim')", JsonNode::asBoolean, WAIT);
            clickWhenReady(sari, "#claim");
            sari.await("document.getElementById('composer').hidden", v -> !v.asBoolean(), WAIT);

            // Longer than WhatsApp takes: the page says so before sending, and the server refuses it too.
            String tooLong = "x".repeat(4_100);
            sari.eval("(() => { const r = document.getElementById('reply'); r.value = '" + tooLong + "'; "
                    + "r.dispatchEvent(new Event('input', {bubbles: true})); })()");
            focus(sari, "reply");
            pressEnter(sari);
            assertThat(sari.eval("document.getElementById('reply-error').hidden").asBoolean()).isFalse();
            assertThat(sari.eval("document.getElementById('reply-count').textContent").asText()).contains("4.100");
            JsonNode refused = sari.eval("fetch('/desk/c/" + handover + "/reply', {method: 'POST', headers: "
                    + "{'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded'}, body: "
                    + "new URLSearchParams({text: '" + tooLong + "', requestId: 'too-long-1'})}).then(r => r.text())");
            assertThat(refused.asText()).contains("terlalu panjang").contains("4100").contains("4096");

            // The session is gone while a reply is being typed: the sign-in comes back, the draft survives, and
            // it is sent once after signing in again.
            String draft = "Mohon ditunggu, saya cek dulu data pinjaman Anda.";
            sari.eval("(() => { const r = document.getElementById('reply'); r.value = ''; "
                    + "r.dispatchEvent(new Event('input', {bubbles: true})); })()");
            focus(sari, "reply");
            typeText(sari, draft);
            sari.call("Network.clearBrowserCookies", null);
            pressEnter(sari);
            sari.await("location.pathname", v -> v.asText().equals("/desk/sign-in"), WAIT);
            assertThat(count(outbound, waId, body -> body.equals(draft))).isZero();
            submitSignIn(sari, "sari");
            sari.await("location.pathname", v -> v.asText().equals("/desk/c/" + handover), WAIT);
            sari.await("document.getElementById('reply').value", v -> v.asText().equals(draft), WAIT);
            sari.await("document.getElementById('composer').hidden", v -> !v.asBoolean(), WAIT);
            focus(sari, "reply");
            pressEnter(sari);
            reply(outbound, waId, body -> body.equals(draft));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> count(outbound, waId, body -> body.equals(draft)) == 1);

            // The 24-hour window has closed: the box says so instead of offering to send, and the server refuses.
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE conversation SET last_inbound_at = now() - interval '25 hours' WHERE wa_id = ?1")
                    .setParameter(1, waId).executeUpdate());
            sari.navigate(url("/desk/c/" + handover));
            sari.await("!!document.getElementById('window-closed')", JsonNode::asBoolean, WAIT);
            assertThat(sari.eval("document.getElementById('composer').hidden").asBoolean()).isTrue();
            assertThat(sari.eval("document.getElementById('window-closed').textContent").asText())
                    .contains("Jendela 24 jam sudah tertutup");
            JsonNode late = sari.eval("fetch('/desk/c/" + handover + "/reply', {method: 'POST', headers: "
                    + "{'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded'}, body: "
                    + "new URLSearchParams({text: 'Masih di sana?', requestId: 'late-1'})}).then(r => r.text())");
            assertThat(late.asText()).contains("Jendela 24 jam sudah tertutup");
            sari.screenshot(Path.of("target", "desk-window-closed.png"));
            assertThat(count(outbound, waId, body -> body.equals("Masih di sana?") || body.startsWith("xxxx"))).isZero();

            // Without a session the pages send to the sign-in, and actions are refused.
            given().redirects().follow(false).get("/desk").then().statusCode(302);
            given().redirects().follow(false).header("HX-Request", "true").formParam("text", "hai")
                    .formParam("requestId", "no-session").post("/desk/c/{id}/reply", handover).then().statusCode(302);
            assertThat(count(outbound, waId, body -> body.equals("hai"))).isZero();
        }
    }

    /**
     * A conversation assigned to me rings and shows a desktop notification: the notification permission is granted
     * through DevTools (as a librarian allowing it does), the librarian has clicked on the page once (browsers keep
     * sound off before that), then goes online and a patron's request is assigned to her. Observed in the page:
     * the Notification the desk creates (title, tag) and Chromium's {@code show} event for it; the sound as the
     * samples reaching the page's audio output (an analyser tapped where the desk connects to the speakers) - not
     * heard, the headless browser has no loudspeaker. A line of the patron in the same conversation does neither.
     */
    @Test
    void aConversationAssignedToMeRingsAndNotifies() throws Exception {
        String waId = patron();
        try (HeadlessChromium sari = HeadlessChromium.start(1280, 900)) {
            sari.call("Browser.grantPermissions", JsonNodeFactory.instance.objectNode()
                    .put("origin", base.toString().replaceAll("/$", ""))
                    .set("permissions", JsonNodeFactory.instance.arrayNode().add("notifications")));
            signIn(sari, "sari");
            assertThat(sari.eval("Notification.permission").asText()).isEqualTo("granted");
            assertThat(sari.eval("document.getElementById('notify-btn').hidden").asBoolean())
                    .as("no button asking for a permission already given").isTrue();
            sari.eval("""
                    (() => {
                      window.notes = []; window.tones = []; window.peak = 0;
                      const Real = window.Notification;
                      window.Notification = class extends Real {
                        constructor(title, options) {
                          super(title, options);
                          const seen = {title, body: (options || {}).body, tag: (options || {}).tag, shown: false};
                          window.notes.push(seen);
                          this.addEventListener('show', () => { seen.shown = true; });
                        }
                      };
                      const connect = AudioNode.prototype.connect;
                      AudioNode.prototype.connect = function (target) {
                        const result = connect.apply(this, arguments);
                        if (target instanceof AudioDestinationNode) {
                          // Every block of samples going out, handed to the page in order (none skipped); the tap
                          // itself outputs silence.
                          const tap = this.context.createScriptProcessor(1024, 1, 1);
                          tap.onaudioprocess = e => e.inputBuffer.getChannelData(0).forEach(x => {
                            window.peak = Math.max(window.peak, Math.abs(x)); });
                          connect.call(this, tap);
                          connect.call(tap, target);
                        }
                        return result;
                      };
                      const start = OscillatorNode.prototype.start;
                      OscillatorNode.prototype.start = function () {
                        window.tones.push({hz: this.frequency.value, state: this.context.state});
                        return start.apply(this, arguments);
                      };
                    })()""");
            // One real click on the page (on the waiting list's heading), as a librarian's first touch of it.
            JsonNode at = sari.eval("(() => { const r = document.getElementById('h-waiting').getBoundingClientRect(); "
                    + "return {x: r.left + 5, y: r.top + r.height / 2}; })()");
            for (String type : List.of("mousePressed", "mouseReleased")) {
                sari.call("Input.dispatchMouseEvent", JsonNodeFactory.instance.objectNode().put("type", type)
                        .put("x", at.path("x").asDouble()).put("y", at.path("y").asDouble()).put("button", "left")
                        .put("clickCount", 1));
            }
            setStatus(sari, "online");
            assertThat(sari.eval("window.notes.length").asInt()).as("nothing before an assignment").isZero();
            assertThat(sari.eval("window.tones.length").asInt()).isZero();

            PatronMessage ask = text(waId, "Nadia", "kak mau ngobrol sama pustakawan dong, soal keanggotaan alumni");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            sari.await("!!document.querySelector('#mine [data-handover=\"" + handover + "\"]')", JsonNode::asBoolean, LIVE);
            JsonNode note = sari.await("window.notes[0] || null", v -> v.path("shown").asBoolean(), LIVE);
            assertThat(note.path("title").asText()).isEqualTo(sari.eval("document.body.dataset.title").asText());
            assertThat(note.path("tag").asText()).isEqualTo("desk-" + handover);
            assertThat(note.path("body").asText()).isNotBlank();
            JsonNode tone = sari.await("window.tones[0] || null", v -> !v.isNull(), WAIT);
            assertThat(tone.path("hz").asDouble()).isEqualTo(880.0);
            assertThat(tone.path("state").asText()).as("the page's sound is on after a click").isEqualTo("running");
            double peak = sari.await("window.peak", v -> v.asDouble() > 0.01, WAIT).asDouble();
            System.out.printf("Desk: assigned to me - notification shown (%s), tone %s Hz, output peak %.3f%n",
                    note.path("tag").asText(), tone.path("hz").asText(), peak);

            // The patron writes again in the conversation I already hold: no second ring or notification.
            String title = sari.eval("document.title").asText();
            PatronMessage more = text(waId, "Nadia", "kartu alumni bisa dipakai pinjam buku kak?");
            publish(more);
            sari.await("(document.querySelector('#mine [data-handover=\"" + handover + "\"]') || {}).textContent || ''",
                    v -> v.asText().contains("kartu alumni"), LIVE);
            sari.await("document.title", v -> !v.asText().equals(title), LIVE); // the counts came again
            assertThat(sari.eval("window.notes.length").asInt()).isEqualTo(1);
            assertThat(sari.eval("window.tones.length").asInt()).isEqualTo(1);
        }
    }

    /**
     * Keyboard only: from the inbox, Tab to the waiting row and Enter opens it; Tab to "claim" and Enter takes it;
     * Tab to the reply box, Shift+Enter makes a new line, Enter sends: the patron gets both lines in one message.
     */
    @Test
    void aLibrarianWorksWithTheKeyboardOnly() throws Exception {
        String waId = patron();
        try (HeadlessChromium sari = HeadlessChromium.start(1280, 900);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            signIn(sari, "sari");
            PatronMessage ask = text(waId, "Tegar", "kak mau ngobrol sama pustakawan dong, soal ruang diskusi");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            sari.await("!!document.querySelector('#waiting [data-handover=\"" + handover + "\"] a')", JsonNode::asBoolean, LIVE);
            tabTo(sari, "(document.activeElement.closest('[data-handover]') || {}).dataset?.handover === '" + handover + "'");
            pressEnter(sari);
            sari.await("location.pathname", v -> v.asText().equals("/desk/c/" + handover), WAIT);
            sari.await("!!document.getElementById('claim')", JsonNode::asBoolean, WAIT);
            tabTo(sari, "document.activeElement.id === 'claim'");
            pressEnter(sari);
            sari.await("document.getElementById('composer').hidden", v -> !v.asBoolean(), WAIT);
            if (!sari.eval("document.activeElement.id === 'reply'").asBoolean()) {
                tabTo(sari, "document.activeElement.id === 'reply'");
            }
            typeText(sari, "Ruang diskusi bisa dipesan di meja layanan.");
            var shiftEnter = JsonNodeFactory.instance.objectNode().put("type", "keyDown").put("key", "Enter")
                    .put("code", "Enter").put("windowsVirtualKeyCode", 13).put("modifiers", 8).put("text", "\r");
            sari.call("Input.dispatchKeyEvent", shiftEnter);
            sari.call("Input.dispatchKeyEvent", JsonNodeFactory.instance.objectNode().put("type", "keyUp").put("key", "Enter")
                    .put("code", "Enter").put("windowsVirtualKeyCode", 13).put("modifiers", 8));
            typeText(sari, "Maksimal 2 jam per kelompok.");
            assertThat(sari.eval("document.getElementById('reply').value").asText())
                    .isEqualTo("Ruang diskusi bisa dipesan di meja layanan.\nMaksimal 2 jam per kelompok.");
            pressEnter(sari);
            reply(outbound, waId, body -> body.equals("Ruang diskusi bisa dipesan di meja layanan.\nMaksimal 2 jam per kelompok."));
        }
    }

    /** Presses Tab (a real key) until the condition holds on the focused element; fails after 60 presses. */
    private static void tabTo(HeadlessChromium browser, String condition) throws Exception {
        for (int i = 0; i < 60; i++) {
            if (browser.eval(condition).asBoolean()) {
                return;
            }
            browser.call("Input.dispatchKeyEvent", JsonNodeFactory.instance.objectNode().put("type", "rawKeyDown")
                    .put("key", "Tab").put("code", "Tab").put("windowsVirtualKeyCode", 9));
            browser.call("Input.dispatchKeyEvent", JsonNodeFactory.instance.objectNode().put("type", "keyUp")
                    .put("key", "Tab").put("code", "Tab").put("windowsVirtualKeyCode", 9));
        }
        throw new AssertionError("Not reached with Tab: " + condition + "; focused: "
                + browser.eval("document.activeElement.outerHTML.slice(0, 200)"));
    }

    /**
     * With no desk page open the live feed does not read the rows that changed (there is nobody to send them to);
     * a page opened afterwards shows the line written meanwhile, and from then on gets rows live again.
     */
    @Test
    void withNoPageOpenTheFeedReadsNoRowsAndALaterPageStartsRight() throws Exception {
        // The pages of earlier tests are closed; a ping finds a stream whose browser has gone.
        await().atMost(WAIT).until(() -> {
            feed.ping();
            return feed.listening() == 0;
        });
        long readsBefore = feed.rowReads();
        String waId = patron();
        PatronMessage ask = text(waId, "Dewi", "kak mau ngobrol sama pustakawan dong, soal denda");
        publish(ask);
        UUID handover = EventIds.derive(ask.id(), "handover");
        PatronMessage meanwhile = text(waId, "Dewi", "denda telat tiga hari berapa kak?");
        publish(meanwhile);
        await().atMost(WAIT).until(() -> inTranscript(meanwhile.id()));
        // Every notification up to the line's has been handled once the feed ends a round on one sent after it. Other
        // notifications may end a round too (housekeeping, earlier tests), so a new sentinel follows until one does.
        List<String> sentinels = new java.util.concurrent.CopyOnWriteArrayList<>();
        await().atMost(WAIT).until(() -> {
            if (sentinels.contains(feed.lastNotification())) {
                return true;
            }
            String sentinel = "c:" + UUID.randomUUID();
            sentinels.add(sentinel);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "SELECT 1 FROM (SELECT pg_notify('tanya_desk', ?1)) n").setParameter(1, sentinel).getSingleResult());
            return false;
        });
        assertThat(feed.rowReads()).as("rows read with no page open").isEqualTo(readsBefore);

        try (HeadlessChromium sari = HeadlessChromium.start(1280, 900)) {
            signIn(sari, "sari");
            String row = "(document.querySelector('#waiting [data-handover=\"" + handover + "\"]') || {}).textContent || ''";
            sari.await(row, v -> v.asText().contains("denda telat tiga hari"), WAIT);
            assertThat(feed.listening()).isPositive();
            publish(text(waId, "Dewi", "sudah saya bayar lewat aplikasi ya"));
            sari.await(row, v -> v.asText().contains("lewat aplikasi"), LIVE);
            assertThat(feed.rowReads()).isGreaterThan(readsBefore);
        }
    }

    @Test
    void afterADroppedConnectionThePageCatchesUpByItself() throws Exception {
        String waId = patron();
        try (HeadlessChromium sari = HeadlessChromium.start(1280, 900);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            signIn(sari, "sari");
            PatronMessage ask = text(waId, "Fajar", "tolong sambungkan ke pustakawan");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            await().atMost(WAIT).until(() -> committed(handover));
            sari.navigate(url("/desk/c/" + handover));
            sari.await("document.body.dataset.live", v -> "open".equals(v.asText()), WAIT);
            sari.eval("window.notReloaded = true");

            // The connection drops, as when routing restarts, and the page cannot get through for a while;
            // meanwhile the patron writes.
            sari.call("Network.enable", null);
            sari.call("Network.setBlockedURLs", JsonNodeFactory.instance.objectNode().set("urls",
                    JsonNodeFactory.instance.arrayNode().add("*/desk/events*")));
            feed.endStreams();
            sari.await("document.body.dataset.live", v -> "lost".equals(v.asText()), WAIT);
            assertThat(sari.eval("document.getElementById('live-lost').hidden").asBoolean()).isFalse();
            PatronMessage meanwhile = text(waId, "Fajar", "halo? saya masih menunggu");
            publish(meanwhile);
            await().atMost(WAIT).until(() -> inTranscript(meanwhile.id()));
            assertThat(sari.eval("document.getElementById('transcript').textContent").asText())
                    .doesNotContain("saya masih menunggu");

            // The way is free again: the stream reconnects, resyncs, and the message is there - no reload.
            sari.call("Network.setBlockedURLs", JsonNodeFactory.instance.objectNode().set("urls",
                    JsonNodeFactory.instance.arrayNode()));
            sari.await("document.getElementById('transcript').textContent",
                    v -> v.asText().contains("saya masih menunggu"), WAIT);
            assertThat(sari.eval("window.notReloaded").asBoolean()).isTrue();
            sari.await("document.body.dataset.live", v -> "open".equals(v.asText()), WAIT);
            assertThat(sari.eval("document.getElementById('live-lost').hidden").asBoolean()).isTrue();

            // Signing out ends the session: the desk asks for the sign-in again.
            sari.eval("document.querySelector('form.signout button').click()");
            sari.await("location.pathname", v -> v.asText().equals("/desk/sign-in"), WAIT);
            sari.navigate(url("/desk"));
            sari.await("location.pathname + ' ' + !!document.getElementById('username')",
                    v -> v.asText().equals("/desk/sign-in true"), WAIT);
        }
    }

    @Test
    void theHolderAttachesAFileOnAPhoneAndRefusedFilesAreToldAndNotSent() throws Exception {
        String waId = patron();
        Path dir = Files.createDirectories(Path.of("target", "desk-files"));
        Path pdf = dir.resolve("Surat_Bebas_Pustaka.pdf");
        Files.write(pdf, smallPdf("Surat Keterangan Bebas Pustaka"));
        Path exe = dir.resolve("setup.exe");
        Files.write(exe, ("MZ" + "\0".repeat(200)).getBytes(StandardCharsets.ISO_8859_1));
        Path big = dir.resolve("Skripsi_lengkap.pdf"); // the test profile's limit is 8 MB
        byte[] nineMegabytes = new byte[9 * 1024 * 1024];
        System.arraycopy(smallPdf("besar"), 0, nineMegabytes, 0, 100);
        Files.write(big, nineMegabytes);
        try (HeadlessChromium phone = HeadlessChromium.start(390, 844);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            phone.call("Emulation.setDeviceMetricsOverride", JsonNodeFactory.instance.objectNode().put("width", 390)
                    .put("height", 844).put("deviceScaleFactor", 2).put("mobile", true));
            signIn(phone, "sari");
            PatronMessage ask = text(waId, "Ayu", "tolong sambungkan ke pustakawan ya kak");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            await().atMost(WAIT).until(() -> committed(handover));
            phone.navigate(url("/desk/c/" + handover));
            phone.await("!!document.getElementById('claim')", JsonNode::asBoolean, WAIT);
            clickWhenReady(phone, "#claim");
            phone.await("document.getElementById('composer').hidden", v -> !v.asBoolean(), WAIT);

            // The picker is labelled, takes only what WhatsApp takes, and the page knows the server's limits.
            assertThat(phone.eval("document.querySelector('label[for=attach-file]').textContent").asText())
                    .contains("Lampirkan berkas");
            assertThat(phone.eval("document.getElementById('attach-file').accept").asText())
                    .contains("application/pdf").contains("image/jpeg").doesNotContain("x-msdownload");
            assertThat(phone.eval("JSON.parse(document.getElementById('attach').dataset.limits)['application/pdf']")
                    .asLong()).isEqualTo(8L * 1024 * 1024);

            // A program: the page says at once it cannot go, and sending does nothing.
            chooseFile(phone, exe);
            phone.await("document.getElementById('attach-error').hidden", v -> !v.asBoolean(), WAIT);
            assertThat(phone.eval("document.getElementById('attach-error').textContent").asText())
                    .contains("setup.exe").contains("tidak dapat dikirim lewat WhatsApp").contains("PDF");
            phone.eval("document.getElementById('send').click()");
            // The server refuses it as well, in the page's language, when it is sent anyway.
            assertThat(upload(phone, handover, "setup.exe", "application/x-msdownload", "'MZ' + '\\0'.repeat(200)",
                    "exe-1")).contains("setup.exe (application/x-msdownload) tidak dapat dikirim lewat WhatsApp")
                    .contains("sampai 8 MB");

            // Too large: the same.
            chooseFile(phone, big);
            phone.await("document.getElementById('attach-error').textContent",
                    v -> v.asText().contains("Skripsi_lengkap.pdf berukuran 9 MB, melebihi batas 8 MB"), WAIT);
            phone.screenshot(Path.of("target", "desk-phone-attach-refused.png"));
            phone.eval("document.getElementById('send').click()");
            assertThat(upload(phone, handover, "Skripsi_lengkap.pdf", "application/pdf",
                    "'%PDF-1.4 ' + 'x'.repeat(9 * 1024 * 1024)", "big-1")).contains("melebihi batas 8 MB");
            // Not a PDF inside: refused by the server (the browser cannot tell).
            assertThat(upload(phone, handover, "palsu.pdf", "application/pdf", "'bukan pdf'", "fake-1"))
                    .contains("bukan application/pdf yang sebenarnya");

            // A real PDF with the reply text as its caption, clicked twice: one document goes out.
            phone.eval("document.getElementById('attach-remove').click()");
            assertThat(phone.eval("document.getElementById('attach-error').hidden").asBoolean()).isTrue();
            focus(phone, "reply");
            typeText(phone, "Ini surat bebas pustaka Anda, Kak Ayu.");
            chooseFile(phone, pdf);
            phone.await("document.getElementById('attach-chosen').textContent",
                    v -> v.asText().contains("Surat_Bebas_Pustaka.pdf"), WAIT);
            assertThat(phone.eval("document.getElementById('attach-error').hidden").asBoolean()).isTrue();
            assertThat(phone.eval("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(390);
            phone.screenshot(Path.of("target", "desk-phone-attach.png"));
            String requestId = phone.eval("document.getElementById('request-id').value").asText();
            phone.eval("(() => { const b = document.getElementById('send'); b.click(); b.click(); })()");
            ConsumerRecord<String, String> record = outbound.await(r -> waId.equals(r.key())
                    && r.value().contains("\"document\""), WAIT);
            JsonNode command = JSON.readTree(record.value());
            byte[] bytes = Files.readAllBytes(pdf);
            assertThat(command.path("kind").asText()).isEqualTo("document");
            assertThat(command.path("origin").asText()).isEqualTo("librarian");
            JsonNode media = command.path("media");
            assertThat(media.path("filename").asText()).isEqualTo("Surat_Bebas_Pustaka.pdf");
            assertThat(media.path("mimeType").asText()).isEqualTo("application/pdf");
            assertThat(media.path("size").asInt()).isEqualTo(bytes.length);
            assertThat(media.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(media.path("caption").asText()).isEqualTo("Ini surat bebas pustaka Anda, Kak Ayu.");
            assertThat(media.path("url").asText()).endsWith("/internal/attachments/" + media.path("attachmentId").asText());

            // It shows in the transcript as a document card with its caption, live; the box is ready again.
            String card = "(document.querySelector('#m-" + media.path("attachmentId").asText() + " .doc-card') || {})"
                    + ".textContent || ''";
            phone.await(card, v -> v.asText().contains("Surat_Bebas_Pustaka.pdf"), LIVE);
            assertThat(phone.eval("document.getElementById('m-" + media.path("attachmentId").asText() + "').textContent")
                    .asText()).contains("Ini surat bebas pustaka Anda, Kak Ayu.");
            phone.await("document.getElementById('reply').value + '|' + document.getElementById('attach-file').value",
                    v -> v.asText().equals("|"), WAIT);
            assertThat(phone.eval("document.getElementById('send').disabled").asBoolean()).isFalse();
            assertThat(phone.eval("fetch('/desk/media/" + media.path("attachmentId").asText() + "').then(r => r.status "
                    + "+ ' ' + r.headers.get('content-type'))").asText()).isEqualTo("200 application/pdf");
            phone.screenshot(Path.of("target", "desk-phone-attached.png"));

            // The same request again (a retry after a dropped connection): still one document.
            assertThat(upload(phone, handover, "Surat_Bebas_Pustaka.pdf", "application/pdf",
                    JSON.writeValueAsString(new String(bytes, StandardCharsets.ISO_8859_1)), requestId)).isEmpty();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> outbound.seen().stream()
                    .filter(r -> waId.equals(r.key()) && r.value().contains("\"document\"")).count() == 1);
            assertThat(outbound.seen().stream().filter(r -> waId.equals(r.key()) && (r.value().contains("setup.exe")
                    || r.value().contains("Skripsi_lengkap.pdf") || r.value().contains("palsu.pdf"))).count()).isZero();

            // In English the page says it in English.
            phone.navigate(url("/desk/language/en?back=/desk/c/" + handover));
            phone.await("document.getElementById('composer').hidden", v -> !v.asBoolean(), WAIT);
            chooseFile(phone, exe);
            phone.await("document.getElementById('attach-error').textContent",
                    v -> v.asText().contains("cannot be sent through WhatsApp"), WAIT);
            assertThat(upload(phone, handover, "setup.exe", "application/x-msdownload", "'MZ'", "exe-2"))
                    .contains("cannot be sent through WhatsApp");
        }
    }

    @Test
    void theHeadOfLibrarySeesTheTeamALibrarianDoesNot() {
        String kepala = sessionOf("kepala");
        String budi = sessionOf("budi");
        given().cookie("tanya-desk", budi).header("HX-Request", "true").formParam("status", "away")
                .post("/desk/status").then().statusCode(200);
        String team = given().cookie("tanya-desk", kepala).get("/desk/inbox").then().statusCode(200).extract().asString();
        assertThat(team).contains("Tim pustakawan").contains("Semua percakapan terbuka (admin)")
                .contains("data-librarian=\"budi\"").contains("Budi: 0/5 percakapan · Sedang keluar");
        String librarian = given().cookie("tanya-desk", budi).get("/desk/inbox").then().statusCode(200).extract()
                .asString();
        assertThat(librarian).doesNotContain("Tim pustakawan").contains("Percakapan rekan");
        // Wrong password: back to the sign-in, with the error.
        assertThat(given().redirects().follow(false).formParam("j_username", "budi").formParam("j_password", "salah")
                .post("/j_security_check").then().statusCode(302).extract().header("Location"))
                .endsWith("/desk/sign-in?error=true");
    }

    // ---------------------------------------------------------------- helpers

    /** A small, real one-page PDF. */
    static byte[] smallPdf(String text) {
        String content = "BT /F1 18 Tf 40 100 Td (" + text + ") Tj ET";
        List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(o -> pdf.append(String.format(Locale.ROOT, "%010d 00000 n \n", o)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Chooses a file in the page's picker as a librarian does (the browser reads it from disk). */
    private static void chooseFile(HeadlessChromium browser, Path file) throws Exception {
        JsonNode input = browser.call("Runtime.evaluate", JsonNodeFactory.instance.objectNode()
                .put("expression", "document.getElementById('attach-file')"));
        browser.call("DOM.setFileInputFiles", JsonNodeFactory.instance.objectNode()
                .put("objectId", input.path("result").path("objectId").asText())
                .set("files", JsonNodeFactory.instance.arrayNode().add(file.toAbsolutePath().toString())));
    }

    /** Posts a file to the desk's attach endpoint from the page (as a retry or a tampered page would); its answer. */
    private static String upload(HeadlessChromium browser, UUID handover, String name, String type, String content,
            String requestId) throws Exception {
        return browser.eval("(() => { const d = new FormData(); d.append('file', new File([Uint8Array.from(" + content
                + ", c => c.charCodeAt(0))], '" + name + "', {type: '" + type + "'})); d.append('caption', ''); "
                + "d.append('requestId', '" + requestId + "'); return fetch('/desk/c/" + handover + "/attach', "
                + "{method: 'POST', headers: {'HX-Request': 'true'}, body: d}).then(r => r.text()); })()").asText();
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    /** Signed in on the inbox, which is live. */
    private void signIn(HeadlessChromium browser, String user) throws Exception {
        signedInAt(browser, base.toString(), "/desk", user);
        browser.await("!!document.getElementById('h-waiting')", JsonNode::asBoolean, WAIT);
        browser.await("document.body.dataset.live", v -> "open".equals(v.asText()), WAIT);
    }

    private static void focus(HeadlessChromium browser, String id) throws Exception {
        browser.eval("document.getElementById('" + id + "').focus()");
    }

    private static void typeText(HeadlessChromium browser, String text) throws Exception {
        browser.call("Input.insertText", JsonNodeFactory.instance.objectNode().put("text", text));
    }

    private static void pressEnter(HeadlessChromium browser) throws Exception {
        key(browser, "Enter", 13);
    }

    /** A real key press (as a keyboard sends it: key down with its text, key up). */
    private static void key(HeadlessChromium browser, String key, int code) throws Exception {
        var down = JsonNodeFactory.instance.objectNode().put("type", "keyDown").put("key", key).put("code", key)
                .put("windowsVirtualKeyCode", code).put("nativeVirtualKeyCode", code);
        if (code == 13) {
            down.put("text", "\r");
        }
        browser.call("Input.dispatchKeyEvent", down);
        browser.call("Input.dispatchKeyEvent", JsonNodeFactory.instance.objectNode().put("type", "keyUp").put("key", key)
                .put("code", key).put("windowsVirtualKeyCode", code).put("nativeVirtualKeyCode", code));
    }

    /** My status, chosen in the header as a librarian does. */
    private static void setStatus(HeadlessChromium browser, String status) throws Exception {
        String select = "document.getElementById('my-status')";
        browser.await("!!(" + select + " && (document.getElementById('status-form')['htmx-internal-data'] || {}).initHash)",
                JsonNode::asBoolean, WAIT);
        browser.eval("(() => { const s = " + select + "; s.value = '" + status + "'; "
                + "s.dispatchEvent(new Event('change', {bubbles: true})); })()");
        browser.await("(document.querySelector('#my-status option[selected]') || {}).value", // the server's answer
                v -> v.asText().equals(status), WAIT);
    }

    private boolean committed(UUID handover) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery("SELECT 1 FROM handover WHERE id = ?1")
                .setParameter(1, handover).getResultList().isEmpty());
    }

    private boolean inTranscript(UUID message) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                "SELECT 1 FROM transcript_entry WHERE id = ?1").setParameter(1, message).getResultList().isEmpty());
    }

}
