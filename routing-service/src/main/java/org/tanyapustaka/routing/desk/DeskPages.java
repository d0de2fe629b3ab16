package org.tanyapustaka.routing.desk;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.tanyapustaka.events.problem.ProblemException;
import org.tanyapustaka.routing.conversation.Conversation;
import org.tanyapustaka.routing.faq.FaqAnswer;
import org.tanyapustaka.routing.handover.Handover;
import org.tanyapustaka.routing.handover.HandoverQueue;
import org.tanyapustaka.routing.handover.Librarian;
import org.tanyapustaka.routing.handover.LibrarianActions;
import org.tanyapustaka.routing.handover.LibrarianAttachments;
import org.tanyapustaka.routing.handover.ReadAccess;
import org.tanyapustaka.routing.handover.WhatsAppMediaLimits;
import org.tanyapustaka.routing.signin.LanguageCookie;

/**
 * The librarians' desk on the web: the inbox, a conversation with its transcript, and the actions (claim, reply,
 * attach a file, note, transfer, close, my status), server-rendered with Qute and kept live by htmx over server-sent events
 * ({@link DeskFeed}). Every action goes through {@link LibrarianActions} and {@link HandoverQueue} (files through
 * {@link LibrarianAttachments}), as the REST desk's do; the acting librarian is the signed-in principal. Actions
 * answer with a fragment; a refused one with a message for {@code #flash}.
 */
@Path("/desk")
@RolesAllowed({ "librarian", "admin" })
@Produces(MediaType.TEXT_HTML)
public class DeskPages {

    /** WhatsApp's limit for a text message body. */
    static final int MAX_TEXT = 4096;
    static final String LANGUAGE_COOKIE = LanguageCookie.NAME;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance inbox(Me me);

        static native TemplateInstance inboxList(Me me, DeskView.Inbox inbox, List<DeskView.Colleague> team);

        static native TemplateInstance counts(Me me, DeskView.Counts counts);

        static native TemplateInstance rows(List<DeskView.Row> rows);

        static native TemplateInstance conversation(Me me, DeskView.Row row, Upload upload);

        static native TemplateInstance panel(Me me, DeskView.Row row, String closedBy, List<DeskView.Earlier> earlier,
                List<DeskView.Colleague> colleagues, boolean templateConfigured);

        static native TemplateInstance transcript(Me me, List<DeskView.Line> lines, String language);

        static native TemplateInstance canned(Me me, List<FaqAnswer> answers, String language, boolean searched);

        static native TemplateInstance status(Me me);

        static native TemplateInstance flash(Me me, String message, boolean error);

        static native TemplateInstance signIn(String language, boolean error, boolean devSignIn);

        static native TemplateInstance forbidden(Me me, String message);
    }

    /**
     * What the page's file picker takes, rendered from {@link WhatsAppMediaLimits} and the desk's configured limit so
     * that the browser checks a file against the very numbers the server does: {@code limits} maps each type to its
     * largest size in bytes (JSON for {@code desk.js}), {@code accept} lists the types for the picker.
     */
    public record Upload(String accept, String limits, String allowed, int maxCaption) {
    }

    /** Who is signed in, and the page's language. */
    public record Me(String username, String displayName, String status, boolean admin, String language) {

        public boolean en() {
            return "en".equals(language);
        }
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    LibrarianActions actions;

    @Inject
    HandoverQueue queue;

    @Inject
    DeskView view;

    @Inject
    LibrarianAttachments attachments;

    @Inject
    DeskFeed feed;

    @Inject
    DevSignIn devSignIn;

    @Inject
    Sse sse;

    @CookieParam(LANGUAGE_COOKIE)
    String languageCookie;

    @ConfigProperty(name = "routing.handover.reopen-template")
    Optional<String> reopenTemplate;

    @ConfigProperty(name = "routing.handover.reopen-template-language", defaultValue = "id")
    String reopenTemplateLanguage;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String sessionCookie;

    // ---------------------------------------------------------------- pages

    @GET
    @Transactional
    public TemplateInstance inbox() {
        return localized(Templates.inbox(me()));
    }

    @GET
    @Path("/inbox")
    @Transactional
    public TemplateInstance inboxList() {
        Me me = me();
        return localized(Templates.inboxList(me, view.inbox(me.username(), me.admin()),
                me.admin() ? view.team() : List.of()));
    }

    @GET
    @Path("/counts")
    @Transactional
    public TemplateInstance counts() {
        Me me = me();
        return localized(Templates.counts(me, view.counts(me.username())));
    }

    @GET
    @Path("/c/{id}")
    @Transactional
    public TemplateInstance conversation(@PathParam("id") UUID id) {
        Me me = me();
        return localized(Templates.conversation(me, view.row(readable(id, me), me.username()), upload(me)));
    }

    @GET
    @Path("/c/{id}/panel")
    @Transactional
    public TemplateInstance panel(@PathParam("id") UUID id) {
        Me me = me();
        Handover handover = readable(id, me);
        return localized(Templates.panel(me, view.row(handover, me.username()), handover.closedBy,
                view.earlier(handover), view.colleagues(me.username()), reopenTemplate.filter(t -> !t.isBlank()).isPresent()));
    }

    /** The transcript; reading it as the holder marks the patron's latest message read on WhatsApp. */
    @GET
    @Path("/c/{id}/transcript")
    @Transactional
    public TemplateInstance transcript(@PathParam("id") UUID id) {
        Me me = me();
        Handover handover = readable(id, me);
        view.seen(handover.conversationId, me.username());
        if (Handover.ASSIGNED.equals(handover.status) && me.username().equals(handover.librarian)) {
            view.markRead(handover);
        }
        Conversation conversation = Conversation.findById(handover.conversationId);
        return localized(Templates.transcript(me, view.transcript(handover.conversationId), conversation.language));
    }

    /** Canned answers: the reply box starting with "/" searches the knowledge base. */
    @GET
    @Path("/c/{id}/canned")
    @Transactional
    public TemplateInstance canned(@PathParam("id") UUID id, @QueryParam("text") String text) {
        Me me = me();
        Handover handover = readable(id, me);
        Conversation conversation = Conversation.findById(handover.conversationId);
        List<FaqAnswer> answers = List.of();
        boolean searched = text != null && text.startsWith("/");
        if (searched) {
            String q = text.substring(1).strip().toLowerCase(Locale.ROOT);
            answers = FaqAnswer.<FaqAnswer>list("active = true ORDER BY title").stream()
                    .filter(a -> q.isEmpty() || (a.title + " " + a.intent + " " + a.answerIn(conversation.language))
                            .toLowerCase(Locale.ROOT).contains(q))
                    .sorted(Comparator.comparing((FaqAnswer a) -> !a.title.toLowerCase(Locale.ROOT).contains(q)))
                    .limit(8).toList();
        }
        return localized(Templates.canned(me, answers, conversation.language, searched));
    }

    // ---------------------------------------------------------------- actions

    @POST
    @Path("/c/{id}/claim")
    public Response claim(@PathParam("id") UUID id, @HeaderParam("HX-Request") String htmx) {
        return act(htmx, id, () -> actions.claim(id, name()), "claimed");
    }

    @POST
    @Path("/c/{id}/reply")
    public Response reply(@PathParam("id") UUID id, @FormParam("text") String text,
            @FormParam("requestId") String requestId, @HeaderParam("HX-Request") String htmx) {
        String body = text == null ? "" : text.strip();
        Me me = me();
        if (body.isEmpty()) {
            return flash(me, message(me, "reply_empty", 0));
        }
        if (body.length() > MAX_TEXT) {
            return flash(me, message(me, "too_long", body.length()));
        }
        if (requestId == null || requestId.isBlank() || requestId.length() > 100) {
            return flash(me, message(me, "no_request_id", 0));
        }
        Conversation conversation = conversationOf(id);
        if (!conversation.windowOpen(Instant.now())) {
            return flash(me, message(me, "window_closed", 0));
        }
        return act(htmx, id, () -> actions.reply(id, name(), body, LibrarianActions.replyCommandId(id, requestId), Optional.empty(),
                reopenTemplateLanguage), "sent");
    }

    /**
     * A file for the patron (multipart: {@code file}, optional {@code caption} - the page sends the reply box's text -
     * and the page's {@code requestId}), sent through {@link LibrarianAttachments} as the REST desk's files are. The
     * same request id again is the same file and one message. Refusals (type, size, content, caption, window, holder)
     * come back as a message in the page's language; nothing is stored or sent then.
     */
    @POST
    @Path("/c/{id}/attach")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response attach(@PathParam("id") UUID id, @RestForm("file") FileUpload file, @RestForm("caption") String caption,
            @RestForm("requestId") String requestId, @HeaderParam("HX-Request") String htmx) throws IOException {
        Response refused = requireHtmx(htmx);
        if (refused != null) {
            return refused;
        }
        Me me = me();
        DeskMessages m = messages(me.language());
        if (requestId == null || requestId.isBlank() || requestId.length() > 100) {
            return flash(me, m.error_no_request_id());
        }
        if (file == null || file.size() == 0) {
            return flash(me, m.error_file_empty());
        }
        String name = file.fileName() == null ? "" : file.fileName();
        String text = caption == null ? "" : caption.strip();
        int captionLength = text.codePointCount(0, text.length());
        if (captionLength > LibrarianAttachments.MAX_CAPTION) {
            return flash(me, m.error_caption_too_long(String.valueOf(captionLength), LibrarianAttachments.MAX_CAPTION));
        }
        String mimeType = WhatsAppMediaLimits.essence(file.contentType());
        Optional<WhatsAppMediaLimits.Kind> kind = WhatsAppMediaLimits.kindOf(mimeType);
        if (kind.isEmpty()) {
            return flash(me, m.error_file_type(name, mimeType.isEmpty() ? m.file_type_unknown() : mimeType,
                    allowed(m)));
        }
        long limit = attachments.maxBytes(kind.get());
        if (file.size() > limit) {
            return flash(me, m.error_file_too_large(name, WhatsAppMediaLimits.describe(file.size()),
                    WhatsAppMediaLimits.describe(limit)));
        }
        byte[] content = Files.readAllBytes(file.uploadedFile());
        if (!WhatsAppMediaLimits.contentMatches(mimeType, content)) {
            return flash(me, m.error_file_not_real(name, mimeType));
        }
        if (!conversationOf(id).windowOpen(Instant.now())) {
            return flash(me, m.error_file_window_closed());
        }
        UUID attachmentId = LibrarianAttachments.attachmentId(id, requestId);
        return act(htmx, id, () -> {
            try {
                return attachments.send(id, name(), name, mimeType, content, text, attachmentId, Optional.empty(),
                        reopenTemplateLanguage);
            } catch (WebApplicationException e) {
                throw e;
            } catch (RuntimeException e) {
                // The same request twice at once: the other one stored the file and its one message first.
                if (attachments.exists(attachmentId)) {
                    return null;
                }
                throw e;
            }
        }, "attached");
    }

    /** The 24-hour window has closed: the approved re-opening template goes out instead of a free-form reply. */
    @POST
    @Path("/c/{id}/reopen")
    public Response reopen(@PathParam("id") UUID id, @HeaderParam("HX-Request") String htmx) {
        Me me = me();
        Optional<String> template = reopenTemplate.filter(t -> !t.isBlank());
        if (template.isEmpty()) {
            return flash(me, message(me, "no_template", 0));
        }
        Conversation conversation = conversationOf(id);
        if (conversation.windowOpen(Instant.now())) {
            return flash(me, message(me, "window_open", 0));
        }
        // One template per closed window, however often it is asked for.
        String key = "reopen-" + conversation.lastInboundAt;
        return act(htmx, id, () -> actions.reply(id, name(), "", LibrarianActions.replyCommandId(id, key), template,
                reopenTemplateLanguage), "reopened");
    }

    @POST
    @Path("/c/{id}/note")
    public Response note(@PathParam("id") UUID id, @FormParam("text") String text,
            @HeaderParam("HX-Request") String htmx) {
        String body = text == null ? "" : text.strip();
        Me me = me();
        if (body.isEmpty() || body.length() > MAX_TEXT) {
            return flash(me, message(me, body.isEmpty() ? "note_empty" : "too_long", body.length()));
        }
        return act(htmx, id, () -> actions.note(id, name(), body), "noted");
    }

    @POST
    @Path("/c/{id}/transfer")
    public Response transfer(@PathParam("id") UUID id, @FormParam("to") String to,
            @HeaderParam("HX-Request") String htmx) {
        if (to == null || to.isBlank()) {
            return flash(me(), message(me(), "choose_colleague", 0));
        }
        return act(htmx, id, () -> actions.transfer(id, name(), to.strip()), "transferred");
    }

    @POST
    @Path("/c/{id}/close")
    public Response close(@PathParam("id") UUID id, @HeaderParam("HX-Request") String htmx) {
        return act(htmx, id, () -> actions.close(id, name()), "closed");
    }

    @POST
    @Path("/status")
    public Response status(@FormParam("status") String status, @HeaderParam("HX-Request") String htmx) {
        String value = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
        if (!Librarian.STATUSES.contains(value)) {
            return flash(me(), message(me(), "bad_status", 0));
        }
        Response refused = requireHtmx(htmx);
        if (refused != null) {
            return refused;
        }
        queue.setStatus(name(), value);
        return Response.ok(localized(Templates.status(me()))).header("HX-Trigger", "desk-status").build();
    }

    // ---------------------------------------------------------------- live feed, language, session

    /**
     * Signals for the open pages: {@code resync} first, then {@code desk} (reload the lists), {@code c-<conversation>},
     * {@code librarians}, and {@code rows}: the inbox rows that changed, rendered for this librarian (their unread
     * counts, their own conversations), followed by {@code mine} when one of them is theirs (the header's counts).
     */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<OutboundSseEvent> events() {
        String me = name(); // no database here: this runs on the event loop
        boolean admin = identity.hasRole("admin");
        Locale locale = Locale.forLanguageTag(language());
        return feed.stream().onItem().transformToIterable(s -> {
            if (s.rows() == null) {
                return List.of(event(s.id(), s.name(), s.data()));
            }
            List<DeskView.Row> rows = s.rows().stream().map(c -> c.rowFor(me, admin)).toList();
            String html = Templates.rows(rows).setLocale(locale).render();
            return rows.stream().anyMatch(DeskView.Row::mine)
                    ? List.of(event(s.id(), s.name(), html), event(s.id() + "m", "mine", ""))
                    : List.of(event(s.id(), s.name(), html));
        });
    }

    private OutboundSseEvent event(String id, String name, String data) {
        return sse.newEventBuilder().id(id).name(name).data(data).reconnectDelay(1000).build();
    }

    @GET
    @Path("/language/{language}")
    @PermitAll
    public Response language(@PathParam("language") String language, @QueryParam("back") String back) {
        return LanguageCookie.switchTo(language, back, "/desk");
    }

    @GET
    @Path("/sign-in")
    @PermitAll
    public TemplateInstance signIn(@QueryParam("error") String error) {
        String language = language();
        return Templates.signIn(language, error != null, devSignIn.enabled()).setLocale(Locale.forLanguageTag(language));
    }

    @POST
    @Path("/sign-out")
    @PermitAll
    public Response signOut() {
        return Response.seeOther(URI.create("/desk/sign-in"))
                .cookie(new NewCookie.Builder(sessionCookie).value("").path("/").maxAge(0).build())
                .build();
    }

    // ---------------------------------------------------------------- helpers

    private Response act(String htmx, UUID id, Supplier<?> action, String done) {
        Response refused = requireHtmx(htmx);
        if (refused != null) {
            return refused;
        }
        try {
            action.get();
        } catch (WebApplicationException e) {
            return flash(me(), refusal(id, e));
        }
        return Response.noContent().header("HX-Trigger", "desk-done, desk-" + done).build();
    }

    /** Why the desk refused, in the page's language: the handover as it is now explains most refusals. */
    @Transactional
    String refusal(UUID id, WebApplicationException e) {
        Me me = me();
        DeskMessages m = messages(me.language());
        Optional<Handover> handover = Handover.findByIdOptional(id);
        if (handover.isEmpty()) {
            return m.error_no_conversation();
        }
        Handover h = handover.get();
        if (Handover.CLOSED.equals(h.status)) {
            return m.error_closed();
        }
        if (Handover.ASSIGNED.equals(h.status) && !me.username().equals(h.librarian)
                && e.getResponse().getStatus() == 409) {
            return m.error_held_by(Librarian.byUsername(h.librarian).map(l -> l.displayName).orElse(h.librarian));
        }
        return m.error_refused(e.getMessage());
    }

    /** Actions come from the desk's own pages (htmx sets the header; a cross-site form cannot). */
    private Response requireHtmx(String htmx) {
        if (!"true".equals(htmx)) {
            return Response.status(400).type(MediaType.TEXT_PLAIN)
                    .entity("Desk actions are sent by the desk pages (HX-Request header missing).").build();
        }
        return null;
    }

    private Response flash(Me me, String message) {
        return Response.ok(localized(Templates.flash(me, message, true)))
                .header("HX-Retarget", "#flash").header("HX-Reswap", "innerHTML").build();
    }

    /** What the desk can send, with the limits in force, in the page's language. */
    private String allowed(DeskMessages m) {
        return m.file_allowed(WhatsAppMediaLimits.describe(attachments.maxBytes(WhatsAppMediaLimits.Kind.IMAGE)),
                WhatsAppMediaLimits.describe(attachments.maxBytes(WhatsAppMediaLimits.Kind.DOCUMENT)));
    }

    private Upload upload(Me me) {
        Map<String, Long> limits = new TreeMap<>();
        WhatsAppMediaLimits.types().forEach((type, kind) -> limits.put(type, attachments.maxBytes(kind)));
        String json = limits.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        return new Upload(String.join(",", limits.keySet()), json, allowed(messages(me.language())),
                LibrarianAttachments.MAX_CAPTION);
    }

    private String message(Me me, String key, int number) {
        DeskMessages m = messages(me.language());
        return switch (key) {
            case "too_long" -> m.error_too_long(number, MAX_TEXT);
            case "reply_empty" -> m.error_reply_empty();
            case "no_request_id" -> m.error_no_request_id();
            case "window_closed" -> m.error_window_closed();
            case "no_template" -> m.error_no_template();
            case "window_open" -> m.error_window_open();
            case "note_empty" -> m.error_note_empty();
            case "choose_colleague" -> m.error_choose_colleague();
            case "bad_status" -> m.error_bad_status();
            default -> key;
        };
    }

    @Transactional
    Conversation conversationOf(UUID handoverId) {
        return Conversation.findById(handover(handoverId).conversationId);
    }

    /**
     * The handover, if this librarian may read its conversation ({@link ReadAccess}); otherwise a 403 page in the
     * desk's language (htmx swaps no fragment on a 403, so a fragment shows nothing of the transcript either).
     */
    private Handover readable(UUID id, Me me) {
        Handover handover = handover(id);
        if (!ReadAccess.mayRead(handover.conversationId, me.username(), me.admin())) {
            throw new WebApplicationException(Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(localized(Templates.forbidden(me, messages(me.language()).error_not_readable())).render())
                    .build());
        }
        return handover;
    }

    private static Handover handover(UUID id) {
        return Handover.<Handover>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No handover " + id + "."));
    }

    static DeskMessages messages(String language) {
        return MessageBundles.get(DeskMessages.class, Localized.Literal.of("en".equals(language) ? "en" : "id"));
    }

    private String name() {
        return identity.getPrincipal().getName();
    }

    @Transactional
    Me me() {
        String username = name();
        Librarian librarian = Librarian.account(username);
        return new Me(username, librarian.displayName, librarian.status, identity.hasRole("admin"), language());
    }

    private String language() {
        return "en".equals(languageCookie) ? "en" : "id";
    }

    private TemplateInstance localized(TemplateInstance instance) {
        return instance.setLocale(Locale.forLanguageTag(language()));
    }
}
