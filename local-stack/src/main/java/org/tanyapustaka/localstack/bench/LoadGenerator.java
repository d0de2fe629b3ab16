package org.tanyapustaka.localstack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn;

/**
 * Behaves like Meta towards the gateway: signs each webhook with the app secret, sends them at a fixed rate
 * whatever the answers (open loop: a slow answer delays nothing that follows, so it cannot hide latency), and
 * retries a delivery that was not answered 200 with growing pauses, as Meta does. Every message comes from a
 * patron of its own, so each must get exactly one reply; the replies are what the Graph API stand-in recorded.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Meta retries failed deliveries with decreasing frequency; here: after 1, 2, 4, 8 s, then every 10 s. */
    private static final long[] RETRY_PAUSES_MS = { 1_000, 2_000, 4_000, 8_000, 10_000 };

    /** One webhook delivery and what became of it. */
    public static final class Delivery {
        public final int index;
        public final String waId;
        public final String text;
        public final byte[] body;
        public volatile Instant firstSentAt;
        public volatile long firstSentNanos;
        /** Time to the first attempt's answer; -1 if it failed without one. */
        public volatile long firstAckNanos = -1;
        public volatile int firstStatus;
        public volatile int lastStatus;
        public volatile boolean accepted;
        public final AtomicInteger attempts = new AtomicInteger();

        Delivery(int index, String waId, String text, byte[] body) {
            this.index = index;
            this.waId = waId;
            this.text = text;
            this.body = body;
        }
    }

    private final URI webhook;
    private final MetaWebhooks webhooks;
    private final String appSecret;
    private final ExecutorService httpExecutor = Executors.newFixedThreadPool(4, daemon("bench-http"));
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(daemon("bench-retry"));
    private final HttpClient http;
    private volatile Instant retryUntil = Instant.MAX;

    public LoadGenerator(URI webhook, String appSecret, String phoneNumberId) {
        this.webhook = webhook;
        this.appSecret = appSecret;
        this.webhooks = new MetaWebhooks(appSecret, phoneNumberId);
        this.http = HttpClient.newBuilder().executor(httpExecutor).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The deliveries to make: message i comes from patron {@code prefix + i}, with the i-th text (cycled). */
    public List<Delivery> prepare(String patronPrefix, List<String> texts, int count) throws Exception {
        return prepare(i -> patronPrefix + String.format("%07d", i), texts, count);
    }

    /** The deliveries to make: message i comes from the patron {@code waIdOf(i)}, with the i-th text (cycled). */
    public List<Delivery> prepare(java.util.function.IntFunction<String> waIdOf, List<String> texts, int count)
            throws Exception {
        List<Delivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String waId = waIdOf.apply(i);
            String text = texts.get(i % texts.size());
            byte[] body = JSON.writeValueAsBytes(webhooks.text(waId, "Pemustaka " + i, MetaWebhooks.newWamid(), text));
            deliveries.add(new Delivery(i, waId, text, body));
        }
        return deliveries;
    }

    /** Sends the deliveries at the rate (per second), open loop; returns when the last has been sent. */
    public void send(List<Delivery> deliveries, double rate) {
        long period = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        for (Delivery delivery : deliveries) {
            long due = start + delivery.index * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            attempt(delivery);
        }
    }

    /** Retries stop being scheduled after this moment (a bench has an end; Meta retries for days). */
    public void retryUntil(Instant until) {
        this.retryUntil = until;
    }

    private void attempt(Delivery delivery) {
        int attempt = delivery.attempts.incrementAndGet();
        long sent = System.nanoTime();
        if (attempt == 1) {
            delivery.firstSentNanos = sent;
            delivery.firstSentAt = Instant.now();
        }
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header(MetaWebhooks.SIGNATURE_HEADER, MetaWebhooks.sign(appSecret, delivery.body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            int status = failure == null ? response.statusCode() : 0;
            if (attempt == 1) {
                delivery.firstStatus = status;
                if (failure == null) {
                    delivery.firstAckNanos = System.nanoTime() - sent;
                }
            }
            delivery.lastStatus = status;
            if (status == 200) {
                delivery.accepted = true;
                return;
            }
            long pause = RETRY_PAUSES_MS[Math.min(attempt - 1, RETRY_PAUSES_MS.length - 1)];
            if (Instant.now().plusMillis(pause).isBefore(retryUntil)) {
                retries.schedule(() -> attempt(delivery), pause, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Waits until every delivery is accepted and answered, or the time is up. */
    public static void awaitReplies(List<Delivery> deliveries, WhatsAppCloudStandIn whatsapp, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Map<String, Integer> replies = replyCounts(whatsapp);
            if (deliveries.stream().allMatch(d -> d.accepted && replies.getOrDefault(d.waId, 0) > 0)) {
                return;
            }
            Thread.sleep(500);
        }
    }

    static Map<String, Integer> replyCounts(WhatsAppCloudStandIn whatsapp) {
        Map<String, Integer> counts = new HashMap<>();
        for (WhatsAppCloudStandIn.SentMessage message : whatsapp.sent()) {
            if (isReply(message)) {
                counts.merge(message.to(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** A message to a patron; read receipts and typing indicators are not replies. */
    static boolean isReply(WhatsAppCloudStandIn.SentMessage message) {
        return message.to() != null && !message.request().has("status");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        retries.shutdownNow();
        httpExecutor.shutdownNow();
    }
}
