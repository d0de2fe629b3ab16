package org.tanyapustaka.analytics.conversation;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tanyapustaka.analytics.figures.FactStore;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.handover.HandoverFact;
import org.tanyapustaka.events.ConversationEvent;
import org.tanyapustaka.events.Topics;

/**
 * Intents and handovers from {@code conversation.events}, each event once, placed at its own time ({@code at}):
 * intents into the hourly rollup, handover events merged into one row per handover.
 */
@ApplicationScoped
public class ConversationEventFacts {

    @Inject
    FactStore store;

    @Incoming(Topics.CONVERSATION_EVENTS)
    @Blocking
    public void onEvent(ConversationEvent event) {
        store.untilStored("conversation event " + (event == null ? null : event.id()), () -> record(event));
    }

    /** One attempt, in one transaction: a database restart rolls it back and the attempt is repeated whole. */
    @Transactional
    void record(ConversationEvent event) {
        if (event == null || event.id() == null || event.type() == null || event.at() == null) {
            throw new IllegalArgumentException("A conversation event without id, type or time");
        }
        if (event.type() != ConversationEvent.Type.INTENT_CLASSIFIED && event.handoverId() == null) {
            throw new IllegalArgumentException("Conversation event " + event.id() + " (" + event.type()
                    + ") has no handoverId");
        }
        if (!Facts.firstTime(event.id())) {
            return;
        }
        switch (event.type()) {
            case INTENT_CLASSIFIED:
                Facts.count("intent", event.intent() == null ? "other" : event.intent(), event.at(), 1);
                break;
            case HANDOVER_REQUESTED:
                HandoverFact.requested(event.handoverId(), event.at(), event.reason());
                break;
            case OUT_OF_HOURS:
                HandoverFact.outOfHours(event.handoverId());
                break;
            case QUEUED:
                HandoverFact.queued(event.handoverId());
                break;
            case ASSIGNED:
                HandoverFact.assigned(event.handoverId(), event.at(), event.librarian());
                break;
            case LIBRARIAN_REPLIED:
                HandoverFact.replied(event.handoverId(), event.at());
                break;
            case CLOSED:
                HandoverFact.closed(event.handoverId(), event.at(), event.librarian(), event.reason());
                break;
            case CSAT_RATED:
                if (event.rating() == null || event.rating() < 1 || event.rating() > 5) {
                    throw new IllegalArgumentException("Rating " + event.rating() + " of handover " + event.handoverId()
                            + " is not 1-5");
                }
                HandoverFact.rated(event.handoverId(), event.at(), event.rating());
                break;
            default:
                throw new IllegalArgumentException("Unknown conversation event type " + event.type());
        }
    }
}
