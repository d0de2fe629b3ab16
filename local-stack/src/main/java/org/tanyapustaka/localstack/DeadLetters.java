package org.tanyapustaka.localstack;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An operator's look at the dead-letter topics of every service, and a way back: {@code ./tanya dlq list} counts
 * the records waiting on each {@code *.dlq} topic, {@code ./tanya dlq list <topic>} shows them (key, time, the
 * reason the consumer gave, the start of the value), and {@code ./tanya dlq replay <topic>} publishes each one
 * again, with its key, value and headers, to the topic it came from, once the cause is fixed. The consumers are
 * idempotent (derived ids), so a record that was in fact stored before is counted once. A replay remembers how far
 * it got (consumer group {@value #REPLAY_GROUP}): replaying again sends only what arrived since.
 * {@code whatsapp.webhook.dlq} holds webhooks the gateway could not read; they have no topic to go back to.
 */
public final class DeadLetters {

    public static final String REPLAY_GROUP = "tanya-dlq-replay";
    private static final String SUFFIX = ".dlq";
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final PrintStream out;

    public DeadLetters(String bootstrapServers, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:59092");
        DeadLetters dlq = new DeadLetters(bootstrap, System.out);
        String command = args.length > 0 ? args[0] : "";
        try {
            if (command.equals("list") && args.length == 1) {
                dlq.counts();
            } else if (command.equals("list") && args.length == 2) {
                dlq.show(deadLetterTopic(args[1]));
            } else if (command.equals("replay") && args.length == 2) {
                dlq.replay(deadLetterTopic(args[1]));
            } else {
                System.err.println("usage: ./tanya dlq list [TOPIC] | replay TOPIC   (TOPIC: e.g. whatsapp.inbound.dlq)");
                System.exit(2);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("tanya: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The dead-letter topic meant: {@code whatsapp.inbound} and {@code whatsapp.inbound.dlq} both name it. */
    static String deadLetterTopic(String name) {
        return name.endsWith(SUFFIX) ? name : name + SUFFIX;
    }

    /** Each dead-letter topic with the records on it and those not replayed yet. */
    public Map<String, long[]> counts() throws Exception {
        Map<String, long[]> counts = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
                KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<String> topics = admin.listTopics().names().get().stream().filter(t -> t.endsWith(SUFFIX)).sorted()
                    .toList();
            for (String topic : topics) {
                List<TopicPartition> partitions = partitions(consumer, topic);
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                Map<TopicPartition, OffsetAndMetadata> replayed = consumer.committed(new java.util.HashSet<>(partitions));
                long total = 0;
                long waiting = 0;
                for (TopicPartition p : partitions) {
                    total += end.get(p) - begin.get(p);
                    OffsetAndMetadata done = replayed.get(p);
                    waiting += end.get(p) - Math.max(begin.get(p), done == null ? 0 : done.offset());
                }
                counts.put(topic, new long[] {total, waiting});
            }
        }
        out.printf("%-32s %10s %12s%n", "DEAD-LETTER TOPIC", "RECORDS", "NOT REPLAYED");
        counts.forEach((topic, n) -> out.printf("%-32s %10d %12d%n", topic, n[0], n[1]));
        return counts;
    }

    /** Prints every record on the topic. */
    public int show(String topic) {
        int shown = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            for (ConsumerRecord<byte[], byte[]> record : readAll(consumer, topic, false)) {
                shown++;
                String value = record.value() == null ? "(null)" : new String(record.value(), StandardCharsets.UTF_8);
                out.printf("%s-%d@%d  %s  key=%s%n  reason: %s%n  from: %s%n  value: %s%n", topic, record.partition(),
                        record.offset(), Instant.ofEpochMilli(record.timestamp()), text(record.key()),
                        header(record, "dead-letter-reason"), origin(record),
                        value.length() > 300 ? value.substring(0, 300) + " ..." : value);
            }
        }
        out.printf("%d record(s) on %s%n", shown, topic);
        return shown;
    }

    /** Publishes the records not replayed yet to the topics they came from; returns how many. */
    public int replay(String topic) throws Exception {
        if (topic.equals("whatsapp.webhook.dlq")) {
            throw new IllegalArgumentException("whatsapp.webhook.dlq holds webhooks the gateway could not read; "
                    + "there is no topic to replay them to (look at them with ./tanya dlq list whatsapp.webhook.dlq)");
        }
        int replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(); KafkaProducer<byte[], byte[]> producer = producer()) {
            List<ConsumerRecord<byte[], byte[]>> records = readAll(consumer, topic, true);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                RecordHeaders headers = new RecordHeaders();
                for (Header h : record.headers()) {
                    if (!h.key().startsWith("dead-letter-")) {
                        headers.add(h);
                    }
                }
                sent.add(producer.send(new ProducerRecord<>(origin(record), null, record.key(), record.value(), headers)));
                next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                replayed++;
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(); // acknowledged by the broker before the replay is remembered
            }
            if (!next.isEmpty()) {
                consumer.commitSync(next);
            }
        }
        out.printf("%d record(s) of %s replayed%n", replayed, topic);
        return replayed;
    }

    /** The topic the record was dead-lettered from: SmallRye's header, else the name without ".dlq". */
    private static String origin(ConsumerRecord<byte[], byte[]> record) {
        String header = header(record, "dead-letter-topic");
        return header != null ? header : record.topic().substring(0, record.topic().length() - SUFFIX.length());
    }

    /** Everything on the topic (from the group's position when {@code sinceReplay}) up to its current end. */
    private List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConsumer<byte[], byte[]> consumer, String topic,
            boolean sinceReplay) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("No topic " + topic);
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
        for (TopicPartition p : partitions) {
            OffsetAndMetadata done = committed.get(p);
            if (sinceReplay && done != null) {
                consumer.seek(p, done.offset());
            } else {
                consumer.seekToBeginning(List.of(p));
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "(none)" : new String(bytes, StandardCharsets.UTF_8);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, REPLAY_GROUP);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
