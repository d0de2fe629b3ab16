package org.tanyapustaka.gateway.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.SendResult;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.gateway.WhatsAppConfig;

/**
 * Sends each {@code whatsapp.outbound} command through the Graph API, at most once per commandId, and publishes
 * the outcome on {@code whatsapp.sent}.
 */
@ApplicationScoped
public class OutboundSender {

    private static final Logger LOG = Logger.getLogger(OutboundSender.class);

    /** Codes after which sending the same message again later may succeed (CLOUD-API.md). */
    static final Set<Integer> RETRYABLE = Set.of(130429, 131000, 131016, 2, 131056);

    @Inject
    WhatsAppConfig config;

    @Inject
    @RestClient
    GraphApiClient graph;

    @Inject
    @Channel(Topics.WHATSAPP_SENT)
    MutinyEmitter<SendResult> results;

    @Incoming(Topics.WHATSAPP_OUTBOUND)
    @Blocking
    public void send(OutboundMessage command) {
        boolean claimed = QuarkusTransaction.requiringNew().call(
                () -> OutboundSend.claim(command.commandId(), command.waId(), command.kind().name()));
        if (!claimed) {
            LOG.debugf("Command %s was sent before; not sending it again", command.commandId());
            return;
        }
        SendResult result = call(command);
        QuarkusTransaction.requiringNew().run(() -> record(command, result));
        results.sendMessageAndAwait(Message.of(result)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(command.waId()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(EventIds.derive(command.commandId(), "sent").toString()).build()));
    }

    private SendResult call(OutboundMessage command) {
        Instant now = Instant.now();
        try (Response response = callGraphApi(command)) {
            JsonNode body = response.hasEntity() ? response.readEntity(JsonNode.class) : null;
            if (response.getStatus() == 200) {
                String wamid = body == null ? null : body.path("messages").path(0).path("id").asText(null);
                return new SendResult(command.commandId(), command.waId(), wamid, null, 1, now);
            }
            JsonNode error = body == null ? null : body.path("error");
            int code = error == null ? response.getStatus() : error.path("code").asInt(response.getStatus());
            String title = error == null ? "HTTP " + response.getStatus()
                    : error.path("error_data").path("details").asText(error.path("message").asText("HTTP " + response.getStatus()));
            boolean retryable = RETRYABLE.contains(code) || response.getStatus() >= 500;
            LOG.warnf("Graph API refused command %s to %s: %d %s", command.commandId(), command.waId(), code, title);
            return new SendResult(command.commandId(), command.waId(), null, new SendResult.Error(code, title, retryable),
                    1, now);
        } catch (ProcessingException e) {
            LOG.warnf("Graph API call for command %s failed: %s", command.commandId(), e.getMessage());
            return new SendResult(command.commandId(), command.waId(), null,
                    new SendResult.Error(0, "no response from the Graph API: outcome unknown", true), 1, now);
        }
    }

    private Response callGraphApi(OutboundMessage command) {
        try {
            return graph.send(config.apiVersion(), config.phoneNumberId(), "Bearer " + config.accessToken(),
                    GraphMessageBody.of(command));
        } catch (WebApplicationException e) {
            return e.getResponse(); // Meta's error JSON, read like a success
        }
    }

    private static void record(OutboundMessage command, SendResult result) {
        OutboundSend send = OutboundSend.findById(command.commandId());
        send.attempts = result.attempts();
        send.completedAt = Instant.now();
        if (result.error() == null) {
            send.state = OutboundSend.State.SENT;
            send.wamid = result.wamid();
        } else {
            send.state = result.error().code() == 0 ? OutboundSend.State.UNCERTAIN : OutboundSend.State.FAILED;
            send.errorCode = result.error().code();
            send.errorTitle = result.error().title();
        }
    }
}
