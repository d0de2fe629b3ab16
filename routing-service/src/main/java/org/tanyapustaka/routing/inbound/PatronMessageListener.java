package org.tanyapustaka.routing.inbound;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** "5", "4 bintang", "3 stars", "⭐⭐⭐⭐" — or the row of the rating list. */
    private static final Pattern RATING = Pattern.compile("^([1-5])\\s*(/\\s*5)?\\s*(bintang|stars?|⭐+)?[.!]*$");
    private static final Pattern STARS = Pattern.compile("^(⭐){1,5}$");
    private static final Pattern CANCEL = Pattern.compile("^(batal|batalkan|ga jadi|gak jadi|tidak jadi|nggak jadi|"
            + "cancel|never ?mind)[.!]*$");

    @Inject
    ConversationFlow flow;

    @Inject
    Outbox outbox;

    @Inject
    PatronHandovers handovers;

    @Inject
    Transcript transcript;

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
        String lower = message.text() == null ? "" : message.text().strip().toLowerCase(Locale.ROOT);

        if (conversation.activeHandoverId != null) {
            handovers.patronWrote(conversation, message, CANCEL.matcher(lower).matches());
            if (conversation.activeHandoverId != null) {
                return; // the librarian answers (or will); the bot stays silent
            }
            if (CANCEL.matcher(lower).matches()) {
                return;
            }
        }
        if (conversation.ratingHandoverId != null) {
            Integer rating = rating(message, lower);
            if (rating != null) {
                handovers.rate(conversation, message, rating);
                classified(message, conversation, Intent.CSAT_RATING);
                return;
            }
            conversation.ratingHandoverId = null; // any other reply is a new message
        }

        ConversationFlow.Turn turn = flow.next(message, conversation);
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

    static Integer rating(PatronMessage message, String lower) {
        if (message.replyId() != null && message.replyId().startsWith("csat:")) {
            try {
                int value = Integer.parseInt(message.replyId().substring(5));
                return value >= 1 && value <= 5 ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Matcher number = RATING.matcher(lower);
        if (number.matches()) {
            return Integer.parseInt(number.group(1));
        }
        Matcher stars = STARS.matcher(lower.replace("\uFE0F", ""));
        if (stars.matches()) {
            return lower.replace("\uFE0F", "").length() / "⭐".length();
        }
        return null;
    }
}
