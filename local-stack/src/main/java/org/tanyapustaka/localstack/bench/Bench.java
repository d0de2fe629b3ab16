package org.tanyapustaka.localstack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.MetaWebhooks;

/**
 * {@code ./tanya bench <scenario>} and {@code ./tanya drill <fault>}: each starts a fresh stack of its own (see
 * {@link BenchStack}), runs, prints a Markdown table, and stops the stack.
 *
 * <pre>
 * e2e     [--rate=200] [--duration=60]          patron messages in, replies out, webhook → reply latency
 * e2e     --step [--from=100] [--by=100] [--to=1500] [--duration=20]   the highest rate held (p99 ≤ 1 s, 0 lost)
 * ingest  [--rate=5000] [--duration=20] [--concurrency=64]   webhook acknowledgement beside the machine's ceilings
 * drill   kill-routing|kill-gateway|restart-broker|restart-db [--rate=100] [--duration=60]
 * desk    [--conversations=200] [--lines=10000] [--librarians=20] [--claims=3] [--seed-rate=100] [--requests=300]
 *         [--concurrency=8] [--page-duration=15] [--rate=20] [--duration=60]   the librarians' desk pages ({@link DeskBench})
 *         [--tick-duration=30] [--tick-pause=2000]   and delivery ticks on an open conversation
 * common: [--statuses=true] (WhatsApp's sent/delivered/read webhooks) [--heap=256m] [--root=.] [--messages=TSV]
 *         [--jfr=DIR] a Java Flight Recording (profile) of each service, written to DIR when it stops
 *         [--jvm=OPTION,OPTION] more JVM options for every service (e.g. -XX:TieredStopAtLevel=1)
 *         e2e: [--warmup=S] S seconds at 10 messages/s first, answered but not counted (JIT warm-up)
 * </pre>
 */
public final class Bench {

    public static final List<String> FAULTS = List.of("kill-routing", "kill-gateway", "restart-broker", "restart-db");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench e2e|ingest|idle|desk|drill <fault> [--option=value ...]");
            System.exit(2);
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                String[] kv = arg.substring(2).split("=", 2);
                options.put(kv[0], kv.length > 1 ? kv[1] : "true");
            } else {
                words.add(arg);
            }
        }
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path messages = Path.of(options.getOrDefault("messages",
                root.resolve("data/indonesian/patron-questions-public.tsv").toString()));
        boolean statuses = Boolean.parseBoolean(options.getOrDefault("statuses", "true"));
        if (options.containsKey("jvm")) {
            System.setProperty(BenchStack.SERVICE_JVM_OPTIONS, options.get("jvm"));
        }
        if (options.containsKey("jfr")) {
            System.setProperty(BenchStack.FLIGHT_RECORDINGS, options.get("jfr"));
        }
        String heap = options.getOrDefault("heap", "256m");
        String scenario = words.isEmpty() ? "(none)" : words.get(0);
        System.out.printf("# Tanya Pustaka bench: %s%n%n%s%n%n", String.join(" ", args), machine());
        switch (scenario) {
            case "e2e" -> {
                List<String> texts = texts(messages, false);
                try (BenchStack stack = new BenchStack(root, List.of("gateway-service", "routing-service",
                        "catalog-service"), statuses, heap)) {
                    awaitDemoCatalogue(stack);
                    int warmup = intOption(options, "warmup", 0);
                    if (warmup > 0) {
                        // A fresh JVM compiles its hot code first: these messages are answered but not counted.
                        RunResult warm = e2e(stack, texts, "warm-up (not counted)", "6281199", 10, warmup);
                        System.out.println(RunResult.header());
                        System.out.println(warm.row());
                    }
                    if (options.containsKey("step")) {
                        step(stack, texts, intOption(options, "from", 100), intOption(options, "by", 100),
                                intOption(options, "to", 1500), intOption(options, "duration", 20));
                    } else {
                        RunResult result = e2e(stack, texts, "e2e", "6281100", intOption(options, "rate", 200),
                                intOption(options, "duration", 60));
                        System.out.println(RunResult.header());
                        System.out.println(result.row());
                    }
                    printMemory(stack, "after the load");
                }
            }
            case "ingest" -> ingest(root, heap, intOption(options, "rate", 5000), intOption(options, "duration", 20),
                    intOption(options, "concurrency", 64));
            case "idle" -> {
                try (BenchStack stack = new BenchStack(root, List.of("gateway-service", "routing-service",
                        "catalog-service", "analytics-service"), statuses, heap)) {
                    awaitDemoCatalogue(stack);
                    Map<String, Double> cpuBefore = Cpu.snapshot(stack);
                    long wallBefore = System.nanoTime();
                    Thread.sleep(30_000);
                    printCpu("30 s idle", Cpu.spent(cpuBefore, Cpu.snapshot(stack)), (System.nanoTime() - wallBefore) / 1e9, 0);
                    printMemory(stack, "idle, 30 s after start, all four services");
                }
            }
            case "desk" -> DeskBench.run(root, heap, statuses, texts(messages, false), options);
            case "drill" -> {
                if (words.size() < 2 || !FAULTS.contains(words.get(1))) {
                    System.err.println("usage: Bench drill " + String.join("|", FAULTS) + " [--rate=100] [--duration=60]");
                    System.exit(2);
                }
                List<String> texts = texts(messages, true);
                try (BenchStack stack = new BenchStack(root, List.of("gateway-service", "routing-service"), statuses,
                        heap)) {
                    int rate = intOption(options, "rate", 100);
                    int duration = intOption(options, "duration", 60);
                    Drilled drilled = drill(stack, words.get(1), texts, rate, rate * duration,
                            Duration.ofSeconds(duration / 3));
                    System.out.println(RunResult.header());
                    System.out.println(drilled.result().row());
                    System.out.printf(Locale.ROOT, "%nFault from %s to %s (%.1f s); first answers to webhooks sent in "
                            + "that time: %s%n", drilled.faultAt(), drilled.faultEnd(),
                            Duration.between(drilled.faultAt(), drilled.faultEnd()).toMillis() / 1000.0,
                            firstAnswers(drilled.deliveries(), drilled.faultAt(), drilled.faultEnd()));
                }
            }
            default -> {
                System.err.println("unknown scenario " + scenario + " (e2e, ingest, idle, desk, drill)");
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------- scenarios

    /** One open-loop run at a fixed rate; waits for the replies (up to a minute after the last send). */
    public static RunResult e2e(BenchStack stack, List<String> texts, String name, String patronPrefix, int rate,
            int seconds) throws Exception {
        try (LoadGenerator load = new LoadGenerator(stack.gateway().orElseThrow().uri("/webhook"), BenchStack.APP_SECRET,
                BenchStack.PHONE_NUMBER_ID)) {
            List<LoadGenerator.Delivery> deliveries = load.prepare(patronPrefix, texts, rate * seconds);
            load.retryUntil(Instant.now().plusSeconds(seconds + 60L));
            Map<String, Double> cpuBefore = Cpu.snapshot(stack);
            long wallBefore = System.nanoTime();
            load.send(deliveries, rate);
            printLag(stack, "when the last webhook of " + name + " was sent");
            LoadGenerator.awaitReplies(deliveries, stack.whatsapp(), Duration.ofSeconds(60));
            Thread.sleep(2_000); // a duplicate would come right after the first reply
            printCpu(name, Cpu.spent(cpuBefore, Cpu.snapshot(stack)), (System.nanoTime() - wallBefore) / 1e9,
                    deliveries.size());
            return RunResult.of(name, rate, deliveries, stack.whatsapp(), null);
        }
    }

    /** Raises the rate step by step; the highest held is the last with p99 ≤ 1 s and nothing lost or doubled. */
    static void step(BenchStack stack, List<String> texts, int from, int by, int to, int seconds) throws Exception {
        System.out.println(RunResult.header());
        int held = 0;
        int run = 0;
        for (int rate = from; rate <= to; rate += by) {
            RunResult result = e2e(stack, texts, "step " + rate + "/s", String.format("62812%02d", run++), rate, seconds);
            System.out.println(result.row());
            if (result.lost() == 0 && result.duplicates() == 0 && result.replyMs().p99() <= 1_000) {
                held = rate;
            } else {
                break;
            }
        }
        System.out.printf("%nHighest rate held with p99 ≤ 1 s, nothing lost and nothing doubled: %d messages/s%n", held);
    }

    /**
     * Under load, injects the fault a third of the way in, lets the load run on, then waits (up to three minutes)
     * for every message to be accepted and answered. Lost and duplicate replies must both be zero.
     */
    /** A drill's result, with the deliveries and the moments the fault began and ended. */
    public record Drilled(RunResult result, List<LoadGenerator.Delivery> deliveries, Instant faultAt, Instant faultEnd) {
    }

    public static Drilled drill(BenchStack stack, String fault, List<String> texts, int rate, int count,
            Duration faultAfter) throws Exception {
        try (LoadGenerator load = new LoadGenerator(stack.gateway().orElseThrow().uri("/webhook"), BenchStack.APP_SECRET,
                BenchStack.PHONE_NUMBER_ID)) {
            List<LoadGenerator.Delivery> deliveries = load.prepare("62813" + (10 + FAULTS.indexOf(fault)), texts, count);
            load.retryUntil(Instant.now().plusSeconds(count / rate + 240L));
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> load.send(deliveries, rate));
            Thread.sleep(faultAfter.toMillis());
            Instant faultAt = Instant.now();
            switch (fault) {
                case "kill-routing" -> {
                    stack.kill("routing-service");
                    Thread.sleep(10_000);
                    stack.restart("routing-service");
                }
                case "kill-gateway" -> {
                    stack.kill("gateway-service");
                    stack.restart("gateway-service");
                }
                case "restart-broker" -> {
                    stack.stopKafka();
                    Thread.sleep(15_000);
                    stack.startKafka();
                }
                case "restart-db" -> {
                    stack.stopPostgres();
                    stack.startPostgres();
                }
                default -> throw new IllegalArgumentException(fault);
            }
            Instant faultEnd = Instant.now();
            sending.join();
            LoadGenerator.awaitReplies(deliveries, stack.whatsapp(), Duration.ofMinutes(3));
            Thread.sleep(3_000);
            return new Drilled(RunResult.of(fault, rate, deliveries, stack.whatsapp(), faultAt), deliveries, faultAt,
                    faultEnd);
        }
    }

    /**
     * Webhook acknowledgement alone (only the gateway runs), side by side with two ceilings of this machine: the
     * Kafka producer on the same broker with the same record size and settings, and a bare HTTP endpoint of the
     * same service (the webhook verification handshake), all closed loop at the same concurrency; then the
     * acknowledgement latency open loop at the target rate.
     */
    static void ingest(Path root, String heap, int rate, int seconds, int concurrency) throws Exception {
        try (BenchStack stack = new BenchStack(root, List.of("gateway-service"), false, heap)) {
            URI webhook = stack.gateway().orElseThrow().uri("/webhook");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            MetaWebhooks webhooks = new MetaWebhooks(BenchStack.APP_SECRET, BenchStack.PHONE_NUMBER_ID);
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            AtomicLong patron = new AtomicLong();

            // Warm up the gateway (JIT, connection pools) for a few seconds.
            closedLoop(seconds / 4 + 2, concurrency, () -> postWebhook(http, webhook, webhooks, json,
                    "62814" + String.format("%07d", patron.incrementAndGet())));

            Measured ingest = closedLoop(seconds, concurrency, () -> postWebhook(http, webhook, webhooks, json,
                    "62815" + String.format("%07d", patron.incrementAndGet())));
            URI handshake = stack.gateway().orElseThrow().uri(
                    "/webhook?hub.mode=subscribe&hub.verify_token=bench-verify-token&hub.challenge=1158201444");
            Measured bare = closedLoop(seconds, concurrency, () -> http.sendAsync(HttpRequest.newBuilder(handshake).GET()
                    .build(), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
            byte[] record = oneInboundRecord(stack);
            Measured producer = producerCeiling(stack, record, seconds, concurrency);

            System.out.printf("Closed loop, %d requests in flight, %d s each; record size %d bytes%n%n", concurrency,
                    seconds, record.length);
            System.out.println("| path | per second | p50 ms | p99 ms | errors | ours ÷ ceiling (throughput) |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            System.out.println(ingest.row("signed webhook → gateway → Kafka (ours)", Double.NaN));
            System.out.println(producer.row("Kafka producer alone, same broker, acks=all", ingest.perSecond / producer.perSecond));
            System.out.println(bare.row("bare HTTP endpoint of the gateway (GET /webhook handshake)",
                    ingest.perSecond / bare.perSecond));

            // Open loop at the target rate: the acknowledgement latency a steady stream sees.
            try (LoadGenerator load = new LoadGenerator(webhook, BenchStack.APP_SECRET, BenchStack.PHONE_NUMBER_ID)) {
                List<LoadGenerator.Delivery> deliveries = load.prepare("6281600", List.of("halo"), rate * seconds);
                load.retryUntil(Instant.now());
                Instant start = Instant.now();
                load.send(deliveries, rate);
                Thread.sleep(3_000);
                RunResult open = RunResult.of("ingest open loop", rate, deliveries, stack.whatsapp(), null);
                double sentFor = Duration.between(start, Instant.now()).toMillis() / 1000.0 - 3;
                System.out.printf(Locale.ROOT, "%nOpen loop at %d webhooks/s for %d s (sent in %.1f s): %d sent, "
                        + "%d acknowledged 200 at the first attempt, ack p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        rate, seconds, sentFor, open.sent(), open.sent() - open.firstAttemptRejected(), open.ackMs().p50(),
                        open.ackMs().p95(), open.ackMs().p99(), open.ackMs().max());
            }
            printMemory(stack, "after the ingest runs");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** How the gateway first answered the webhooks sent while the fault lasted: status → count (0: no answer). */
    public static Map<Integer, Integer> firstAnswers(List<LoadGenerator.Delivery> deliveries, Instant from, Instant to) {
        Map<Integer, Integer> answers = new java.util.TreeMap<>();
        for (LoadGenerator.Delivery d : deliveries) {
            if (d.firstSentAt != null && d.firstSentAt.isAfter(from) && d.firstSentAt.isBefore(to)) {
                answers.merge(d.firstStatus, 1, Integer::sum);
            }
        }
        return answers;
    }

    record Measured(long count, long errors, double perSecond, RunResult.Percentiles ms) {

        String row(String name, double ratio) {
            return String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d | %s |", name, perSecond, ms.p50(),
                    ms.p99(), errors, Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio));
        }
    }

    interface Call {
        CompletableFuture<Integer> start() throws Exception;
    }

    /** Keeps {@code concurrency} calls in flight for the time given; counts the answers 200 and their latency. */
    static Measured closedLoop(int seconds, int concurrency, Call call) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        while (System.nanoTime() < end) {
            inFlight.acquire();
            long t0 = System.nanoTime();
            call.start().whenComplete((status, failure) -> {
                if (failure == null && status == 200) {
                    latencies.add((System.nanoTime() - t0) / 1e6);
                } else {
                    errors.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Measured(latencies.size(), errors.get(), latencies.size() / elapsed,
                RunResult.Percentiles.of(new ArrayList<>(latencies)));
    }

    private static CompletableFuture<Integer> postWebhook(HttpClient http, URI webhook, MetaWebhooks webhooks,
            com.fasterxml.jackson.databind.ObjectMapper json, String waId) throws Exception {
        byte[] body = json.writeValueAsBytes(webhooks.text(waId, "Pemustaka", MetaWebhooks.newWamid(), "halo kak"));
        return http.sendAsync(HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                .header(MetaWebhooks.SIGNATURE_HEADER, MetaWebhooks.sign(BenchStack.APP_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    /** A record the gateway published, to give the producer ceiling the same record size. */
    private static byte[] oneInboundRecord(BenchStack stack) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            TopicPartition partition = new TopicPartition(Topics.WHATSAPP_INBOUND, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            for (int i = 0; i < 50; i++) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    return records.iterator().next().value();
                }
            }
        }
        throw new IllegalStateException("The gateway published nothing on " + Topics.WHATSAPP_INBOUND);
    }

    private static Measured producerCeiling(BenchStack stack, byte[] record, int seconds, int concurrency)
            throws Exception {
        String topic = "bench.ceiling";
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        stack.createTopic(topic);
        AtomicLong key = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            return closedLoop(seconds, concurrency, () -> {
                CompletableFuture<Integer> done = new CompletableFuture<>();
                producer.send(new ProducerRecord<>(topic, "62817" + key.incrementAndGet(), record),
                        (metadata, failure) -> done.complete(failure == null ? 200 : 500));
                return done;
            });
        }
    }

    /** The catalogue must be loaded before catalogue questions are asked. */
    static void awaitDemoCatalogue(BenchStack stack) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI search = stack.service("catalog-service").uri("/api/catalog/search?q=laskar+pelangi");
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(search).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("Laskar")) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("The demo catalogue was not loaded within 3 minutes");
    }

    /**
     * Patron messages of the public sample (the texts only), shuffled the same way each run. Lines noted as spam are
     * left out: the bot ignores spam on purpose (no reply), and the runs count a message without a reply as lost.
     */
    public static List<String> texts(Path tsv, boolean withoutCatalogue) throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> lines = Files.readAllLines(tsv);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t");
            if (columns.length >= 2 && !columns[0].isBlank()
                    && !(withoutCatalogue && columns[1].equals("catalog_search"))
                    && !(columns.length >= 3 && columns[2].strip().equals("spam"))) {
                texts.add(columns[0]);
            }
        }
        Collections.shuffle(texts, new java.util.Random(20261128));
        return texts;
    }

    static void printLag(BenchStack stack, String when) {
        System.out.printf("%nConsumer lag (records not yet processed) %s:%n%n| group ← topic | behind |%n|---|---:|%n", when);
        stack.consumerLag().forEach((group, behind) -> System.out.printf("| %s | %d |%n", group, behind));
        System.out.println();
    }

    /**
     * CPU seconds each part of the stack spent during a run (sending, then until the replies were in, plus 2 s), per
     * patron message, and as a share of what the machine's cores could give in that time.
     */
    static void printCpu(String name, Map<String, Double> spent, double wallSeconds, int messages) {
        int cores = Runtime.getRuntime().availableProcessors();
        double total = spent.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf(Locale.ROOT, "%nCPU during %s (%.1f s wall, %d cores: %.1f CPU-s available; %d messages):%n%n"
                + "| part | CPU s | ms per message | share of the CPU used |%n|---|---:|---:|---:|%n", name, wallSeconds,
                cores, wallSeconds * cores, messages);
        spent.forEach((part, seconds) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %.0f %% |%n", part,
                seconds, perMessage(seconds, messages), total == 0 ? 0 : seconds * 100 / total));
        System.out.printf(Locale.ROOT, "| **total** | **%.1f** | **%s** | %.0f %% of the cores' time |%n", total,
                perMessage(total, messages), total * 100 / (wallSeconds * cores));
        System.out.println();
    }

    private static String perMessage(double seconds, int messages) {
        return messages == 0 ? "-" : String.format(Locale.ROOT, "%.2f", seconds * 1000 / messages);
    }

    static void printMemory(BenchStack stack, String when) {
        System.out.printf("%nMemory (%s):%n%n| process | MB |%n|---|---:|%n", when);
        long total = 0;
        for (Map.Entry<String, Long> entry : stack.residentMegabytes().entrySet()) {
            System.out.printf("| %s | %d |%n", entry.getKey(), entry.getValue());
            total += entry.getValue();
        }
        System.out.printf("| **total** | **%d** |%n", total);
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "Machine: %d cores, %d GB memory, Java %s; load average at start: %s",
                runtime.availableProcessors(), totalMemoryGb(), System.getProperty("java.version"), load);
    }

    private static long totalMemoryGb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    static int intOption(Map<String, String> options, String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }
}
