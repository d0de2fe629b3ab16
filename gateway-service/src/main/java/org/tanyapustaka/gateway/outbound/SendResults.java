package org.tanyapustaka.gateway.outbound;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.AccountAlert;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.SendResult;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.gateway.WhatsAppConfig;

/**
 * Publishes the outcome of every command on {@code whatsapp.sent}, and knows whether the access token works:
 * after error 190 sending is reported DOWN on {@code /q/health} and an alert goes to {@code whatsapp.alerts}.
 */
@ApplicationScoped
public class SendResults {

    private static final Logger LOG = Logger.getLogger(SendResults.class);

    @Inject
    WhatsAppConfig config;

    @Inject
    @Channel(Topics.WHATSAPP_SENT)
    MutinyEmitter<SendResult> results;

    @Inject
    @Channel(Topics.WHATSAPP_ALERTS)
    MutinyEmitter<AccountAlert> alerts;

    private final AtomicReference<String> tokenProblem = new AtomicReference<>();

    void publish(UUID commandId, String waId, String wamid, Integer errorCode, String title, boolean retryable,
            int attempts) {
        SendResult result = new SendResult(commandId, waId, wamid,
                errorCode == null ? null : new SendResult.Error(errorCode, title, retryable), attempts, Instant.now());
        try {
            results.sendMessage(Message.of(result)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(waId).build())
                    .addMetadata(OutgoingCloudEventMetadata.builder()
                            .withId(EventIds.derive(commandId, "sent").toString()).build()))
                    .await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            // The outcome is in the send log; only its announcement is lost.
            LOG.errorf("Could not publish the outcome of command %s: %s", commandId, e.toString());
        }
    }

    void tokenExpired(String title) {
        if (tokenProblem.getAndSet(title) == null) {
            LOG.errorf("The WhatsApp access token was refused (190: %s): nothing can be sent until it is replaced", title);
            Instant now = Instant.now();
            AccountAlert alert = new AccountAlert(EventIds.ofAlert(config.phoneNumberId(),
                    GraphApiCall.TOKEN_EXPIRED + ":" + title, now.getEpochSecond()), config.phoneNumberId(), "graph_api",
                    GraphApiCall.TOKEN_EXPIRED, title, null, now);
            try {
                alerts.sendMessage(Message.of(alert)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(alert.phoneNumberId()).build())
                        .addMetadata(OutgoingCloudEventMetadata.builder().withId(alert.id().toString()).build()))
                        .await().atMost(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                LOG.errorf("Could not publish the token alert: %s", e.toString());
            }
        }
    }

    void tokenWorks() {
        tokenProblem.set(null);
    }

    /** Why sending is impossible now, or null when it works. */
    public String tokenProblem() {
        return tokenProblem.get();
    }
}
