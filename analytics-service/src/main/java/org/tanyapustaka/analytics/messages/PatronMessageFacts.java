package org.tanyapustaka.analytics.messages;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tanyapustaka.analytics.figures.FactStore;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.patron.PatronActivity;
import org.tanyapustaka.analytics.patron.PatronPseudonym;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;

/** Turns each patron message into a fact, once, however often Kafka delivers it, at the time the patron sent it. */
@ApplicationScoped
public class PatronMessageFacts {

    @Inject
    FactStore store;

    @Inject
    PatronPseudonym pseudonym;

    @Incoming(Topics.WHATSAPP_INBOUND)
    @Blocking
    public void onMessage(PatronMessage message) {
        store.untilStored("patron message " + (message == null ? null : message.id()), () -> record(message));
    }

    /** One attempt, in one transaction: a database restart rolls it back and the attempt is repeated whole. */
    @Transactional
    void record(PatronMessage message) {
        if (message == null || message.id() == null || message.waId() == null) {
            throw new IllegalArgumentException("A patron message without id or waId");
        }
        Instant at = message.sentAt() != null ? message.sentAt() : message.receivedAt();
        if (at == null) {
            throw new IllegalArgumentException("Patron message " + message.id() + " has neither sentAt nor receivedAt");
        }
        boolean first = InboundMessageFact.record(message.id(), pseudonym.of(message.waId()),
                message.type() == null ? "unsupported" : message.type().name().toLowerCase(Locale.ROOT),
                at, message.receivedAt());
        if (first) {
            Facts.count("message_in", "", at, 1);
            PatronActivity.wrote(pseudonym.keyOf(message.waId()), at);
        }
    }
}
