import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.localstack.LocalStack;
import org.tanyapustaka.testsupport.DevelopmentKeys;
import org.tanyapustaka.testsupport.EmbeddedKafka;
import org.tanyapustaka.testsupport.EmbeddedPostgresServer;
import org.tanyapustaka.testsupport.MetaWebhooks;

/**
 * The parts of bench/ingest.sh that need Java (run with the source launcher on local-stack's class path).
 *
 * <pre>
 * stack HOME                       the embedded PostgreSQL and Kafka broker that ./tanya up uses, on free ports,
 *                                  data under HOME; writes HOME/ports (postgres, kafka) and runs until killed
 * sign DIR THREADS COUNT PREFIX SECRET PHONE_NUMBER_ID TEXTS   COUNT unique signed text webhooks, split over
 *                                  DIR/webhooks.0 .. DIR/webhooks.(THREADS-1), one "signature TAB body" a line
 * count BOOTSTRAP TOPIC            the records on TOPIC (sum of its partitions' end offsets)
 * </pre>
 */
public final class IngestHelper {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "stack" -> stack(Path.of(args[1]));
            case "sign" -> sign(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4],
                    args[5], args[6], Path.of(args[7]));
            case "count" -> System.out.println(count(args[1], args[2]));
            default -> throw new IllegalArgumentException("stack | sign | count, not " + args[0]);
        }
    }

    static void stack(Path home) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Files.createDirectories(home);
        EmbeddedKafka.quietLogs();
        int postgresPort = EmbeddedKafka.freePort();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(home.resolve("postgres"), postgresPort,
                ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()));
        postgres.createDatabase("gateway");
        EmbeddedKafka kafka = new EmbeddedKafka(home.resolve("kafka"), EmbeddedKafka.freePort(),
                EmbeddedKafka.freePort()).start();
        List<String> topics = new ArrayList<>(Topics.allWithDeadLetters());
        topics.add("bench.ceiling");
        kafka.createTopics(topics, LocalStack.PARTITIONS);
        DevelopmentKeys.inDirectory(home.resolve("keys"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            postgres.close();
            stopped.countDown();
        }));
        Files.writeString(home.resolve("ports"), postgresPort + " " + kafka.port() + "\n");
        stopped.await();
    }

    /** Each webhook a patron of its own with a fresh wamid: the gateway deduplicates none of them. */
    static void sign(Path dir, int threads, int count, String prefix, String secret, String phoneNumberId,
            Path textsFile) throws Exception {
        List<String> texts = Files.readAllLines(textsFile).stream().skip(1).map(line -> line.split("\t", 2)[0])
                .filter(text -> !text.isBlank()).toList();
        MetaWebhooks webhooks = new MetaWebhooks(secret, phoneNumberId);
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(dir);
        BufferedWriter[] out = new BufferedWriter[threads];
        for (int t = 0; t < threads; t++) {
            out[t] = Files.newBufferedWriter(dir.resolve("webhooks." + t), StandardCharsets.UTF_8);
        }
        for (int i = 0; i < count; i++) {
            String from = prefix + String.format("%07d", i);
            byte[] body = json.writeValueAsBytes(webhooks.text(from, "Pemustaka " + i, MetaWebhooks.newWamid(),
                    texts.get(i % texts.size())));
            // One line per webhook: the compact JSON has no raw newline (Jackson escapes them in strings).
            BufferedWriter w = out[i % threads];
            w.write(MetaWebhooks.sign(secret, body));
            w.write('\t');
            w.write(new String(body, StandardCharsets.UTF_8));
            w.write('\n');
        }
        for (BufferedWriter w : out) {
            w.close();
        }
    }

    static long count(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }
}
