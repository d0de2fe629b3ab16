package org.tanyapustaka.localstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.localstack.LocalStack;
import org.tanyapustaka.localstack.ServiceJvm;
import org.tanyapustaka.testsupport.DevelopmentKeys;
import org.tanyapustaka.testsupport.EmbeddedKafka;
import org.tanyapustaka.testsupport.EmbeddedPostgresServer;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn;

/**
 * A fresh, throw-away Tanya Pustaka for a benchmark or a fault drill: a real Kafka broker and PostgreSQL (in a
 * temporary directory, on free ports, so they can be stopped and started again), the Graph API stand-in that
 * records every message sent, and the packaged services, each in its own JVM. Nothing of a developer's
 * {@code ./tanya up} stack is touched.
 */
public final class BenchStack implements AutoCloseable {

    public static final String APP_SECRET = "bench-app-secret";
    public static final String ACCESS_TOKEN = "bench-access-token";
    public static final String PHONE_NUMBER_ID = "106540352242922";
    /** System property: a directory where each service writes a Java Flight Recording (profile settings). */
    public static final String FLIGHT_RECORDINGS = "bench.flight-recordings";
    /** System property: more JVM options for every service, comma-separated (e.g. -XX:TieredStopAtLevel=1). */
    public static final String SERVICE_JVM_OPTIONS = "bench.service-jvm-options";

    private final Path root;
    private final Path home;
    private final EmbeddedKafka kafka;
    private final int postgresPort;
    private EmbeddedPostgresServer postgres;
    private final Path publicKey;
    private final WhatsAppCloudStandIn whatsapp;
    private final Map<String, ServiceJvm> services = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final String serviceHeap;
    private final Map<String, List<String>> serviceOptions;

    /**
     * @param root     the repository (the services' jars are under {@code <root>/<service>/target/quarkus-app})
     * @param services which services to run, e.g. gateway-service, routing-service
     * @param statuses whether the stand-in reports sent/delivered/read for every message, as WhatsApp does
     */
    public BenchStack(Path root, List<String> services, boolean statuses, String serviceHeap) throws Exception {
        this(root, services, statuses, serviceHeap, Map.of());
    }

    /** @param serviceOptions more JVM options of some services (e.g. a profile, system properties), by service */
    public BenchStack(Path root, List<String> services, boolean statuses, String serviceHeap,
            Map<String, List<String>> serviceOptions) throws Exception {
        this.root = root;
        this.serviceOptions = serviceOptions;
        this.serviceHeap = serviceHeap;
        this.home = Files.createTempDirectory("tanya-bench");
        EmbeddedKafka.quietLogs();
        postgresPort = EmbeddedKafka.freePort();
        postgres = EmbeddedPostgresServer.start(home.resolve("postgres"), postgresPort,
                ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()));
        LocalStack.DATABASES.forEach(postgres::createDatabase);
        kafka = new EmbeddedKafka(home.resolve("kafka"), EmbeddedKafka.freePort(), EmbeddedKafka.freePort()).start();
        kafka.createTopics(Topics.allWithDeadLetters(), LocalStack.PARTITIONS);
        DevelopmentKeys.inDirectory(home.resolve("keys"));
        publicKey = home.resolve("keys").resolve("publicKey.pem");
        whatsapp = new WhatsAppCloudStandIn(EmbeddedKafka.freePort(), ACCESS_TOKEN, PHONE_NUMBER_ID, APP_SECRET)
                .sendStatuses(statuses).start();
        for (String service : services) {
            ports.put(service, EmbeddedKafka.freePort());
        }
        for (String service : services) {
            start(service);
        }
        for (ServiceJvm jvm : this.services.values()) {
            jvm.awaitReady(Duration.ofSeconds(180));
        }
        gateway().ifPresent(g -> whatsapp.deliverWebhooksTo(g.uri("/webhook")));
    }

    private ServiceJvm start(String service) throws IOException {
        String database = service.replace("-service", "");
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("DB_URL", postgres.jdbcUrl(database));
        env.put("DB_USER", EmbeddedPostgresServer.USER);
        env.put("DB_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        env.put("JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey);
        env.put("JWT_ISSUER", DevelopmentKeys.ISSUER);
        env.put("WHATSAPP_APP_SECRET", APP_SECRET);
        env.put("WHATSAPP_VERIFY_TOKEN", "bench-verify-token");
        env.put("WHATSAPP_ACCESS_TOKEN", ACCESS_TOKEN);
        env.put("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
        env.put("WHATSAPP_API_BASE_URL", whatsapp.baseUrl());
        env.put("WHATSAPP_API_VERSION", WhatsAppCloudStandIn.DEFAULT_VERSION);
        env.put("TANYA_ATTACHMENTS_SECRET", "bench-attachments-secret");
        // The number's throughput as Meta allows large senders; per-patron spacing stays as configured.
        env.put("WHATSAPP_SEND_RATE_PER_SECOND", "1000");
        env.put("CATALOG_DEMO_LOAD", "true");
        // A send is in flight at most the Graph API read timeout (15 s): after a kill -9 its fate is settled
        // sooner than with the cautious production defaults (2 min stale, then 60 s for WhatsApp's status).
        env.put("WHATSAPP_SEND_STALE_AFTER", "20s");
        env.put("WHATSAPP_SEND_CONFIRM_WITHIN", "20s");
        List<String> options = new java.util.ArrayList<>(List.of("-Xmx" + serviceHeap, "-XX:+UseSerialGC"));
        String extra = System.getProperty(SERVICE_JVM_OPTIONS, "");
        for (String option : extra.split(",")) {
            if (!option.isBlank()) {
                options.add(option.strip());
            }
        }
        options.addAll(serviceOptions.getOrDefault(service, List.of()));
        String flightRecordings = System.getProperty(FLIGHT_RECORDINGS);
        if (flightRecordings != null) {
            // A profile of the whole run, written when the service stops (each restart writes a file of its own).
            Path recording = Path.of(flightRecordings).toAbsolutePath()
                    .resolve(service + "-" + System.currentTimeMillis() + ".jfr");
            Files.createDirectories(recording.getParent());
            options.add("-XX:FlightRecorderOptions:stackdepth=512");
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
        }
        ServiceJvm jvm = ServiceJvm.start(root, service, ports.get(service), env, home.resolve(service + ".log"),
                options);
        services.put(service, jvm);
        return jvm;
    }

    public Optional<ServiceJvm> gateway() {
        return Optional.ofNullable(services.get("gateway-service"));
    }

    public ServiceJvm service(String name) {
        ServiceJvm jvm = services.get(name);
        if (jvm == null) {
            throw new IllegalArgumentException(name + " does not run in this stack");
        }
        return jvm;
    }

    /** The process id of each running service. */
    public Map<String, Long> servicePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach((name, jvm) -> pids.put(name, jvm.pid()));
        return pids;
    }

    public WhatsAppCloudStandIn whatsapp() {
        return whatsapp;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public void createTopic(String topic) {
        kafka.createTopics(List.of(topic), LocalStack.PARTITIONS);
    }

    /**
     * How far each consumer group is behind, record count per topic (end offset minus committed offset, summed over
     * partitions): after a run, the stage holding the backlog is the one that limits the throughput.
     */
    public Map<String, Long> consumerLag() {
        Map<String, Long> lag = new java.util.TreeMap<>();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            for (var group : admin.listConsumerGroups().all().get(30, java.util.concurrent.TimeUnit.SECONDS)) {
                var committed = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
                committed.forEach((tp, offset) -> lag.merge(group.groupId() + " ← " + tp.topic(),
                        ends.get(tp).offset() - (offset == null ? 0 : offset.offset()), Long::sum));
            }
        } catch (Exception e) {
            lag.put("(could not read the consumer groups: " + e + ")", -1L);
        }
        return lag;
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public Path home() {
        return home;
    }

    /** {@code kill -9} the service. */
    public void kill(String service) throws InterruptedException {
        service(service).kill();
    }

    /** Starts the service again (same port, same database) and waits until it is ready. */
    public void restart(String service) throws Exception {
        start(service).awaitReady(Duration.ofSeconds(180));
    }

    public void stopKafka() {
        kafka.stop();
    }

    public void startKafka() {
        kafka.start();
    }

    /** Stops PostgreSQL (a fast shutdown, as a restart of the database server does) and starts it again. */
    public void stopPostgres() {
        postgres.close();
    }

    public void startPostgres() {
        postgres = EmbeddedPostgresServer.start(home.resolve("postgres"), postgresPort,
                ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()));
    }

    /** Resident memory in MB of every process of the stack: each service, PostgreSQL's processes, and this JVM. */
    public Map<String, Long> residentMegabytes() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (ServiceJvm jvm : services.values()) {
            rss.put(jvm.name(), Memory.rssMegabytes(jvm.pid()));
        }
        long postgresTotal = 0;
        List<Long> postgresProcesses = Memory.postgresProcesses(home.resolve("postgres"));
        for (long pid : postgresProcesses) {
            postgresTotal += Memory.pssMegabytes(pid);
        }
        rss.put("postgresql (" + postgresProcesses.size() + " processes, PSS)", postgresTotal);
        rss.put("bench JVM (Kafka broker, Graph API stand-in, load generator)", Memory.rssMegabytes(ProcessHandle.current().pid()));
        return rss;
    }

    @Override
    public void close() throws Exception {
        for (ServiceJvm jvm : services.values()) {
            jvm.close();
        }
        whatsapp.close();
        kafka.stop();
        postgres.close();
    }
}
