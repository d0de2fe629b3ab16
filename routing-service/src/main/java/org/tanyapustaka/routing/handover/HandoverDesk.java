package org.tanyapustaka.routing.handover;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.ConversationEvent;
import org.tanyapustaka.events.ConversationEvent.Reasons;
import org.tanyapustaka.events.ConversationEvent.Type;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.routing.conversation.Conversation;
import org.tanyapustaka.routing.conversation.ConversationFlow;
import org.tanyapustaka.routing.conversation.Outbox;
import org.tanyapustaka.routing.problem.Problem;

/**
 * The handover desk: opens handovers, keeps the queue, assigns conversations to librarians, carries librarians'
 * replies to the patron and closes handovers with a request for a rating. Every change of a handover is one
 * {@code conversation.events} event with a deterministic id, and every message to the patron a command with one.
 *
 * <p>Assignment takes a transaction-scoped advisory lock, so two triggers (a librarian coming online while a patron
 * asks) never assign the same librarian beyond capacity or the same handover twice.
 */
@ApplicationScoped
public class HandoverDesk {

    private static final Logger LOG = Logger.getLogger(HandoverDesk.class);
    private static final long ASSIGNMENT_LOCK = 0x74616e79_61000001L;
    /** WhatsApp accepts free-form messages only this long after the patron's last message. */
    public static final Duration CUSTOMER_SERVICE_WINDOW = Duration.ofHours(24);
    static final Duration QUEUE_REMINDER_EVERY = Duration.ofMinutes(10);

    @Inject
    Outbox outbox;

    @Inject
    ServiceHours hours;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "routing.handover.idle-timeout", defaultValue = "PT4H")
    Duration idleTimeout;

    // ---------------------------------------------------------------- opening and the patron's side

    /** Opens a handover for the patron's message, tells the patron where they stand, and assigns it if possible. */
    public Handover open(PatronMessage message, Conversation conversation, String reason) {
        Instant at = message.sentAt() != null ? message.sentAt() : Instant.now();
        Handover handover = new Handover();
        handover.id = EventIds.derive(message.id(), "handover");
        handover.conversationId = conversation.id;
        handover.waId = conversation.waId;
        handover.status = Handover.QUEUED;
        handover.reason = reason;
        handover.requestedAt = at;
        handover.lastActivityAt = Instant.now(); // a late-delivered request is not idle from the start
        ServiceHours.Schedule schedule = hours.schedule();
        handover.outOfHours = !schedule.isOpen(Instant.now());
        handover.queuedTimes = 1;
        handover.persist();
        conversation.activeHandoverId = handover.id;
        conversation.ratingHandoverId = null;
        conversation.rejections = 0;
        conversation.fallbackShown = false;
        em.flush();

        event(handover, "requested", Type.HANDOVER_REQUESTED, null, reason, null, at);
        if (handover.outOfHours) {
            event(handover, "out-of-hours", Type.OUT_OF_HOURS, null, null, null, at);
        }
        lockAssignment();
        Optional<Librarian> librarian = handover.outOfHours ? Optional.empty() : freeLibrarian();
        if (librarian.isPresent()) {
            assign(handover, librarian.get(), conversation);
        } else {
            event(handover, "queued-1", Type.QUEUED, null, null, null, at);
            handover.queueNoticeAt = Instant.now();
            notify(conversation, handover, "notice-queued-1", queuedText(conversation, handover, schedule));
        }
        return handover;
    }

    /**
     * A patron message while a handover is open: it is in the transcript for the librarian; the bot stays silent,
     * except that a waiting patron is reminded of their place now and then, and "batal" leaves the queue.
     */
    public void patronWrote(Conversation conversation, PatronMessage message, boolean cancel) {
        Handover handover = Handover.locked(conversation.activeHandoverId).orElse(null);
        if (handover == null || !handover.isOpen()) {
            conversation.activeHandoverId = null;
            return;
        }
        Instant now = Instant.now();
        handover.lastActivityAt = now;
        if (!Handover.QUEUED.equals(handover.status)) {
            return;
        }
        if (cancel) {
            closeHandover(handover, conversation, null, Reasons.PATRON_CANCELLED);
            notify(conversation, handover, "notice-cancelled", en(conversation)
                    ? "All right, your request to talk with a librarian is cancelled. Type *menu* for our other services."
                    : "Baik, permintaan Anda untuk berbicara dengan pustakawan dibatalkan. Ketik *menu* untuk layanan lainnya.");
            return;
        }
        if (handover.queueNoticeAt == null || handover.queueNoticeAt.plus(QUEUE_REMINDER_EVERY).isBefore(now)) {
            handover.queueNoticeAt = now;
            ServiceHours.Schedule schedule = hours.schedule();
            String when = schedule.isOpen(now) ? null
                    : schedule.nextOpening(now).map(o -> ServiceHours.describe(o, now, conversation.language)).orElse(null);
            long position = handover.queuePosition();
            String body = en(conversation)
                    ? "Your message has been passed on to the librarians. 🙏 You are number " + position + " in the queue"
                            + (when == null ? "." : "; librarians are back " + when + ".") + " Type *cancel* to leave the queue."
                    : "Pesan Anda sudah kami teruskan ke pustakawan. 🙏 Anda di antrean nomor " + position
                            + (when == null ? "." : "; layanan pustakawan buka lagi " + when + ".")
                            + " Ketik *batal* bila tidak jadi.";
            notify(conversation, handover, "notice-reminder-" + message.id(), body);
        }
    }

    /** The patron's rating (1–5) of the handover closed last; recorded once. */
    public void rate(Conversation conversation, PatronMessage message, int rating) {
        UUID handoverId = conversation.ratingHandoverId;
        conversation.ratingHandoverId = null;
        Handover handover = Handover.locked(handoverId).orElse(null);
        if (handover == null || handover.rating != null) {
            return;
        }
        Instant at = message.sentAt() != null ? message.sentAt() : Instant.now();
        handover.rating = rating;
        handover.ratedAt = at;
        event(handover, "csat", Type.CSAT_RATED, handover.librarian, null, rating, at);
        outbox.send(OutboundMessage.text(ConversationFlow.replyId(message), conversation.waId, en(conversation)
                ? "Thank you for your rating! ⭐ It helps us improve our service."
                : "Terima kasih atas penilaian Anda! ⭐ Masukan Anda membantu kami memperbaiki layanan.",
                OutboundMessage.Origin.ROUTING, conversation.id, message.id()));
    }

    // ---------------------------------------------------------------- assignment

    /** Assigns waiting handovers, oldest first, while service hours are on and an online librarian has room. */
    @Transactional
    public int assignWaiting() {
        lockAssignment();
        if (!hours.isOpen(Instant.now())) {
            return 0;
        }
        int assigned = 0;
        for (Handover handover : Handover.waiting()) {
            Optional<Librarian> librarian = freeLibrarian();
            if (librarian.isEmpty()) {
                break;
            }
            assign(handover, librarian.get(), conversationOf(handover));
            assigned++;
        }
        return assigned;
    }

    /** Every minute: the waiting backlog at opening time, and handovers idle for longer than the timeout. */
    @Scheduled(every = "${routing.handover.check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void housekeeping() {
        try {
            assignWaiting();
            closeIdle();
            forgetOrphanStatuses();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Handover housekeeping failed; it runs again in a minute");
        }
    }

    /** Statuses of messages no conversation knows (e.g. sent by another system on the same number) are kept 2 days. */
    @Transactional
    void forgetOrphanStatuses() {
        em.createNativeQuery("DELETE FROM early_delivery_status WHERE at < now() - interval '2 days'").executeUpdate();
    }

    @Transactional
    public int closeIdle() {
        Instant cutoff = Instant.now().minus(idleTimeout);
        List<Handover> idle = Handover.list("status = ?1 AND lastActivityAt < ?2", Handover.ASSIGNED, cutoff);
        for (Handover stale : idle) {
            Handover handover = Handover.locked(stale.id).orElseThrow();
            if (!Handover.ASSIGNED.equals(handover.status) || !handover.lastActivityAt.isBefore(cutoff)) {
                continue;
            }
            Conversation conversation = conversationOf(handover);
            boolean served = handover.firstReplyAt != null;
            closeHandover(handover, conversation, handover.librarian, Reasons.IDLE_TIMEOUT);
            long hoursIdle = Math.max(1, idleTimeout.toHours());
            String body = en(conversation)
                    ? "We have closed your conversation with the librarian after " + hoursIdle + " hour(s) without "
                            + "messages. If you still need help, type *librarian* any time."
                    : "Percakapan dengan pustakawan kami tutup karena tidak ada pesan selama " + hoursIdle
                            + " jam. Bila masih perlu bantuan, ketik *pustakawan* kapan saja.";
            if (served) {
                askForRating(conversation, handover, body);
            } else {
                notify(conversation, handover, "notice-closed", body);
            }
        }
        return idle.size();
    }

    private void assign(Handover handover, Librarian librarian, Conversation conversation) {
        Instant now = Instant.now();
        handover.status = Handover.ASSIGNED;
        handover.librarian = librarian.username;
        handover.assignedAt = now;
        handover.assignments++;
        librarian.lastAssignedAt = now;
        event(handover, "assigned-" + handover.assignments, Type.ASSIGNED, librarian.username, null, null, now);
        String body;
        if (handover.assignments > 1) { // transferred, or taken up again after the queue
            body = en(conversation)
                    ? "Your conversation is now with librarian *" + librarian.displayName + "*, who will continue helping you."
                    : "Percakapan Anda kini dilanjutkan oleh pustakawan *" + librarian.displayName + "*.";
        } else {
            body = en(conversation)
                    ? "You are now connected with librarian *" + librarian.displayName + "*. 👩‍💼 Please go ahead: the "
                            + "next replies come from the librarian."
                    : "Anda sekarang terhubung dengan pustakawan *" + librarian.displayName + "*. 👩‍💼 Silakan sampaikan "
                            + "pertanyaan Anda; balasan berikutnya langsung dari pustakawan.";
        }
        notify(conversation, handover, "notice-assigned-" + handover.assignments, body);
        LOG.infof("Handover %s assigned to %s", handover.id, librarian.username);
    }

    /** The online librarian with room and the fewest open conversations; among equals the one assigned longest ago. */
    private Optional<Librarian> freeLibrarian() {
        @SuppressWarnings("unchecked")
        List<String> usernames = em.createNativeQuery("""
                SELECT l.username FROM librarian l
                LEFT JOIN handover h ON h.librarian = l.username AND h.status = 'assigned'
                WHERE l.status = 'online'
                GROUP BY l.username
                HAVING count(h.id) < l.capacity
                ORDER BY count(h.id), l.last_assigned_at NULLS FIRST, l.username
                LIMIT 1""").getResultList();
        return usernames.stream().findFirst().flatMap(Librarian::byUsername);
    }

    private void lockAssignment() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, ASSIGNMENT_LOCK).getSingleResult();
    }

    // ---------------------------------------------------------------- the librarian's side

    /** A librarian changes status; going offline returns their conversations to the queue. */
    @Transactional
    public Librarian setStatus(String username, String status) {
        Librarian librarian = Librarian.account(username);
        if (!librarian.status.equals(status)) {
            librarian.status = status;
            librarian.statusChangedAt = Instant.now();
        }
        if (Librarian.OFFLINE.equals(status)) {
            lockAssignment();
            for (Handover handover : Handover.<Handover>list("status = ?1 AND librarian = ?2 ORDER BY requestedAt",
                    Handover.ASSIGNED, username)) {
                requeue(handover, librarian);
            }
        }
        em.flush();
        assignWaiting();
        return librarian;
    }

    private void requeue(Handover handover, Librarian previous) {
        Conversation conversation = conversationOf(handover);
        handover.status = Handover.QUEUED;
        handover.librarian = null;
        handover.queuedTimes++;
        em.flush();
        event(handover, "queued-" + handover.queuedTimes, Type.QUEUED, previous.username, null, null, Instant.now());
        long position = handover.queuePosition();
        notify(conversation, handover, "notice-queued-" + handover.queuedTimes, en(conversation)
                ? "Sorry, librarian *" + previous.displayName + "* is no longer available. You are back in the queue "
                        + "(number " + position + "); another librarian will continue shortly."
                : "Mohon maaf, pustakawan *" + previous.displayName + "* sedang tidak tersedia. Anda kembali ke antrean "
                        + "(nomor " + position + "); pustakawan lain akan segera melanjutkan.");
    }

    /** A librarian takes a waiting conversation (also outside service hours). */
    @Transactional
    public Handover claim(UUID id, String username) {
        Handover handover = Handover.locked(id).orElseThrow(() -> Problem.notFound("No handover " + id + "."));
        if (!Handover.QUEUED.equals(handover.status)) {
            throw Problem.conflict(Handover.ASSIGNED.equals(handover.status)
                    ? "This conversation is already handled by " + handover.librarian + "."
                    : "This conversation is closed.");
        }
        lockAssignment();
        assign(handover, Librarian.account(username), conversationOf(handover));
        return handover;
    }

    /** Hands a conversation to another librarian (who must exist; they may be away or at capacity). */
    @Transactional
    public Handover transfer(UUID id, String username, String to) {
        Handover handover = mine(id, username);
        Librarian target = Librarian.byUsername(to)
                .orElseThrow(() -> Problem.conflict("There is no librarian " + to + "."));
        if (target.username.equals(handover.librarian)) {
            throw Problem.conflict("The conversation is already with " + to + ".");
        }
        if (Librarian.OFFLINE.equals(target.status)) {
            throw Problem.conflict(target.displayName + " is offline; transfer to a librarian who is online or away.");
        }
        lockAssignment();
        assign(handover, target, conversationOf(handover));
        return handover;
    }

    /** What happened to a librarian's reply. */
    public record Sent(UUID commandId, String sentAs, String detail) {
    }

    /**
     * Sends a librarian's reply to the patron. More than 24 hours after the patron's last message WhatsApp refuses
     * free-form text: then the configured re-opening template is sent instead (the reply itself is not), or, with
     * no template configured, the reply is refused.
     */
    @Transactional
    public Sent reply(UUID id, String username, String text, UUID commandId, Optional<String> template,
            String templateLanguage) {
        Handover handover = mine(id, username);
        Conversation conversation = conversationOf(handover);
        Optional<Sent> instead = windowClosed(handover, conversation, username, commandId, template, templateLanguage,
                "reply");
        if (instead.isPresent()) {
            return instead.get();
        }
        Instant now = Instant.now();
        TranscriptEntry entry = TranscriptEntry.findById(commandId);
        if (entry != null && handover.id.equals(entry.handoverId) && username.equals(entry.librarian)) {
            // The same reply again (a retried request, a double click): the handover's lock made this attempt wait
            // for the first one, which sent it. One reply, not two commands.
            return new Sent(commandId, "text", "Sent to the patron.");
        }
        if (entry == null) {
            entry = new TranscriptEntry();
            entry.id = commandId;
            entry.conversationId = conversation.id;
            entry.waId = conversation.waId;
            entry.at = now;
            entry.author = TranscriptEntry.LIBRARIAN;
            entry.kind = "text";
            entry.body = text;
            entry.persist();
        }
        entry.handoverId = handover.id;
        entry.librarian = username;
        em.flush(); // the transcript line exists before the message does: the read-back finds it, never races it
        outbox.send(OutboundMessage.text(commandId, conversation.waId, text, OutboundMessage.Origin.LIBRARIAN,
                conversation.id, handover.id));
        librarianSent(handover, username, commandId, now);
        return new Sent(commandId, "text", "Sent to the patron.");
    }

    /**
     * More than 24 hours after the patron's last message WhatsApp refuses free-form messages: then the configured
     * re-opening template is sent instead of the librarian's message ({@code what}: reply, file), or, with no
     * template configured, the message is refused (409). Empty while the window is open.
     */
    Optional<Sent> windowClosed(Handover handover, Conversation conversation, String username, UUID commandId,
            Optional<String> template, String templateLanguage, String what) {
        Instant now = Instant.now();
        if (windowOpen(conversation, now)) {
            return Optional.empty();
        }
        if (template.isEmpty()) {
            throw Problem.conflict("The patron's last message was more than 24 hours ago (" + conversation.lastInboundAt
                    + "); WhatsApp only allows a template message now, and no re-opening template is configured "
                    + "(routing.handover.reopen-template). The " + what + " was not sent.");
        }
        Librarian librarian = Librarian.account(username);
        UUID templateCommand = EventIds.derive(commandId, "reopen-template");
        String sentDetail = "The patron's last message was more than 24 hours ago, so the re-opening template '"
                + template.get() + "' was sent instead of your " + what + ". Send your " + what
                + " again once the patron answers.";
        if (TranscriptEntry.findById(templateCommand) != null) {
            return Optional.of(new Sent(templateCommand, "template", sentDetail)); // asked again: sent already
        }
        TranscriptEntry line = new TranscriptEntry();
        line.id = templateCommand;
        line.conversationId = conversation.id;
        line.waId = conversation.waId;
        line.handoverId = handover.id;
        line.at = now;
        line.author = TranscriptEntry.LIBRARIAN;
        line.librarian = username;
        line.kind = "template";
        line.body = "template " + template.get() + " (" + templateLanguage + ")";
        line.persist();
        em.flush();
        outbox.send(new OutboundMessage(templateCommand, conversation.waId, OutboundMessage.Kind.TEMPLATE, null, null,
                null, new OutboundMessage.Template(template.get(), templateLanguage, List.of(librarian.displayName)),
                null, OutboundMessage.Origin.LIBRARIAN, conversation.id, handover.id, null));
        handover.lastActivityAt = now;
        return Optional.of(new Sent(templateCommand, "template", sentDetail));
    }

    /** A librarian's message went to the patron: the first reply and the activity are noted, and the event recorded. */
    void librarianSent(Handover handover, String username, UUID commandId, Instant now) {
        if (handover.firstReplyAt == null) {
            handover.firstReplyAt = now;
        }
        handover.lastActivityAt = now;
        event(handover, EventIds.derive(commandId, "librarian-replied"), Type.LIBRARIAN_REPLIED, username, null, null,
                now);
    }

    /** An internal note: in the transcript for librarians, never sent to the patron. */
    @Transactional
    public TranscriptEntry note(UUID id, String username, String text) {
        Handover handover = Handover.<Handover>findByIdOptional(id)
                .orElseThrow(() -> Problem.notFound("No handover " + id + "."));
        TranscriptEntry note = new TranscriptEntry();
        note.id = UUID.randomUUID();
        note.conversationId = handover.conversationId;
        note.waId = handover.waId;
        note.handoverId = handover.id;
        note.at = Instant.now();
        note.author = TranscriptEntry.NOTE;
        note.librarian = username;
        note.kind = "note";
        note.body = text;
        note.persist();
        return note;
    }

    /** The librarian closes the conversation; the patron is asked for a rating. */
    @Transactional
    public Handover close(UUID id, String username) {
        Handover handover = mine(id, username);
        Conversation conversation = conversationOf(handover);
        closeHandover(handover, conversation, username, Reasons.CLOSED_BY_LIBRARIAN);
        askForRating(conversation, handover, en(conversation)
                ? "Your conversation with the librarian has ended. Thank you for contacting the library! 🙏 "
                        + "How would you rate our service?"
                : "Percakapan dengan pustakawan telah selesai. Terima kasih telah menghubungi Perpustakaan! 🙏 "
                        + "Bagaimana penilaian Anda atas layanan kami?");
        em.flush();
        assignWaiting();
        return handover;
    }

    private void closeHandover(Handover handover, Conversation conversation, String librarian, String reason) {
        Instant now = Instant.now();
        handover.status = Handover.CLOSED;
        handover.closedAt = now;
        handover.closedBy = librarian;
        handover.closeReason = reason;
        conversation.activeHandoverId = null;
        event(handover, "closed", Type.CLOSED, librarian, reason, null, now);
    }

    private void askForRating(Conversation conversation, Handover handover, String body) {
        boolean en = en(conversation);
        conversation.ratingHandoverId = handover.id;
        if (!windowOpen(conversation, Instant.now())) {
            return;
        }
        List<OutboundMessage.Row> rows = List.of(
                new OutboundMessage.Row("csat:5", en ? "5 - Very satisfied" : "5 - Sangat puas", null),
                new OutboundMessage.Row("csat:4", en ? "4 - Satisfied" : "4 - Puas", null),
                new OutboundMessage.Row("csat:3", en ? "3 - Neutral" : "3 - Cukup", null),
                new OutboundMessage.Row("csat:2", en ? "2 - Dissatisfied" : "2 - Kurang puas", null),
                new OutboundMessage.Row("csat:1", en ? "1 - Very dissatisfied" : "1 - Tidak puas", null));
        outbox.send(OutboundMessage.list(EventIds.derive(handover.id, "rating-request"), conversation.waId, body,
                new OutboundMessage.ListMenu(null, en ? "Reply with a number from 1 to 5" : "Atau balas dengan angka 1-5",
                        en ? "Rate" : "Beri nilai",
                        List.of(new OutboundMessage.Section(en ? "Your rating" : "Penilaian Anda", rows))),
                OutboundMessage.Origin.ROUTING, conversation.id, handover.id));
    }

    /** The handover, if it is assigned to this librarian; otherwise a 404 or 409 problem saying why not. */
    Handover mine(UUID id, String username) {
        Handover handover = Handover.locked(id).orElseThrow(() -> Problem.notFound("No handover " + id + "."));
        if (!Handover.ASSIGNED.equals(handover.status)) {
            throw Problem.conflict(Handover.QUEUED.equals(handover.status)
                    ? "This conversation is waiting in the queue; claim it first."
                    : "This conversation is closed.");
        }
        if (!username.equals(handover.librarian)) {
            throw Problem.conflict("This conversation is handled by " + handover.librarian + ", not by you.");
        }
        return handover;
    }

    // ---------------------------------------------------------------- helpers

    public static boolean windowOpen(Conversation conversation, Instant now) {
        return conversation.lastInboundAt != null
                && conversation.lastInboundAt.plus(CUSTOMER_SERVICE_WINDOW).isAfter(now);
    }

    private String queuedText(Conversation conversation, Handover handover, ServiceHours.Schedule schedule) {
        Instant now = Instant.now();
        long position = handover.queuePosition();
        boolean en = en(conversation);
        if (handover.outOfHours) {
            Optional<ZonedDateTime> opening = schedule.nextOpening(now);
            String when = opening.map(o -> ServiceHours.describe(o, now, conversation.language)).orElse(null);
            return en
                    ? "Librarians are not on duty right now. 🙏 Your request is saved (number " + position + " in the queue)"
                            + (when == null ? "" : " and a librarian will answer from " + when) + ". You can type your "
                            + "question now so it is ready for them. Type *cancel* if you no longer need it."
                    : "Saat ini di luar jam layanan pustakawan. 🙏 Permintaan Anda sudah kami catat (antrean nomor "
                            + position + ")" + (when == null ? "" : " dan akan dijawab mulai " + when) + ". Silakan "
                            + "tuliskan pertanyaan Anda sekarang agar bisa langsung dibaca pustakawan. Ketik *batal* bila "
                            + "tidak jadi.";
        }
        return en
                ? "Sure, we will connect you with a librarian. 🙋 You are number " + position + " in the queue; a "
                        + "librarian will reply in this chat. You can type your question while you wait. Type *cancel* "
                        + "if you no longer need it."
                : "Baik, Anda akan kami hubungkan dengan pustakawan. 🙋 Anda di antrean nomor " + position + "; "
                        + "pustakawan akan membalas di chat ini. Silakan tuliskan pertanyaan Anda sambil menunggu. Ketik "
                        + "*batal* bila tidak jadi.";
    }

    private void notify(Conversation conversation, Handover handover, String purpose, String body) {
        if (!windowOpen(conversation, Instant.now())) {
            LOG.debugf("No notice %s to %s: outside the 24-hour window", purpose, handover.id);
            return;
        }
        outbox.send(OutboundMessage.text(EventIds.derive(handover.id, purpose), conversation.waId, body,
                OutboundMessage.Origin.ROUTING, conversation.id, handover.id));
    }

    private void event(Handover handover, String purpose, Type type, String librarian, String reason, Integer rating,
            Instant at) {
        event(handover, EventIds.derive(handover.id, purpose), type, librarian, reason, rating, at);
    }

    private void event(Handover handover, UUID id, Type type, String librarian, String reason,
            Integer rating, Instant at) {
        outbox.record(new ConversationEvent(id, handover.waId, handover.conversationId, type, null, null, handover.id,
                librarian, reason, rating, at));
    }

    private static Conversation conversationOf(Handover handover) {
        return Conversation.findById(handover.conversationId);
    }

    private static boolean en(Conversation conversation) {
        return "en".equals(conversation.language);
    }

    /** The command id of a librarian's reply: from the client's Idempotency-Key when given, so a retry is one reply. */
    public static UUID replyCommandId(UUID handoverId, String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("reply:" + handoverId + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}
