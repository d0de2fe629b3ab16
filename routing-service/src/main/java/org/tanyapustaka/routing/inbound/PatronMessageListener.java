package org.tanyapustaka.routing.inbound;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.OptionalInt;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.ConversationEvent;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Redelivery;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.routing.conversation.Conversation;
import org.tanyapustaka.routing.conversation.ConversationFlow;
import org.tanyapustaka.routing.conversation.Outbox;
import org.tanyapustaka.routing.handover.PatronHandovers;
import org.tanyapustaka.routing.handover.Transcript;
import org.tanyapustaka.routing.intent.Intent;
import org.tanyapustaka.routing.intent.IntentClassifier;
import org.tanyapustaka.routing.intent.ShortReplies;
import org.tanyapustaka.routing.privacy.ErasureRequests;

/**
 * Handles each patron message once: records it in the patron's conversation and transcript and acts on it. While a
 * handover is open the bot stays silent (the librarian reads the transcript); right after a close the message may be
 * the rating the bot asked for. The commands have deterministic ids and are acknowledged by Kafka before the
 * transaction that marks the message handled commits, so a crash in between repeats the same commands (which the
 * gateway sends at most once), never new ones.
 */
@ApplicationScoped
public class PatronMessageListener {

    private static final Logger LOG = Logger.getLogger(PatronMessageListener.class);

    @Inject
    ConversationFlow flow;

    @Inject
    IntentClassifier classifier;

    @Inject
    Outbox outbox;

    @Inject
    PatronHandovers handovers;

    @Inject
    Transcript transcript;

    @Inject
    CatalogueJudgements judgements;

    @Inject
    ErasureRequests erasureRequests;

    @Incoming(Topics.WHATSAPP_INBOUND)
    @Blocking
    public void onMessage(PatronMessage message) {
        Redelivery.untilStored(() -> handle(message), LOG::warn, "message " + message.wamid());
    }

    /** One attempt, in one transaction: a database restart rolls it back and the attempt is repeated whole. */
    @Transactional
    void handle(PatronMessage message) {
        if (!ProcessedMessage.markHandled(message.id(), Topics.WHATSAPP_INBOUND)) {
            LOG.debugf("Message %s was handled before", message.wamid());
            return;
        }
        Conversation conversation = Conversation.openFor(message.waId());
        conversation.messagesIn++;
        Instant sentAt = message.sentAt() != null ? message.sentAt() : Instant.now();
        if (conversation.lastInboundAt == null || sentAt.isAfter(conversation.lastInboundAt)) {
            conversation.lastInboundAt = sentAt;
        }
        if (message.profileName() != null) {
            conversation.profileName = message.profileName();
        }
        transcript.patronWrote(message, conversation);
        if (erasureRequests.handle(message, conversation)) {
            return; // "hapus data saya", or its confirmation: answered, whatever else is going on
        }
        if (conversation.activeHandoverId != null) {
            boolean cancel = classifier.shortReplies().means(message.text(), ShortReplies.Meaning.CANCEL);
            handovers.patronWrote(conversation, message, cancel);
            if (conversation.activeHandoverId != null || cancel) {
                return; // the librarian answers (or will), or the patron took the request back: the bot stays silent
            }
        }
        if (conversation.ratingHandoverId != null) {
            OptionalInt rating = classifier.ratingAnswer(message.text(), message.replyId());
            if (rating.isPresent()) {
                handovers.rate(conversation, message, rating.getAsInt());
                classified(message, conversation, Intent.CSAT_RATING);
                return;
            }
            conversation.ratingHandoverId = null; // any other reply is a new message
        }

        ConversationFlow.Turn turn = flow.next(message, conversation);
        if (turn.judge() != null) {
            // Not understood: the catalogue judges it first; the reply, and what it was read as, wait for that.
            judgements.ask(message, conversation, turn.judge(), turn.confidence());
            return;
        }
        act(message, conversation, turn);
    }

    /** Carries out a turn: its replies, catalogue question, what the message was read as, and a handover. */
    void act(PatronMessage message, Conversation conversation, ConversationFlow.Turn turn) {
        for (OutboundMessage reply : turn.replies()) {
            outbox.send(reply);
        }
        if (turn.catalogQuery() != null) {
            outbox.ask(turn.catalogQuery());
        }
        classified(message, conversation, turn.intent());
        if (turn.handover() != null) {
            handovers.open(message, conversation, turn.handover());
        }
        LOG.debugf("Message %s: %s (%.2f)", message.wamid(), turn.intent().wireName(), turn.confidence());
    }

    private void classified(PatronMessage message, Conversation conversation, Intent intent) {
        transcript.classified(message, intent.wireName());
        outbox.record(new ConversationEvent(EventIds.derive(message.id(), "intent"), message.waId(), conversation.id,
                ConversationEvent.Type.INTENT_CLASSIFIED, intent.wireName(), conversation.language, null, null, null,
                null, message.sentAt() != null ? message.sentAt() : Instant.now()));
    }
}
