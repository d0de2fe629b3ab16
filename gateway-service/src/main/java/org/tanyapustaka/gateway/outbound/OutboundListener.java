package org.tanyapustaka.gateway.outbound;

import org.tanyapustaka.events.Redelivery;
import org.jboss.logging.Logger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.Topics;

/**
 * Takes each {@code whatsapp.outbound} command into the send queue, durably, before its offset is committed, and
 * hands it to the dispatcher. The consumer never waits for the Graph API: a slow WhatsApp slows nothing here.
 */
@ApplicationScoped
public class OutboundListener {

    private static final Logger LOG = Logger.getLogger(OutboundListener.class);

    @Inject
    SendDispatcher dispatcher;

    @Inject
    ObjectMapper json;

    @Incoming(Topics.WHATSAPP_OUTBOUND)
    @Blocking
    public void onCommand(OutboundMessage command) throws JsonProcessingException {
        if (command.commandId() == null || command.waId() == null || command.kind() == null) {
            throw new IllegalArgumentException("An outbound command needs commandId, waId and kind");
        }
        String stored = json.writeValueAsString(command);
        boolean[] isNew = new boolean[1];
        Redelivery.untilStored(() -> isNew[0] = QuarkusTransaction.requiringNew().call(
                () -> OutboundSend.enqueue(command.commandId(), command.waId(), command.kind().name(), stored)),
                LOG::warn,
                "command " + command.commandId());
        if (isNew[0]) {
            dispatcher.submit(command.waId(), command.commandId());
        }
    }
}
