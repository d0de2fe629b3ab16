package org.tanyapustaka.routing.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tanyapustaka.routing.RoutingFixture.JSON;
import static org.tanyapustaka.routing.RoutingFixture.WAIT;
import static org.tanyapustaka.routing.RoutingFixture.patron;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.DeliveryStatus;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.SendResult;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * The transcript consumers store one poll's records in one transaction. Each test publishes several records of a
 * topic in one produce request (one key, so one partition and one record batch on the broker), which the consumer
 * reads in one poll; that they were stored together shows in the rows' {@code xmin} (the id of the transaction
 * that wrote them).
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class TranscriptBatchTest {

    @Inject
    EntityManager em;

    @Test
    void messagesReadInOnePollAreStoredInOneTransaction() throws Exception {
        String waId = patron();
        UUID conversation = UUID.randomUUID();
        List<OutboundMessage> messages = List.of(text(waId, conversation, "Satu"), text(waId, conversation, "Dua"),
                text(waId, conversation, "Tiga"));
        publishTogether(Topics.WHATSAPP_OUTBOUND, waId, messages.stream().map(TranscriptBatchTest::json).toList());

        await().atMost(WAIT).until(() -> rows(conversation) == 3);
        assertThat(transactions(conversation)).isEqualTo(1);
    }

    @Test
    void aRecordThatCannotBeStoredIsDeadLetteredAloneAndTheRestOfItsBatchIsStored() throws Exception {
        String waId = patron();
        UUID conversation = UUID.randomUUID();
        OutboundMessage first = text(waId, conversation, "Buku sudah bisa diambil");
        // No wa_id: the transcript's NOT NULL constraint refuses it, and with it the batch's transaction.
        OutboundMessage noPatron = OutboundMessage.text(UUID.randomUUID(), null, "Tanpa nomor",
                OutboundMessage.Origin.LIBRARIAN, conversation, null);
        OutboundMessage last = text(waId, conversation, "Terima kasih");
        String unreadable = "{\"commandId\": \"" + UUID.randomUUID() + "\", \"kind\": ";
        try (TopicProbe dlq = new TopicProbe(Topics.deadLetter(Topics.WHATSAPP_OUTBOUND))) {
            publishTogether(Topics.WHATSAPP_OUTBOUND, waId, List.of(json(first), json(noPatron), unreadable, json(last)));

            await().atMost(WAIT).until(() -> rows(conversation) == 2);
            dlq.await(r -> r.value() != null && r.value().contains(noPatron.commandId().toString()), WAIT);
            dlq.await(r -> unreadable.equals(r.value()), WAIT);
            assertThat(dlq.seen().stream().filter(r -> waId.equals(r.key())).map(ConsumerRecord::value))
                    .hasSize(2).noneMatch(v -> v.contains(first.commandId().toString())
                            || v.contains(last.commandId().toString()));
            assertThat(bodies(conversation)).containsExactlyInAnyOrder("Buku sudah bisa diambil", "Terima kasih");
        }
    }

    @Test
    void aBatchDeliveredAgainAfterACrashChangesNothing() throws Exception {
        String waId = patron();
        UUID conversation = UUID.randomUUID();
        OutboundMessage a = text(waId, conversation, "Pinjaman diperpanjang sampai 12 Juni");
        OutboundMessage b = text(waId, conversation, "Denda Anda Rp0");
        String wamidA = MetaWebhooks.newWamid();
        String wamidB = MetaWebhooks.newWamid();
        List<String> outbound = List.of(json(a), json(b));
        List<String> sent = List.of(json(sent(a, wamidA)), json(sent(b, wamidB)));
        List<String> statuses = List.of(json(status(wamidA, waId, DeliveryStatus.Status.READ)),
                json(status(wamidB, waId, DeliveryStatus.Status.DELIVERED)));
        publishTogether(Topics.WHATSAPP_OUTBOUND, waId, outbound);
        // (A send result for a message not on the transcript yet needs the patron's conversation, which this test
        // does not make: the messages go first.)
        await().atMost(WAIT).until(() -> rows(conversation) == 2);
        publishTogether(Topics.WHATSAPP_SENT, waId, sent);
        publishTogether(Topics.WHATSAPP_STATUS, waId, statuses);
        await().atMost(WAIT).until(() -> "read".equals(delivery(a.commandId()))
                && "delivered".equals(delivery(b.commandId())));
        List<String> before = snapshot(conversation);

        // The same batches again, as after a crash before their offsets were committed; each ends with a record
        // seen for the first time (to know it was read) and the outbound one holds a record that rolls back the
        // batch's transaction, so its records are also written again one by one.
        OutboundMessage c = text(waId, conversation, "Sampai jumpa");
        String wamidC = MetaWebhooks.newWamid();
        List<String> outboundAgain = new ArrayList<>(outbound);
        outboundAgain.add(json(OutboundMessage.text(UUID.randomUUID(), null, "Tanpa nomor",
                OutboundMessage.Origin.ROUTING, conversation, null)));
        outboundAgain.add(json(c));
        List<String> sentAgain = new ArrayList<>(sent);
        sentAgain.add(json(sent(c, wamidC)));
        List<String> statusesAgain = new ArrayList<>(statuses);
        statusesAgain.add(json(status(wamidC, waId, DeliveryStatus.Status.SENT)));
        publishTogether(Topics.WHATSAPP_OUTBOUND, waId, outboundAgain);
        await().atMost(WAIT).until(() -> rows(conversation) == 3);
        publishTogether(Topics.WHATSAPP_SENT, waId, sentAgain);
        publishTogether(Topics.WHATSAPP_STATUS, waId, statusesAgain);
        await().atMost(WAIT).until(() -> "sent".equals(delivery(c.commandId())));

        List<String> after = snapshot(conversation);
        assertThat(after).hasSize(3).containsAll(before);
        assertThat(earlyStatuses(List.of(wamidA, wamidB, wamidC))).isZero();
    }

    @Test
    void statusesReadInOnePollBeforeTheirSendResultAreAppliedWhenItComesAndOnlyForward() throws Exception {
        String waId = patron();
        UUID conversation = UUID.randomUUID();
        OutboundMessage a = text(waId, conversation, "Ruang diskusi 3 sudah dipesan");
        OutboundMessage b = text(waId, conversation, "Silakan datang jam 10");
        String wamidA = MetaWebhooks.newWamid();
        String wamidB = MetaWebhooks.newWamid();
        publishTogether(Topics.WHATSAPP_OUTBOUND, waId, List.of(json(a), json(b)));
        await().atMost(WAIT).until(() -> rows(conversation) == 2);

        // WhatsApp's statuses overtake the gateway's send results: read before delivered, in one poll.
        publishTogether(Topics.WHATSAPP_STATUS, waId, List.of(json(status(wamidA, waId, DeliveryStatus.Status.SENT)),
                json(status(wamidA, waId, DeliveryStatus.Status.READ)),
                json(status(wamidB, waId, DeliveryStatus.Status.DELIVERED)),
                json(status(wamidA, waId, DeliveryStatus.Status.DELIVERED)),
                json(status(wamidB, waId, DeliveryStatus.Status.SENT))));
        await().atMost(WAIT).until(() -> earlyStatuses(List.of(wamidA, wamidB)) == 2);
        assertThat(delivery(a.commandId())).isEqualTo("accepted");

        publishTogether(Topics.WHATSAPP_SENT, waId, List.of(json(sent(a, wamidA)), json(sent(b, wamidB))));
        await().atMost(WAIT).until(() -> "read".equals(delivery(a.commandId()))
                && "delivered".equals(delivery(b.commandId())));
        assertThat(earlyStatuses(List.of(wamidA, wamidB))).isZero();

        // A status delivered again later takes nothing back.
        publishTogether(Topics.WHATSAPP_STATUS, waId, List.of(json(status(wamidA, waId, DeliveryStatus.Status.SENT)),
                json(status(wamidB, waId, DeliveryStatus.Status.READ))));
        await().atMost(WAIT).until(() -> "read".equals(delivery(b.commandId())));
        assertThat(delivery(a.commandId())).isEqualTo("read");
    }

    // ---------------------------------------------------------------- helpers

    static OutboundMessage text(String waId, UUID conversation, String body) {
        return OutboundMessage.text(UUID.randomUUID(), waId, body, OutboundMessage.Origin.LIBRARIAN, conversation,
                null);
    }

    static SendResult sent(OutboundMessage message, String wamid) {
        return new SendResult(message.commandId(), message.waId(), wamid, null, 1, Instant.now());
    }

    static DeliveryStatus status(String wamid, String waId, DeliveryStatus.Status status) {
        String name = status.name().toLowerCase(java.util.Locale.ROOT);
        return new DeliveryStatus(EventIds.ofStatus(wamid, name), wamid, waId, status, Instant.now(), null);
    }

    static String json(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One produce request: the records share a key, so they land in one partition as one record batch. */
    static void publishTogether(String topic, String key, List<String> values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "60000"); // sent by flush(), all at once
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (String value : values) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
                Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", "org.tanyapustaka.test.v1", "ce_source",
                        "urn:test", "ce_specversion", "1.0")
                        .forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
                sends.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        }
    }

    long rows(UUID conversation) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM transcript_entry WHERE conversation_id = ?1").setParameter(1, conversation)
                .getSingleResult()).longValue());
    }

    long transactions(UUID conversation) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(DISTINCT CAST(xmin AS text)) FROM transcript_entry WHERE conversation_id = ?1")
                .setParameter(1, conversation).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    List<String> bodies(UUID conversation) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT body FROM transcript_entry WHERE conversation_id = ?1").setParameter(1, conversation)
                .getResultList());
    }

    @SuppressWarnings("unchecked")
    String delivery(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object>) em.createNativeQuery(
                "SELECT delivery FROM transcript_entry WHERE id = ?1").setParameter(1, id).getResultList()).stream()
                .findFirst().map(String::valueOf).orElse(null));
    }

    long earlyStatuses(List<String> wamids) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM early_delivery_status WHERE wamid = ANY (string_to_array(?1, ','))")
                .setParameter(1, String.join(",", wamids)).getSingleResult()).longValue());
    }

    /** Every column of the conversation's transcript lines, one string per line. */
    @SuppressWarnings("unchecked")
    List<String> snapshot(UUID conversation) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object>) em.createNativeQuery(
                "SELECT CAST(row_to_json(t) AS text) FROM transcript_entry t WHERE conversation_id = ?1")
                .setParameter(1, conversation).getResultList()).stream().map(String::valueOf)
                .collect(Collectors.toList()));
    }
}
