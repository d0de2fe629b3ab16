package org.tanyapustaka.routing.handover;

import static org.tanyapustaka.routing.handover.HandoverLifecycle.conversationOf;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tanyapustaka.events.ConversationEvent.Reasons;
import org.tanyapustaka.events.ConversationEvent.Type;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.problem.ProblemException;
import org.tanyapustaka.routing.conversation.Conversation;
import org.tanyapustaka.routing.conversation.Outbox;

/**
 * What a librarian does with a conversation: claim it from the queue, reply (or, once WhatsApp's 24-hour window has
 * closed, send the re-opening template), transfer it, write an internal note, close it. The REST API
 * ({@link HandoverResource}) and the desk pages both act through here; files go through {@link LibrarianAttachments},
 * which uses the same checks.
 */
@ApplicationScoped
public class LibrarianActions {

    @Inject
    HandoverQueue queue;

    @Inject
    HandoverLifecycle lifecycle;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    /** A librarian takes a waiting conversation (also outside service hours). */
    @Transactional
    public Handover claim(UUID id, String username) {
        Handover handover = Handover.locked(id).orElseThrow(() -> ProblemException.notFound("No handover " + id + "."));
        if (!Handover.QUEUED.equals(handover.status)) {
            throw ProblemException.conflict(Handover.ASSIGNED.equals(handover.status)
                    ? "This conversation is already handled by " + handover.librarian + "."
                    : "This conversation is closed.");
        }
        queue.lockAssignment();
        queue.assign(handover, Librarian.account(username), conversationOf(handover));
        return handover;
    }

    /** Hands a conversation to another librarian (who must exist; they may be away or at capacity). */
    @Transactional
    public Handover transfer(UUID id, String username, String to) {
        Handover handover = mine(id, username);
        Librarian target = Librarian.byUsername(to)
                .orElseThrow(() -> ProblemException.conflict("There is no librarian " + to + "."));
        if (target.username.equals(handover.librarian)) {
            throw ProblemException.conflict("The conversation is already with " + to + ".");
        }
        if (Librarian.OFFLINE.equals(target.status)) {
            throw ProblemException.conflict(
                    target.displayName + " is offline; transfer to a librarian who is online or away.");
        }
        queue.lockAssignment();
        queue.assign(handover, target, conversationOf(handover));
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
            entry = TranscriptEntry.atDesk(commandId, handover, TranscriptEntry.LIBRARIAN, username, "text", text, now);
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
        if (conversation.windowOpen(now)) {
            return Optional.empty();
        }
        if (template.isEmpty()) {
            throw ProblemException.conflict("The patron's last message was more than 24 hours ago ("
                    + conversation.lastInboundAt
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
        TranscriptEntry.atDesk(templateCommand, handover, TranscriptEntry.LIBRARIAN, username, "template",
                "template " + template.get() + " (" + templateLanguage + ")", now).persist();
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
        lifecycle.event(handover, EventIds.derive(commandId, "librarian-replied"), Type.LIBRARIAN_REPLIED, username, null, null,
                now);
    }

    /** An internal note: in the transcript for librarians, never sent to the patron. */
    @Transactional
    public TranscriptEntry note(UUID id, String username, String text) {
        Handover handover = Handover.<Handover>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No handover " + id + "."));
        TranscriptEntry note = TranscriptEntry.atDesk(UUID.randomUUID(), handover, TranscriptEntry.NOTE, username, "note",
                text, Instant.now());
        note.persist();
        return note;
    }

    /** The librarian closes the conversation; the patron is asked for a rating. */
    @Transactional
    public Handover close(UUID id, String username) {
        Handover handover = mine(id, username);
        Conversation conversation = conversationOf(handover);
        lifecycle.close(handover, conversation, username, Reasons.CLOSED_BY_LIBRARIAN);
        lifecycle.askForRating(conversation, handover, HandoverReplies.closedByLibrarian(conversation.language));
        em.flush();
        queue.assignWaiting();
        return handover;
    }

    /** The handover, if it is assigned to this librarian; otherwise a 404 or 409 problem saying why not. */
    Handover mine(UUID id, String username) {
        Handover handover = Handover.locked(id).orElseThrow(() -> ProblemException.notFound("No handover " + id + "."));
        if (!Handover.ASSIGNED.equals(handover.status)) {
            throw ProblemException.conflict(Handover.QUEUED.equals(handover.status)
                    ? "This conversation is waiting in the queue; claim it first."
                    : "This conversation is closed.");
        }
        if (!username.equals(handover.librarian)) {
            throw ProblemException.conflict("This conversation is handled by " + handover.librarian + ", not by you.");
        }
        return handover;
    }

    /** The command id of a librarian's reply: from the client's Idempotency-Key when given, so a retry is one reply. */
    public static UUID replyCommandId(UUID handoverId, String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("reply:" + handoverId + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}
