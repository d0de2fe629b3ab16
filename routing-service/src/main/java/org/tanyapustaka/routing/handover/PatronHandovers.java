package org.tanyapustaka.routing.handover;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.tanyapustaka.events.ConversationEvent.Reasons;
import org.tanyapustaka.events.ConversationEvent.Type;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.routing.conversation.Conversation;
import org.tanyapustaka.routing.conversation.ConversationFlow;
import org.tanyapustaka.routing.conversation.Outbox;

/**
 * The patron's side of a handover: asking for a librarian (the handover opens, the patron hears where they stand and
 * is assigned at once if a librarian has room), writing while it is open, and rating it after the close.
 */
@ApplicationScoped
public class PatronHandovers {

    static final Duration QUEUE_REMINDER_EVERY = Duration.ofMinutes(10);

    @Inject
    HandoverQueue queue;

    @Inject
    HandoverLifecycle lifecycle;

    @Inject
    Outbox outbox;

    @Inject
    ServiceHours hours;

    @Inject
    EntityManager em;

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

        lifecycle.event(handover, "requested", Type.HANDOVER_REQUESTED, null, reason, null, at);
        if (handover.outOfHours) {
            lifecycle.event(handover, "out-of-hours", Type.OUT_OF_HOURS, null, null, null, at);
        }
        queue.lockAssignment();
        Optional<Librarian> librarian = handover.outOfHours ? Optional.empty() : queue.freeLibrarian();
        if (librarian.isPresent()) {
            queue.assign(handover, librarian.get(), conversation);
        } else {
            lifecycle.event(handover, "queued-1", Type.QUEUED, null, null, null, at);
            handover.queueNoticeAt = Instant.now();
            Instant now = Instant.now();
            String when = handover.outOfHours ? nextOpening(schedule, now, conversation) : null;
            lifecycle.notify(conversation, handover, "notice-queued-1", HandoverReplies.queued(handover.queuePosition(),
                    handover.outOfHours, when, conversation.language));
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
            lifecycle.close(handover, conversation, null, Reasons.PATRON_CANCELLED);
            lifecycle.notify(conversation, handover, "notice-cancelled", HandoverReplies.cancelled(conversation.language));
            return;
        }
        if (handover.queueNoticeAt == null || handover.queueNoticeAt.plus(QUEUE_REMINDER_EVERY).isBefore(now)) {
            handover.queueNoticeAt = now;
            ServiceHours.Schedule schedule = hours.schedule();
            String when = schedule.isOpen(now) ? null : nextOpening(schedule, now, conversation);
            lifecycle.notify(conversation, handover, "notice-reminder-" + message.id(),
                    HandoverReplies.stillQueued(handover.queuePosition(), when, conversation.language));
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
        lifecycle.event(handover, "csat", Type.CSAT_RATED, handover.librarian, null, rating, at);
        outbox.send(OutboundMessage.text(ConversationFlow.replyId(message), conversation.waId,
                HandoverReplies.thanksForRating(conversation.language), OutboundMessage.Origin.ROUTING, conversation.id,
                message.id()));
    }

    /** When librarians are back, in the patron's words; null if the schedule never opens. */
    private static String nextOpening(ServiceHours.Schedule schedule, Instant now, Conversation conversation) {
        return schedule.nextOpening(now).map(o -> HandoverReplies.opening(o, now, conversation.language)).orElse(null);
    }
}
