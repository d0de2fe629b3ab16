package org.tanyapustaka.routing.conversation;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.CatalogQuery;
import org.tanyapustaka.events.ConversationEvent;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;

/**
 * Handles each patron message once: records it in the patron's conversation and acts on it. The commands have
 * deterministic ids and are acknowledged by Kafka before the transaction that marks the message handled commits,
 * so a crash in between repeats the same commands (which the gateway sends at most once), never new ones.
 */
@ApplicationScoped
public class PatronMessageListener {

    private static final Logger LOG = Logger.getLogger(PatronMessageListener.class);

    /** The emitter's channel must not share its name with an incoming channel (SmallRye would wire it in memory). */
    public static final String OUTBOUND_CHANNEL = "whatsapp-outbound";

    @Inject
    ConversationFlow flow;

    @Inject
    @Channel(OUTBOUND_CHANNEL)
    MutinyEmitter<OutboundMessage> outbound;

    @Inject
    @Channel(Topics.CATALOG_QUERIES)
    MutinyEmitter<CatalogQuery> catalogQueries;

    @Inject
    @Channel(Topics.CONVERSATION_EVENTS)
    MutinyEmitter<ConversationEvent> events;

    @Incoming(Topics.WHATSAPP_INBOUND)
    @Transactional
    public void onMessage(PatronMessage message) {
        if (!ProcessedMessage.markHandled(message.id(), Topics.WHATSAPP_INBOUND)) {
            LOG.debugf("Message %s was handled before", message.wamid());
            return;
        }
        Conversation conversation = Conversation.openFor(message.waId());
        conversation.messagesIn++;
        conversation.lastInboundAt = message.sentAt() != null ? message.sentAt() : Instant.now();
        if (message.profileName() != null) {
            conversation.profileName = message.profileName();
        }
        ConversationFlow.Turn turn = flow.next(message, conversation);
        for (OutboundMessage reply : turn.replies()) {
            outbound.sendMessageAndAwait(keyed(reply, reply.waId(), reply.commandId()));
        }
        if (turn.catalogQuery() != null) {
            catalogQueries.sendMessageAndAwait(keyed(turn.catalogQuery(), message.waId(), turn.catalogQuery().id()));
        }
        ConversationEvent classified = new ConversationEvent(EventIds.derive(message.id(), "intent"), message.waId(),
                conversation.id, ConversationEvent.Type.INTENT_CLASSIFIED, turn.intent().wireName(), conversation.language, null,
                null, null, null,
                conversation.lastInboundAt);
        events.sendMessageAndAwait(keyed(classified, message.waId(), classified.id()));
        LOG.debugf("Message %s: %s (%.2f)", message.wamid(), turn.intent().wireName(), turn.confidence());
    }

    private static <T> Message<T> keyed(T payload, String waId, UUID id) {
        return Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(waId).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(id.toString()).build());
    }
}
