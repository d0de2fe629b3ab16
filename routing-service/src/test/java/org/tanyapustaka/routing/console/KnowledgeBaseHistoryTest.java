package org.tanyapustaka.routing.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tanyapustaka.routing.RoutingFixture.sessionOf;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.problem.ProblemException;
import org.tanyapustaka.routing.faq.FaqAnswer;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;

/**
 * The knowledge base's history, restore and audit log against the real database, through {@link KnowledgeBase},
 * the console's endpoints (development sign-in) and the REST API (bearer token). The answers made here are retired
 * ones, so the bot's answers for other tests stay as seeded.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class KnowledgeBaseHistoryTest {

    @Inject
    KnowledgeBase kb;

    @Test
    void everySaveIsAVersionAndRestoreBringsAnEarlierTextBackAsANewOne() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        FaqAnswer created = kb.save(null, draft("Uji " + tag, "Versi satu " + tag, "Version one", false), "kepala",
                AuditEntry.CONSOLE);
        long id = created.id;
        kb.save(id, draft("Uji " + tag, "Versi *dua* " + tag, "Version two", false), "kepala", AuditEntry.CONSOLE);
        // Saving the same text again is no change: no version, no audit entry.
        kb.save(id, draft("Uji " + tag, "Versi *dua* " + tag, "Version two", false), "kepala", AuditEntry.CONSOLE);
        kb.save(id, draft("Uji " + tag, "Versi tiga " + tag, "Version three", false), "budi.admin", AuditEntry.CONSOLE);

        List<FaqVersion> versions = QuarkusTransaction.requiringNew().call(() -> FaqVersion.of(id));
        assertThat(versions).extracting(v -> v.version).containsExactly(3, 2, 1);
        assertThat(versions).extracting(v -> v.change).containsExactly("edited", "edited", "created");
        assertThat(versions).extracting(v -> v.changedBy).containsExactly("budi.admin", "kepala", "kepala");
        assertThat(versions.get(1).answerId).isEqualTo("Versi *dua* " + tag);

        kb.restore(id, 1, "kepala", AuditEntry.CONSOLE);
        FaqAnswer now = QuarkusTransaction.requiringNew().call(() -> FaqAnswer.findById(id));
        assertThat(now.answerId).isEqualTo("Versi satu " + tag);
        assertThat(now.answerEn).isEqualTo("Version one");
        List<FaqVersion> after = QuarkusTransaction.requiringNew().call(() -> FaqVersion.of(id));
        assertThat(after).hasSize(4);
        assertThat(after.get(0).version).isEqualTo(4);
        assertThat(after.get(0).change).isEqualTo("restored");
        assertThat(after.get(0).answerId).isEqualTo("Versi satu " + tag);

        List<AuditEntry> audit = audit(tag);
        assertThat(audit).extracting(e -> e.action)
                .containsExactly("faq.restored", "faq.edited", "faq.edited", "faq.created");
        assertThat(audit).extracting(e -> e.actor).containsExactly("kepala", "budi.admin", "kepala", "kepala");
        assertThat(audit.get(0).detail).startsWith("version 4; version 1;").contains("answer (id)");
        assertThat(audit).allSatisfy(e -> assertThat(e.via).isEqualTo("console"));
    }

    @Test
    void anAnswerOverWhatsAppsLimitIsRefusedWholeAndNothingIsSaved() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long id = kb.save(null, draft("Batas " + tag, "Pendek " + tag, "Short", false), "kepala", AuditEntry.CONSOLE).id;
        String longest = "a".repeat(KnowledgeBase.MAX_WITH_BUTTONS);
        String over = "🙂".repeat(KnowledgeBase.MAX_WITH_BUTTONS + 1); // 1,025 characters as WhatsApp counts them

        assertThat(KnowledgeBase.check(draft("t", longest, "ok", true))).isEmpty();
        assertThat(KnowledgeBase.check(draft("t", over, "ok", true))).containsExactly(
                new KnowledgeBase.Issue("answerId", KnowledgeBase.Kind.TOO_LONG, 1025, 1024));
        // The English text is fine, the Indonesian one too long: neither is saved.
        assertThatThrownBy(() -> kb.save(id, draft("Batas baru " + tag, over, "Changed English", false), "kepala",
                AuditEntry.CONSOLE)).isInstanceOf(ProblemException.class);
        assertUnchanged(id, "Pendek " + tag, "Short", 1, tag);

        // The same through the console's page: the editor comes back with the reason; nothing saved.
        String page = given().cookie("tanya-desk", sessionOf("kepala")).header("HX-Request", "true")
                .formParams(Map.of("intent", "book_suggestion", "title", "Batas " + tag, "answerId", over + " ",
                        "answerEn", "Changed English", "examples", ""))
                .post("/console/kb/" + id).then().statusCode(200).extract().asString();
        assertThat(page).contains("terlalu panjang: 1025 karakter, maksimal 1024. Tidak ada yang disimpan.");
        assertUnchanged(id, "Pendek " + tag, "Short", 1, tag);
    }

    @Test
    void restChangesAreAuditedAndKeptInTheHistoryToo() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String token = TestInfrastructure.token("admin.api@perpustakaan.ac.id", "admin");
        Map<String, Object> body = Map.of("intent", "fines", "title", "API " + tag, "answerId", "Denda " + tag,
                "answerEn", "Fines", "active", false);
        int id = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/routing/faq")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("intent", "fines", "title", "API " + tag, "answerId", "Denda baru " + tag,
                        "answerEn", "Fines", "active", false))
                .put("/api/routing/faq/" + id).then().statusCode(200);
        given().auth().oauth2(token).delete("/api/routing/faq/" + id).then().statusCode(204);

        List<AuditEntry> audit = audit(tag);
        assertThat(audit).extracting(e -> e.action).containsExactly("faq.deleted", "faq.edited", "faq.created");
        assertThat(audit).allSatisfy(e -> {
            assertThat(e.actor).isEqualTo("admin.api@perpustakaan.ac.id");
            assertThat(e.via).isEqualTo("api");
        });
        // The deleted answer's texts stay in its history.
        assertThat(QuarkusTransaction.requiringNew().call(() -> FaqVersion.of(id)))
                .extracting(v -> v.answerId).containsExactly("Denda baru " + tag, "Denda baru " + tag, "Denda " + tag);

        // The audit log's export has the entries, as CSV a spreadsheet opens safely.
        byte[] csv = given().cookie("tanya-desk", sessionOf("kepala")).queryParam("q", tag).get("/console/audit.csv")
                .then().statusCode(200).contentType("text/csv; charset=UTF-8").extract().asByteArray();
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFat,actor,action,subject,detail,via\r\n");
        assertThat(text.lines()).hasSize(4);
        assertThat(text).contains(",admin.api@perpustakaan.ac.id,faq.deleted,faq " + id + " (fines: API " + tag + "),version 3,api\r\n");
        assertThat(AuditCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.cell("plain")).isEqualTo("plain");

        // The audit page shows them to an admin.
        assertThat(given().cookie("tanya-desk", sessionOf("kepala")).queryParam("q", tag).get("/console/audit")
                .then().statusCode(200).extract().asString()).contains("faq.deleted").contains("admin.api@perpustakaan.ac.id");
    }

    @Test
    void aLibrarianIsRefusedEveryConsolePageAndCanChangeNothing() {
        String sari = sessionOf("sari");
        long id = QuarkusTransaction.requiringNew().call(() -> FaqAnswer.forIntent("fines").orElseThrow().id);
        for (String path : List.of("/console", "/console/kb", "/console/kb/new", "/console/kb/" + id,
                "/console/kb/try?text=denda", "/console/audit", "/console/audit.csv")) {
            assertThat(given().cookie("tanya-desk", sari).get(path).then().statusCode(403).extract().asString())
                    .as(path).contains("Halaman konsol hanya untuk admin perpustakaan");
        }
        String before = QuarkusTransaction.requiringNew().call(() -> FaqAnswer.<FaqAnswer>findById(id).answerId);
        given().cookie("tanya-desk", sari).header("HX-Request", "true")
                .formParams(Map.of("intent", "fines", "title", "Denda", "answerId", "diubah pustakawan",
                        "answerEn", "changed", "examples", ""))
                .post("/console/kb/" + id).then().statusCode(403);
        given().cookie("tanya-desk", sari).header("HX-Request", "true").formParam("active", "false")
                .post("/console/kb/" + id + "/active").then().statusCode(403);
        assertThat(QuarkusTransaction.requiringNew().call(() -> FaqAnswer.<FaqAnswer>findById(id).answerId))
                .isEqualTo(before);
        // Signed out: the sign-in page, not the console.
        given().redirects().follow(false).get("/console/kb").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/desk/sign-in"));
    }

    @Test
    void thePreviewShowsWhatsAppsMarkup() {
        assertThat(WhatsAppText.toHtml("*Jam layanan*\nSenin_Kamis: _08.00_ ~16.00~ <b>\n```kode```"))
                .isEqualTo("<strong>Jam layanan</strong><br>\nSenin_Kamis: <em>08.00</em> <s>16.00</s> &lt;b&gt;<br>\n"
                        + "<code>kode</code>");
        assertThat(WhatsAppText.toHtml("https://library.example.ac.id/usulan_buku_baru and 2*3*4"))
                .isEqualTo("https://library.example.ac.id/usulan_buku_baru and 2*3*4");
        assertThat(WhatsAppText.toHtml("* not bold *")).isEqualTo("* not bold *");
    }

    private static KnowledgeBase.Draft draft(String title, String answerId, String answerEn, boolean active) {
        return new KnowledgeBase.Draft("book_suggestion", title, List.of("contoh " + title), answerId, answerEn, active);
    }

    private static List<AuditEntry> audit(String tag) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.latest(tag, 100));
    }

    private static void assertUnchanged(long id, String answerId, String answerEn, int versions, String tag) {
        FaqAnswer now = QuarkusTransaction.requiringNew().call(() -> FaqAnswer.findById(id));
        assertThat(now.answerId).isEqualTo(answerId);
        assertThat(now.answerEn).isEqualTo(answerEn);
        assertThat(now.title).isEqualTo("Batas " + tag);
        assertThat(QuarkusTransaction.requiringNew().call(() -> FaqVersion.of(id))).hasSize(versions);
        assertThat(audit(tag)).hasSize(1);
    }
}
