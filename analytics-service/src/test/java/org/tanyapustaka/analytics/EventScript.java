package org.tanyapustaka.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tanyapustaka.events.CatalogSearchPerformed;
import org.tanyapustaka.events.ConversationEvent;
import org.tanyapustaka.events.DeliveryStatus;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.SendResult;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.TestInfrastructure;

/**
 * Publishes the events the other services would publish, onto the real topics (key = waId, as they do), with
 * times given in library time (WIB). Each call returns the event so a test can publish it again (a redelivery).
 */
public final class EventScript implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

    private final KafkaProducer<String, String> producer;

    public EventScript() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
    }

    /** A time in library time, e.g. {@code wib("2025-06-02T09:00")}. */
    public static Instant wib(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WIB).toInstant();
    }

    public PatronMessage message(String waId, String wib) {
        String wamid = "wamid.in." + UUID.randomUUID();
        PatronMessage message = new PatronMessage(EventIds.ofWamid(wamid), wamid, waId, "Rina Pemustaka",
                TestInfrastructure.PHONE_NUMBER_ID, wib(wib), Instant.now(), PatronMessage.Type.TEXT, "kak, perpus buka jam brp?",
                null, null, null, null, null, null);
        return again(message);
    }

    public PatronMessage again(PatronMessage message) {
        send(Topics.WHATSAPP_INBOUND, message.waId(), message, null);
        return message;
    }

    public ConversationEvent intent(String waId, String wib, String intent) {
        return again(new ConversationEvent(UUID.randomUUID(), waId, null, ConversationEvent.Type.INTENT_CLASSIFIED,
                intent, "id", null, null, null, null, wib(wib)));
    }

    public ConversationEvent handover(String waId, UUID handover, ConversationEvent.Type type, String wib,
            String librarian, String reason, Integer rating) {
        return again(new ConversationEvent(UUID.randomUUID(), waId, null, type, null, null, handover, librarian, reason,
                rating, wib(wib)));
    }

    public ConversationEvent again(ConversationEvent event) {
        send(Topics.CONVERSATION_EVENTS, event.waId(), event, null);
        return event;
    }

    /** A search, placed in time only by its CloudEvents ce_time header, as catalog-service publishes it. */
    public CatalogSearchPerformed search(String waId, String wib, int hits, long tookMs, String... terms) {
        CatalogSearchPerformed search = new CatalogSearchPerformed(UUID.randomUUID(), waId,
                "ada buku " + String.join(" ", terms) + " ga kak?", List.of(terms), hits, true, tookMs);
        send(Topics.CATALOG_SEARCHES, waId, search, wib(wib));
        return search;
    }

    public void again(CatalogSearchPerformed search, String wib) {
        send(Topics.CATALOG_SEARCHES, search.waId(), search, wib(wib));
    }

    public OutboundMessage outbound(String waId, UUID commandId, OutboundMessage.Origin origin) {
        OutboundMessage command = OutboundMessage.text(commandId, waId, "Perpustakaan buka pukul 08.00-16.00 WIB.",
                origin, null, null);
        send(Topics.WHATSAPP_OUTBOUND, waId, command, null);
        return command;
    }

    public void markRead(String waId, UUID commandId) {
        send(Topics.WHATSAPP_OUTBOUND, waId, OutboundMessage.markRead(commandId, waId, "wamid.in.x", true, null, null), null);
    }

    public SendResult sent(String waId, UUID commandId, String wamid, String wib) {
        SendResult result = new SendResult(commandId, waId, wamid, null, 1, wib(wib));
        send(Topics.WHATSAPP_SENT, waId, result, null);
        return result;
    }

    public SendResult sendFailed(String waId, UUID commandId, int code, String wib) {
        SendResult result = new SendResult(commandId, waId, null,
                new SendResult.Error(code, "Re-engagement message", false), 1, wib(wib));
        send(Topics.WHATSAPP_SENT, waId, result, null);
        return result;
    }

    public DeliveryStatus status(String waId, String wamid, DeliveryStatus.Status status, String wib, Integer errorCode) {
        DeliveryStatus event = new DeliveryStatus(EventIds.ofStatus(wamid, status.name().toLowerCase()), wamid, waId,
                status, wib(wib), errorCode == null ? null : new DeliveryStatus.Error(errorCode, "failed", null));
        return again(event);
    }

    public DeliveryStatus again(DeliveryStatus status) {
        send(Topics.WHATSAPP_STATUS, status.waId(), status, null);
        return status;
    }

    /** Publishes raw JSON (e.g. an event no consumer can process). */
    public void raw(String topic, String key, String json) {
        try {
            producer.send(new ProducerRecord<>(topic, key, json)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String topic, String key, Object value, Instant ceTime) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, JSON.writeValueAsString(value));
            if (ceTime != null) {
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", UUID.randomUUID().toString());
                header(record, "ce_type", "org.tanyapustaka.catalog-search.v1");
                header(record, "ce_source", "urn:tanya-pustaka:catalog-service");
                header(record, "ce_time", ceTime.toString());
            }
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
