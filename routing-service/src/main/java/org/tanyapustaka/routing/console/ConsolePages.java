package org.tanyapustaka.routing.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tanyapustaka.routing.faq.FaqAnswer;
import org.tanyapustaka.routing.intent.Classification;
import org.tanyapustaka.routing.intent.Intent;
import org.tanyapustaka.routing.intent.IntentClassifier;
import org.tanyapustaka.routing.signin.LanguageCookie;

/**
 * The library's console for admins ({@code /console}): an overview, the knowledge base (list, search, create, edit
 * with a live WhatsApp preview, retire, history and restore, a test box for patron messages) and the audit log with
 * its CSV export. Same sign-in as the desk; anyone signed in without the admin role gets a 403 page. Changes go
 * through {@link KnowledgeBase}; actions are htmx requests (a cross-site form cannot set {@code HX-Request}).
 */
@Path("/console")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    static final String LANGUAGE_COOKIE = LanguageCookie.NAME;
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Jakarta"));

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Me me, long active, long retired, List<Audit> recent);

        static native TemplateInstance answers(Me me, List<Row> rows, String q, boolean all);

        static native TemplateInstance answer(Me me, Long id, Form form, List<String> errors, List<VersionView> versions,
                List<String> intents, String notice, Preview preview, boolean active);

        static native TemplateInstance editor(Me me, Long id, Form form, List<String> errors, List<String> intents,
                Preview preview);

        static native TemplateInstance preview(Me me, Preview preview);

        static native TemplateInstance tried(Me me, Tried tried);

        static native TemplateInstance audit(Me me, List<Audit> entries, String q);

        static native TemplateInstance forbidden(Me me);
    }

    /** Who is signed in, the page's language, and where the analytics dashboard is (for the navigation bar). */
    public record Me(String username, String displayName, String language, String dashboardUrl) {
        public boolean en() {
            return "en".equals(language);
        }
    }

    public record Row(long id, String intent, String title, boolean active, boolean inUse, String updated) {
    }

    /** The editor's fields as typed. */
    public record Form(String intent, String title, String examples, String answerId, String answerEn, boolean active) {
        static Form of(FaqAnswer a) {
            return new Form(a.intent, a.title, String.join("\n", a.examples), a.answerId, a.answerEn, a.active);
        }

        KnowledgeBase.Draft draft() {
            return new KnowledgeBase.Draft(intent, title, KnowledgeBase.Draft.lines(examples), answerId, answerEn, active);
        }
    }

    /** Both answers as WhatsApp shows them, with their lengths against the limit. */
    public record Preview(String htmlId, int lengthId, String htmlEn, int lengthEn, int limit) {
        public boolean overId() {
            return lengthId > limit;
        }

        public boolean overEn() {
            return lengthEn > limit;
        }

        static Preview of(String answerId, String answerEn) {
            String id = answerId == null ? "" : answerId.strip();
            String en = answerEn == null ? "" : answerEn.strip();
            return new Preview(WhatsAppText.toHtml(id), KnowledgeBase.length(id), WhatsAppText.toHtml(en),
                    KnowledgeBase.length(en), KnowledgeBase.MAX_WITH_BUTTONS);
        }
    }

    public record VersionView(int version, String change, String by, String at, String title, String answerIdBefore,
            String answerId, String answerEnBefore, String answerEn, boolean active, boolean current) {
    }

    public record Tried(String text, String intent, long percent, String language, String explanation, String outcome,
            Long faqId, String faqTitle, String html, boolean buttons) {
    }

    public record Audit(String at, String actor, String action, String subject, String detail, String via) {
        static Audit of(AuditEntry e) {
            return new Audit(WHEN.format(e.at), e.actor, e.action, e.subject, e.detail, e.via);
        }
    }

    @Inject
    ConsoleAccess access;

    @Inject
    KnowledgeBase knowledgeBase;

    @Inject
    IntentClassifier classifier;

    @CookieParam(LANGUAGE_COOKIE)
    String languageCookie;

    // ---------------------------------------------------------------- overview

    @GET
    @Transactional
    public TemplateInstance home() {
        Me me = admin();
        long active = FaqAnswer.count("active = true");
        long retired = FaqAnswer.count("active = false");
        return localized(Templates.home(me, active, retired,
                AuditEntry.latest(null, 10).stream().map(Audit::of).toList()));
    }

    // ---------------------------------------------------------------- knowledge base

    @GET
    @Path("/kb")
    @Transactional
    public TemplateInstance answers(@QueryParam("q") String q, @QueryParam("all") String all) {
        Me me = admin();
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        boolean showRetired = all != null && !all.isBlank();
        List<Row> rows = FaqAnswer.all().stream()
                .filter(a -> showRetired || a.active)
                .filter(a -> needle.isEmpty() || (a.intent + " " + a.title + " " + a.answerId + " " + a.answerEn + " "
                        + String.join(" ", a.examples)).toLowerCase(Locale.ROOT).contains(needle))
                .map(a -> new Row(a.id, a.intent, a.title, a.active,
                        a.active && FaqAnswer.forIntent(a.intent).map(f -> f.id.equals(a.id)).orElse(false),
                        WHEN.format(a.updatedAt)))
                .toList();
        return localized(Templates.answers(me, rows, q == null ? "" : q, showRetired));
    }

    @GET
    @Path("/kb/new")
    @Transactional
    public TemplateInstance newAnswer(@QueryParam("intent") String intent) {
        Me me = admin();
        Form form = new Form(intent == null ? "" : intent, "", "", "", "", true);
        return localized(Templates.answer(me, null, form, List.of(), List.of(), intents(), null, Preview.of("", ""),
                true));
    }

    @GET
    @Path("/kb/{id}")
    @Transactional
    public TemplateInstance answer(@PathParam("id") long id, @QueryParam("notice") String notice) {
        Me me = admin();
        FaqAnswer a = KnowledgeBase.find(id);
        ConsoleMessages m = messages(me.language());
        String shown = "saved".equals(notice) ? m.saved() : "restored".equals(notice) ? m.restored() : null;
        return localized(Templates.answer(me, id, Form.of(a), List.of(), versions(id), intents(), shown,
                Preview.of(a.answerId, a.answerEn), a.active));
    }

    /** The live preview while typing (the whole form is sent; nothing is saved). */
    @POST
    @Path("/kb/preview")
    public TemplateInstance preview(@FormParam("answerId") String answerId, @FormParam("answerEn") String answerEn) {
        Me me = admin();
        return localized(Templates.preview(me, Preview.of(answerId, answerEn)));
    }

    /**
     * Saves the editor (a new answer when {@code id} is {@code new}). When anything is wrong the editor comes back
     * with the reasons and nothing is saved; otherwise the page goes to the saved answer.
     */
    @POST
    @Path("/kb/{id}")
    public Response save(@PathParam("id") String id, @FormParam("intent") String intent, @FormParam("title") String title,
            @FormParam("examples") String examples, @FormParam("answerId") String answerId,
            @FormParam("answerEn") String answerEn, @FormParam("active") String active,
            @HeaderParam("HX-Request") String htmx) {
        Me me = admin();
        requireHtmx(htmx);
        Long faqId = "new".equals(id) ? null : parseId(id);
        Form form = new Form(intent, title, examples, answerId, answerEn, active != null);
        List<KnowledgeBase.Issue> issues = KnowledgeBase.check(form.draft());
        if (!issues.isEmpty()) {
            ConsoleMessages m = messages(me.language());
            List<String> errors = issues.stream().map(i -> describe(m, i)).toList();
            return Response.ok(localized(Templates.editor(me, faqId, form, errors, intents(),
                    Preview.of(answerId, answerEn)))).build();
        }
        FaqAnswer saved = knowledgeBase.save(faqId, form.draft(), me.username(), AuditEntry.CONSOLE);
        return Response.noContent().header("HX-Redirect", "/console/kb/" + saved.id + "?notice=saved").build();
    }

    @POST
    @Path("/kb/{id}/active")
    public Response setActive(@PathParam("id") long id, @FormParam("active") String active,
            @HeaderParam("HX-Request") String htmx) {
        Me me = admin();
        requireHtmx(htmx);
        knowledgeBase.setActive(id, "true".equals(active), me.username(), AuditEntry.CONSOLE);
        return Response.noContent().header("HX-Redirect", "/console/kb/" + id + "?notice=saved").build();
    }

    @POST
    @Path("/kb/{id}/restore/{version}")
    public Response restore(@PathParam("id") long id, @PathParam("version") int version,
            @HeaderParam("HX-Request") String htmx) {
        Me me = admin();
        requireHtmx(htmx);
        knowledgeBase.restore(id, version, me.username(), AuditEntry.CONSOLE);
        return Response.noContent().header("HX-Redirect", "/console/kb/" + id + "?notice=restored").build();
    }

    /** The test box: which intent a patron's message gets and what the bot answers; no conversation is touched. */
    @GET
    @Path("/kb/try")
    @Transactional
    public TemplateInstance tryMessage(@QueryParam("text") String text) {
        Me me = admin();
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > KnowledgeBase.MAX_TEXT) {
            return localized(Templates.tried(me, null));
        }
        ConsoleMessages m = messages(me.language());
        Classification c = classifier.classify(body);
        Optional<FaqAnswer> faq = Optional.empty();
        String outcome;
        if (c.spam()) {
            outcome = m.try_spam();
        } else {
            switch (c.intent()) {
                case HUMAN_HANDOVER -> outcome = m.try_handover();
                case CATALOG_SEARCH -> outcome = m.try_catalog();
                case GREETING, MENU -> outcome = m.try_menu();
                case OTHER, CSAT_RATING -> outcome = m.try_other();
                case THANKS -> outcome = "";
                default -> {
                    faq = FaqAnswer.forIntent(c.intent().wireName());
                    outcome = faq.isPresent() ? "" : m.try_no_answer();
                }
            }
        }
        String answer = faq.map(f -> f.answerIn(c.language())).orElse(null);
        return localized(Templates.tried(me, new Tried(body, c.intent().wireName(), Math.round(c.confidence() * 100),
                c.language(), c.explain(), outcome, faq.map(f -> f.id).orElse(null), faq.map(f -> f.title).orElse(null),
                answer == null ? null : WhatsAppText.toHtml(answer), faq.isPresent())));
    }

    // ---------------------------------------------------------------- audit log

    @GET
    @Path("/audit")
    @Transactional
    public TemplateInstance audit(@QueryParam("q") String q) {
        Me me = admin();
        return localized(Templates.audit(me, AuditEntry.latest(q, 500).stream().map(Audit::of).toList(),
                q == null ? "" : q));
    }

    /** The whole audit log (or the filtered part) as CSV, UTF-8 with a byte order mark for spreadsheets. */
    @GET
    @Path("/audit.csv")
    @Produces("text/csv")
    @Transactional
    public Response auditCsv(@QueryParam("q") String q) {
        admin();
        StringBuilder csv = new StringBuilder("\uFEFFat,actor,action,subject,detail,via\r\n");
        for (AuditEntry e : AuditEntry.latest(q, Integer.MAX_VALUE)) {
            csv.append(String.join(",", AuditCsv.cell(e.at.toString()), AuditCsv.cell(e.actor), AuditCsv.cell(e.action),
                    AuditCsv.cell(e.subject), AuditCsv.cell(e.detail), AuditCsv.cell(e.via))).append("\r\n");
        }
        return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8))
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit-log.csv\"").build();
    }

    // ---------------------------------------------------------------- language

    @GET
    @Path("/language/{language}")
    public Response language(@PathParam("language") String language, @QueryParam("back") String back) {
        return LanguageCookie.switchTo(language, back, "/console");
    }

    // ---------------------------------------------------------------- helpers

    private List<VersionView> versions(long id) {
        List<FaqVersion> all = FaqVersion.of(id);
        List<VersionView> views = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            FaqVersion v = all.get(i);
            FaqVersion before = i + 1 < all.size() ? all.get(i + 1) : null;
            views.add(new VersionView(v.version, v.change, v.changedBy, WHEN.format(v.changedAt), v.title,
                    before == null ? null : before.answerId, v.answerId, before == null ? null : before.answerEn,
                    v.answerEn, v.active, i == 0));
        }
        return views;
    }

    private static List<String> intents() {
        return Arrays.stream(Intent.values()).map(Intent::wireName).toList();
    }

    private static String describe(ConsoleMessages m, KnowledgeBase.Issue issue) {
        String field = switch (issue.field()) {
            case "title" -> m.field_title();
            case "answerId" -> m.field_answer_id();
            case "answerEn" -> m.field_answer_en();
            default -> issue.field();
        };
        return switch (issue.kind()) {
            case UNKNOWN_INTENT -> m.error_intent();
            case EMPTY -> m.error_empty(field);
            case TOO_LONG -> "examples".equals(issue.field()) ? m.error_example_too_long(issue.length(), issue.limit())
                    : m.error_too_long(field, issue.length(), issue.limit());
        };
    }

    private static Long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new WebApplicationException(404);
        }
    }

    static void requireHtmx(String htmx) {
        if (!"true".equals(htmx)) {
            throw new WebApplicationException(Response.status(400).type(MediaType.TEXT_PLAIN)
                    .entity("Console changes are sent by the console pages (HX-Request header missing).").build());
        }
    }

    /** The signed-in admin; anyone else gets the console's 403 page in their language. */
    Me admin() {
        return access.admin(languageCookie);
    }

    static ConsoleMessages messages(String language) {
        return MessageBundles.get(ConsoleMessages.class, Localized.Literal.of("en".equals(language) ? "en" : "id"));
    }

    private String language() {
        return language(languageCookie);
    }

    static String language(String cookie) {
        return "en".equals(cookie) ? "en" : "id";
    }

    private TemplateInstance localized(TemplateInstance instance) {
        return instance.setLocale(Locale.forLanguageTag(language()));
    }
}
