package org.tanyapustaka.routing.privacy;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.routing.conversation.Conversation;
import org.tanyapustaka.routing.conversation.ConversationFlow;
import org.tanyapustaka.routing.conversation.Outbox;
import org.tanyapustaka.routing.intent.IntentClassifier;
import org.tanyapustaka.routing.intent.ShortReplies;

/**
 * The patron's own request to erase their data: "hapus data saya" (or "delete my data") is answered with what
 * erasing means and a confirmation button; the button starts the same erasure an administrator starts
 * (patron.erasure, its id derived from the confirming message, so a redelivered confirmation asks once). Whatever
 * else is going on in the conversation, a handover included.
 */
@ApplicationScoped
public class ErasureRequests {

    /** Reply button ids. */
    public static final String CONFIRM = "erase:confirm";
    public static final String CANCEL = "erase:cancel";

    @Inject
    IntentClassifier classifier;

    @Inject
    Outbox outbox;

    /** Answers the message if it is about erasing the patron's data; false if it is not. */
    public boolean handle(PatronMessage message, Conversation conversation) {
        if (CONFIRM.equals(message.replyId())) {
            // The conversation's row is written (and locked) before the erasure is on the broker: routing's own
            // erasure waits for this transaction, and then deletes the confirmation too.
            Panache.getEntityManager().flush();
            // Not attached to the conversation, which is being erased: the transcript keeps no line of it.
            outbox.send(OutboundMessage.text(ConversationFlow.replyId(message), message.waId(),
                    ErasureReplies.erasing(conversation.language), OutboundMessage.Origin.ROUTING, null, message.id()));
            outbox.erase(new PatronErasure(EventIds.derive(message.id(), "erasure"), message.waId(),
                    PatronErasure.Origin.PATRON, message.waId(),
                    message.sentAt() != null ? message.sentAt() : Instant.now()));
            return true;
        }
        if (CANCEL.equals(message.replyId())) {
            outbox.send(OutboundMessage.text(ConversationFlow.replyId(message), message.waId(),
                    ErasureReplies.kept(conversation.language), OutboundMessage.Origin.ROUTING, conversation.id,
                    message.id()));
            return true;
        }
        if (message.text() == null || !classifier.shortReplies().means(message.text(), ShortReplies.Meaning.ERASE)) {
            return false;
        }
        conversation.language = classifier.classify(message.text(), false, conversation.language).language();
        String language = conversation.language;
        outbox.send(new OutboundMessage(ConversationFlow.replyId(message), message.waId(),
                OutboundMessage.Kind.BUTTONS, ErasureReplies.confirm(language),
                List.of(new OutboundMessage.Button(CONFIRM, ErasureReplies.confirmButton(language)),
                        new OutboundMessage.Button(CANCEL, ErasureReplies.cancelButton(language))),
                null, null, null, OutboundMessage.Origin.ROUTING, conversation.id, message.id(), null));
        return true;
    }
}
