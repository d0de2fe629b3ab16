package org.tanyapustaka.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.EmbeddedKafka;

/** {@code ./tanya dlq}: an operator sees what is on a dead-letter topic and sends it back, once. */
class DeadLettersIT {

    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.temporary().start();
        kafka.createTopics(Topics.allWithDeadLetters(), 2);
    }

    @AfterAll
    static void stopBroker() {
        kafka.stop();
    }

    /** A record as SmallRye's dead-letter strategy writes it: original key and value, the reason in headers. */
    static void deadLetter(String topic, String key, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.deadLetter(topic), key, value);
            record.headers().add("dead-letter-reason", "Connection to localhost:55432 refused".getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", "org.tanyapustaka.patron-message.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** How many records the topic holds (the sum of its partitions' end offsets; nothing is ever deleted here). */
    static long recordsOn(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    void deadLettersAreListedAndReplayedToTheirTopicOnce() throws Exception {
        deadLetter(Topics.WHATSAPP_INBOUND, "6281234567890", "{\"id\":\"first\"}");
        deadLetter(Topics.WHATSAPP_INBOUND, "6281234567891", "{\"id\":\"second\"}");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DeadLetters dlq = new DeadLetters(kafka.bootstrapServers(), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(dlq.counts().get("whatsapp.inbound.dlq")).containsExactly(2, 2);
        assertThat(dlq.show("whatsapp.inbound.dlq")).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("key=6281234567890")
                .contains("reason: Connection to localhost:55432 refused").contains("{\"id\":\"second\"}");

        assertThat(dlq.replay(DeadLetters.deadLetterTopic("whatsapp.inbound"))).isEqualTo(2);
        List<ConsumerRecord<String, String>> back = readAll(Topics.WHATSAPP_INBOUND, 2);
        assertThat(back).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("6281234567890", "6281234567891");
        assertThat(back).allSatisfy(r -> {
            assertThat(r.headers().lastHeader("dead-letter-reason")).isNull();
            assertThat(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("org.tanyapustaka.patron-message.v1");
        });

        // A second replay sends only what arrived since the first.
        assertThat(dlq.replay("whatsapp.inbound.dlq")).isZero();
        deadLetter(Topics.WHATSAPP_INBOUND, "6281234567892", "{\"id\":\"third\"}");
        assertThat(dlq.counts().get("whatsapp.inbound.dlq")).containsExactly(3, 1);
        assertThat(dlq.replay("whatsapp.inbound.dlq")).isEqualTo(1);
        assertThat(recordsOn(Topics.WHATSAPP_INBOUND)).isEqualTo(3); // the three, none twice
    }

    @Test
    void unreadableWebhooksHaveNoTopicToGoBackTo() {
        DeadLetters dlq = new DeadLetters(kafka.bootstrapServers(), new PrintStream(new ByteArrayOutputStream()));
        assertThatThrownBy(() -> dlq.replay(Topics.WHATSAPP_WEBHOOK_DLQ)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no topic to replay them to");
    }
}
