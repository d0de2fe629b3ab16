package org.tanyapustaka.routing.conversation;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;

/**
 * Handles each patron message once: records it in the patron's conversation and answers it. The reply command
 * has a deterministic id and is acknowledged by Kafka before the transaction that marks the message handled
 * commits, so a crash in between repeats the same command (which the gateway sends at most once), never a new one.
 */
@ApplicationScoped
public class PatronMessageListener {

    private static final Logger LOG = Logger.getLogger(PatronMessageListener.class);

    /** The emitter's channel must not share its name with an incoming channel (SmallRye would wire it in memory). */
    public static final String OUTBOUND_CHANNEL = "whatsapp-outbound";

    @Inject
    @Channel(OUTBOUND_CHANNEL)
    MutinyEmitter<OutboundMessage> outbound;

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
        conversation.language = Reply.languageOf(message.text(), conversation.language);

        OutboundMessage reply = OutboundMessage.list(EventIds.derive(message.id(), "reply"), message.waId(),
                Reply.bodyFor(message, conversation.language), ServiceMenu.in(conversation.language),
                OutboundMessage.Origin.ROUTING, conversation.id, message.id());
        outbound.sendMessageAndAwait(Message.of(reply)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(reply.waId()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(reply.commandId().toString()).build()));
    }
}
