package org.tanyapustaka.routing.handover;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.ConversationEvent;
import org.tanyapustaka.events.ConversationEvent.Type;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.routing.conversation.Conversation;
import org.tanyapustaka.routing.conversation.Outbox;

/**
 * What every side of the handover desk records and sends: a {@code conversation.events} event per change of a
 * handover and a notice to the patron, each with a deterministic id; and the close, with the request for a rating.
 * Used by {@link PatronHandovers}, {@link LibrarianActions} and {@link HandoverQueue}.
 */
@ApplicationScoped
class HandoverLifecycle {

    private static final Logger LOG = Logger.getLogger(HandoverLifecycle.class);

    @Inject
    Outbox outbox;

    /** Closes the handover ({@code librarian}: who closed it, null for the patron) and records why. */
    void close(Handover handover, Conversation conversation, String librarian, String reason) {
        Instant now = Instant.now();
        handover.status = Handover.CLOSED;
        handover.closedAt = now;
        handover.closedBy = librarian;
        handover.closeReason = reason;
        conversation.activeHandoverId = null;
        event(handover, "closed", Type.CLOSED, librarian, reason, null, now);
    }

    /** Tells the patron the handover ended ({@code body}) with the rating list; the next message may be the rating. */
    void askForRating(Conversation conversation, Handover handover, String body) {
        conversation.ratingHandoverId = handover.id;
        if (!conversation.windowOpen(Instant.now())) {
            return;
        }
        outbox.send(OutboundMessage.list(EventIds.derive(handover.id, "rating-request"), conversation.waId, body,
                HandoverReplies.ratingList(conversation.language), OutboundMessage.Origin.ROUTING, conversation.id,
                handover.id));
    }

    /** A notice to the patron about their handover, once per {@code purpose}; none outside the 24-hour window. */
    void notify(Conversation conversation, Handover handover, String purpose, String body) {
        if (!conversation.windowOpen(Instant.now())) {
            LOG.debugf("No notice %s to %s: outside the 24-hour window", purpose, handover.id);
            return;
        }
        outbox.send(OutboundMessage.text(EventIds.derive(handover.id, purpose), conversation.waId, body,
                OutboundMessage.Origin.ROUTING, conversation.id, handover.id));
    }

    void event(Handover handover, String purpose, Type type, String librarian, String reason, Integer rating,
            Instant at) {
        event(handover, EventIds.derive(handover.id, purpose), type, librarian, reason, rating, at);
    }

    void event(Handover handover, UUID id, Type type, String librarian, String reason, Integer rating, Instant at) {
        outbox.record(new ConversationEvent(id, handover.waId, handover.conversationId, type, null, null, handover.id,
                librarian, reason, rating, at));
    }

    static Conversation conversationOf(Handover handover) {
        return Conversation.findById(handover.conversationId);
    }
}
