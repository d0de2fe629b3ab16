package org.tanyapustaka.routing.conversation;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.tanyapustaka.events.CatalogJudgeRequest;
import org.tanyapustaka.events.CatalogQuery;
import org.tanyapustaka.events.ConversationEvent;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronErasure;
import org.tanyapustaka.events.Topics;

/**
 * Everything routing publishes, keyed by the patron's wa_id and with the event's deterministic id as the CloudEvent
 * id. Each send waits for Kafka's acknowledgement, so a caller's transaction commits only after its commands are
 * safely on the broker (a crash in between repeats the same ids, which every consumer recognises).
 */
@ApplicationScoped
public class Outbox {

    /** The emitter's channel must not share its name with an incoming channel (SmallRye would wire it in memory). */
    public static final String OUTBOUND_CHANNEL = "whatsapp-outbound";

    @Inject
    @Channel(OUTBOUND_CHANNEL)
    MutinyEmitter<OutboundMessage> outbound;

    @Inject
    @Channel(Topics.CATALOG_QUERIES)
    MutinyEmitter<CatalogQuery> catalogQueries;

    @Inject
    @Channel(Topics.CATALOG_JUDGE_REQUESTS)
    MutinyEmitter<CatalogJudgeRequest> judgeRequests;

    @Inject
    @Channel(Topics.CONVERSATION_EVENTS)
    MutinyEmitter<ConversationEvent> events;

    /** Routing also consumes patron.erasure: the emitter's channel has a name of its own (see OUTBOUND_CHANNEL). */
    public static final String ERASURE_CHANNEL = "patron-erasure-out";

    @Inject
    @Channel(ERASURE_CHANNEL)
    MutinyEmitter<PatronErasure> erasures;

    public void send(OutboundMessage message) {
        outbound.sendMessageAndAwait(keyed(message, message.waId(), message.commandId()));
    }

    public void ask(CatalogQuery query) {
        catalogQueries.sendMessageAndAwait(keyed(query, query.waId(), query.id()));
    }

    public void judge(CatalogJudgeRequest request) {
        judgeRequests.sendMessageAndAwait(keyed(request, request.waId(), request.id()));
    }

    public void record(ConversationEvent event) {
        events.sendMessageAndAwait(keyed(event, event.waId(), event.id()));
    }

    /** Asks every service to erase the patron (patron.erasure), and waits for Kafka's acknowledgement. */
    public void erase(PatronErasure erasure) {
        erasures.sendMessageAndAwait(keyed(erasure, erasure.waId(), erasure.id()));
    }

    private static <T> Message<T> keyed(T payload, String waId, UUID id) {
        return Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(waId).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(id.toString()).build());
    }
}
