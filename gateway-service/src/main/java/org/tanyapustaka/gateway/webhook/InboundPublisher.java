package org.tanyapustaka.gateway.webhook;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.tanyapustaka.events.AccountAlert;
import org.tanyapustaka.events.DeliveryStatus;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;

/**
 * Publishes what a webhook carried: patron messages to {@code whatsapp.inbound} and delivery statuses to
 * {@code whatsapp.status}, keyed by the patron's wa_id, account-level errors to {@code whatsapp.alerts}, keyed
 * by the library's number, all with CloudEvents headers. The returned Uni completes
 * only when Kafka has acknowledged every record ({@code acks=all}).
 */
@ApplicationScoped
public class InboundPublisher {

    @Inject
    @Channel(Topics.WHATSAPP_INBOUND)
    MutinyEmitter<PatronMessage> inbound;

    @Inject
    @Channel(Topics.WHATSAPP_STATUS)
    MutinyEmitter<DeliveryStatus> statuses;

    @Inject
    @Channel(Topics.WHATSAPP_ALERTS)
    MutinyEmitter<AccountAlert> alerts;

    @Inject
    @Channel(Topics.WHATSAPP_WEBHOOK_DLQ)
    MutinyEmitter<String> deadLetters;

    public Uni<Void> publish(List<PatronMessage> messages, List<DeliveryStatus> deliveryStatuses,
            List<AccountAlert> accountAlerts) {
        List<Uni<Void>> acks = new ArrayList<>();
        for (PatronMessage message : messages) {
            acks.add(inbound.sendMessage(keyed(message, message.waId(), message.id())));
        }
        for (DeliveryStatus status : deliveryStatuses) {
            acks.add(statuses.sendMessage(keyed(status, status.waId(), status.id())));
        }
        for (AccountAlert alert : accountAlerts) {
            acks.add(alerts.sendMessage(keyed(alert, alert.phoneNumberId(), alert.id())));
        }
        if (acks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }

    /** Keeps a signed body the gateway could not read, with the reason, so nothing accepted is lost. */
    public Uni<Void> deadLetter(String rawBody, String reason) {
        Message<String> message = Message.of(rawBody)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withHeaders(new RecordHeaders().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8)))
                        .build());
        return deadLetters.sendMessage(message);
    }

    private static <T> Message<T> keyed(T payload, String waId, UUID id) {
        return Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(waId).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(id.toString()).build());
    }
}
