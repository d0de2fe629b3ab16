package org.tanyapustaka.analytics.messages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tanyapustaka.analytics.patron.PatronPseudonym;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;

/** Turns each patron message into a fact, once, however often Kafka delivers it. */
@ApplicationScoped
public class PatronMessageFacts {

    @Inject
    PatronPseudonym pseudonym;

    @Incoming(Topics.WHATSAPP_INBOUND)
    @Transactional
    public void onMessage(PatronMessage message) {
        InboundMessageFact.record(message.id(), pseudonym.of(message.waId()),
                message.type() == null ? "unsupported" : message.type().name().toLowerCase(java.util.Locale.ROOT),
                message.sentAt() != null ? message.sentAt() : message.receivedAt(), message.receivedAt());
    }
}
