package org.tanyapustaka.routing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tanyapustaka.routing.RoutingFixture.WAIT;
import static org.tanyapustaka.routing.RoutingFixture.clickWhenReady;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.publish;
import static org.tanyapustaka.routing.RoutingFixture.reply;
import static org.tanyapustaka.routing.RoutingFixture.signedInAt;
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
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.routing.faq.FaqAnswer;
import org.tanyapustaka.testsupport.HeadlessChromium;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * The console in a real headless Chromium on a phone-sized screen, against the real broker and database: the head of
 * library signs in, edits the bot's answer on book suggestions with the live WhatsApp preview, and a patron writing
 * to the bot gets the new text; an answer over WhatsApp's limit is refused with a clear message and nothing saved;
 * the earlier text is restored from the history (the next patron gets it again); the test box tells which answer a
 * message gets without any conversation; a librarian is refused every console page. Screenshots: target/console-*.png.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class ConsoleBrowserTest {

    static final String QUESTION = "gmn cara usulin buku baru?";

    @TestHTTPResource("/")
    URL base;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "routing.console.dashboard-url")
    String dashboardUrl;

    @Test
    void anAdminEditsAnAnswerAndTheNextPatronGetsIt() throws Exception {
        FaqAnswer seeded = QuarkusTransaction.requiringNew().call(() -> FaqAnswer.forIntent("book_suggestion").orElseThrow());
        long id = seeded.id;
        String original = seeded.answerId;
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String edited = "*Usulan buku* " + marker + "\nKirim judul & pengarang lewat _chat_ ini.\n~Formulir lama~ tidak dipakai lagi.";
        try (HeadlessChromium kepala = phone();
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            signedInAt(kepala, base.toString(), "/console/kb", "kepala");
            kepala.await("!!document.querySelector('#answers li[data-id=\"" + id + "\"] a')", JsonNode::asBoolean, WAIT);
            // One navigation bar: the desk, the console's sections and the dashboard.
            assertThat(kepala.eval("[...document.querySelectorAll('.console-nav nav a')].map(a => a.getAttribute('href'))"
                    + ".join(' ')").asText()).isEqualTo("/desk /console /console/kb /console/hours /console/audit " + dashboardUrl);
            assertThat(kepala.eval("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(390);
            kepala.screenshot(Path.of("target", "console-phone-answers.png"));

            kepala.eval("document.querySelector('#answers li[data-id=\"" + id + "\"] a').click()");
            kepala.await("location.pathname", v -> v.asText().equals("/console/kb/" + id), WAIT);
            kepala.await("!!(document.getElementById('preview')['htmx-internal-data'] || {}).initHash", JsonNode::asBoolean,
                    WAIT);
            retype(kepala, "f-answer-id", edited);
            // The live preview shows it as WhatsApp does, with the buttons that go with it.
            kepala.await("document.getElementById('preview-id').innerHTML",
                    v -> v.asText().contains("<strong>Usulan buku</strong> " + marker) && v.asText().contains("<em>chat</em>")
                            && v.asText().contains("<s>Formulir lama</s>"), WAIT);
            assertThat(kepala.eval("document.querySelector('#preview .wa-buttons').textContent").asText())
                    .contains("Menu").contains("Tanya pustakawan");
            assertThat(kepala.eval("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(390);
            kepala.screenshot(Path.of("target", "console-phone-edit.png"));
            clickWhenReady(kepala, "#save");
            kepala.await("(document.getElementById('notice') || {}).textContent || ''",
                    v -> v.asText().startsWith("Tersimpan"), WAIT);
            assertThat(answerId(id)).isEqualTo(edited);

            // A patron asks the bot: the new text, with its buttons.
            String waId = patron();
            publish(text(waId, "Rina", QUESTION));
            JsonNode got = reply(outbound, waId, body -> body.contains(marker));
            assertThat(got.path("body").asText()).isEqualTo(edited);
            assertThat(got.path("kind").asText()).isEqualTo("buttons");

            // Over WhatsApp's limit: the counter says so while typing, saving is refused clearly, nothing is saved.
            int versions = versions(id);
            retype(kepala, "f-answer-id", "x".repeat(1025));
            kepala.await("document.getElementById('count-id').textContent",
                    v -> v.asText().equals("Terlalu panjang: 1025 / 1024 karakter"), WAIT);
            clickWhenReady(kepala, "#save");
            kepala.await("(document.getElementById('form-errors') || {}).textContent || ''", v -> v.asText().contains(
                    "Jawaban dalam Bahasa Indonesia terlalu panjang: 1025 karakter, maksimal 1024. Tidak ada yang disimpan."),
                    WAIT);
            kepala.screenshot(Path.of("target", "console-phone-too-long.png"));
            assertThat(answerId(id)).isEqualTo(edited);
            assertThat(versions(id)).isEqualTo(versions);

            // The history shows who changed what; the text before is restored as a new version.
            kepala.navigate(url("/console/kb/" + id));
            String mine = "document.querySelector('#history li[data-version=\"" + versions + "\"]')";
            kepala.await("!!" + mine, JsonNode::asBoolean, WAIT);
            assertThat(kepala.eval(mine + ".textContent").asText()).contains("kepala").contains("diubah")
                    .contains(marker).contains("Sebelumnya");
            kepala.eval("window.confirm = () => true; document.querySelector('#history li[data-version=\"" + (versions - 1)
                    + "\"] details').open = true");
            clickWhenReady(kepala, "#history li[data-version=\"" + (versions - 1) + "\"] button.restore");
            kepala.await("(document.getElementById('notice') || {}).textContent || ''",
                    v -> v.asText().startsWith("Versi lama dipulihkan"), WAIT);
            assertThat(answerId(id)).isEqualTo(original);
            assertThat(versions(id)).isEqualTo(versions + 1);
            String next = patron();
            publish(text(next, "Dimas", QUESTION));
            assertThat(reply(outbound, next, body -> body.contains("Usulan buku")).path("body").asText()).isEqualTo(original);

            // The test box: which intent and answer, and no conversation for it (the patrons' are committed first).
            await().atMost(WAIT).until(() -> conversationsOf(waId, next) == 2);
            long conversations = conversations();
            kepala.eval("document.getElementById('try-text').value = " + "'kak sy mau usul buku utk dibeli perpus'");
            clickWhenReady(kepala, "#try-button");
            kepala.await("(document.getElementById('try-intent') || {}).textContent || ''",
                    v -> v.asText().equals("book_suggestion"), WAIT);
            assertThat(kepala.eval("document.getElementById('try-answer').textContent").asText())
                    .contains("Terima kasih sudah ikut melengkapi koleksi kami");
            assertThat(conversations()).isEqualTo(conversations);

            // The audit log has both changes, by the head of library.
            kepala.navigate(url("/console/audit?q=faq+" + id));
            kepala.await("(document.getElementById('audit-table') || {}).textContent || ''",
                    v -> v.asText().contains("faq.restored") && v.asText().contains("faq.edited"), WAIT);
            assertThat(kepala.eval("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(390);

            // The English switch.
            kepala.navigate(url("/console/language/en?back=/console/kb"));
            kepala.await("document.querySelector('h1').textContent", v -> v.asText().equals("The bot's knowledge base"), WAIT);
            assertThat(kepala.eval("document.documentElement.lang").asText()).isEqualTo("en");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> FaqAnswer.<FaqAnswer>findById(id).answerId = original);
        }
    }

    @Test
    void aLibrarianIsRefusedEveryConsolePage() throws Exception {
        long id = QuarkusTransaction.requiringNew().call(() -> FaqAnswer.forIntent("fines").orElseThrow().id);
        try (HeadlessChromium sari = phone()) {
            signedInAt(sari, base.toString(), "/console", "sari");
            sari.await("(document.getElementById('forbidden') || {}).textContent || ''",
                    v -> v.asText().contains("Halaman konsol hanya untuk admin perpustakaan"), WAIT);
            sari.screenshot(Path.of("target", "console-phone-refused.png"));
            for (String path : List.of("/console/kb", "/console/kb/new", "/console/kb/" + id, "/console/audit",
                    "/console/audit.csv", "/console/kb/try?text=denda")) {
                sari.navigate(url(path));
                sari.await("location.pathname + ' ' + ((document.getElementById('forbidden') || {}).textContent || '')",
                        v -> v.asText().startsWith(path.replaceAll("\\?.*", "") + " ")
                                && v.asText().contains("hanya untuk admin"), WAIT);
                assertThat(sari.eval("fetch('" + path + "').then(r => r.status)").asInt()).as(path).isEqualTo(403);
            }
            // Her desk still works.
            sari.navigate(url("/desk"));
            sari.await("!!document.getElementById('h-waiting')", JsonNode::asBoolean, WAIT);
        }
    }

    private static HeadlessChromium phone() throws Exception {
        HeadlessChromium browser = HeadlessChromium.start(390, 844);
        browser.call("Emulation.setDeviceMetricsOverride", JsonNodeFactory.instance.objectNode().put("width", 390)
                .put("height", 844).put("deviceScaleFactor", 2).put("mobile", true));
        return browser;
    }

    /** Replaces a text box's content as a person does: focus, select all, type. */
    private static void retype(HeadlessChromium browser, String id, String text) throws Exception {
        browser.eval("(() => { const e = document.getElementById('" + id + "'); e.focus(); e.select(); })()");
        browser.call("Input.insertText", JsonNodeFactory.instance.objectNode().put("text", text));
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static String answerId(long id) {
        return QuarkusTransaction.requiringNew().call(() -> FaqAnswer.<FaqAnswer>findById(id).answerId);
    }

    private static int versions(long id) {
        return QuarkusTransaction.requiringNew().call(() -> FaqVersion.of(id).size());
    }

    private long conversationsOf(String... waIds) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM conversation WHERE wa_id = ANY(?1)").setParameter(1, waIds).getSingleResult())
                .longValue());
    }

    private long conversations() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM conversation").getSingleResult()).longValue());
    }
}
