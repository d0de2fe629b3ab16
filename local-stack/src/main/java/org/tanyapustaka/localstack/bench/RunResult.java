package org.tanyapustaka.localstack.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn;

/**
 * What one load run measured: for every webhook, whether it was accepted and how fast, and how many replies its
 * patron got and when the first came.
 */
public record RunResult(String name, double rate, int sent, int accepted, int firstAttemptRejected, int retried,
        int lost, int duplicates, double throughput, double sendSeconds, Percentiles ackMs, Percentiles replyMs,
        Duration degraded) {

    /** p50, p95, p99 and max in milliseconds; NaN when there is nothing to measure. */
    public record Percentiles(int count, double p50, double p95, double p99, double max) {

        static Percentiles of(List<Double> values) {
            if (values.isEmpty()) {
                return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(Comparator.naturalOrder());
            return new Percentiles(sorted.size(), at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                    sorted.get(sorted.size() - 1));
        }

        /** Nearest-rank percentile. */
        private static double at(List<Double> sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }
    }

    /**
     * @param faultAt when a fault was injected (null for none): "degraded" is the span from it to the send time of the
     *                last message that was not acknowledged at once or not answered within a second
     */
    public static RunResult of(String name, double rate, List<LoadGenerator.Delivery> deliveries,
            WhatsAppCloudStandIn whatsapp, Instant faultAt) {
        Map<String, List<Instant>> replies = new HashMap<>();
        for (WhatsAppCloudStandIn.SentMessage message : whatsapp.sent()) {
            if (LoadGenerator.isReply(message)) {
                replies.computeIfAbsent(message.to(), k -> new ArrayList<>()).add(message.at());
            }
        }
        int accepted = 0;
        int rejectedFirst = 0;
        int retried = 0;
        int lost = 0;
        int duplicates = 0;
        List<Double> acks = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        Instant firstSent = null;
        Instant lastReply = null;
        Instant lastBad = null;
        for (LoadGenerator.Delivery d : deliveries) {
            if (d.firstSentAt == null) {
                continue;
            }
            firstSent = firstSent == null || d.firstSentAt.isBefore(firstSent) ? d.firstSentAt : firstSent;
            if (d.accepted) {
                accepted++;
            }
            if (d.firstStatus != 200) {
                rejectedFirst++;
            } else {
                acks.add(d.firstAckNanos / 1e6);
            }
            if (d.attempts.get() > 1) {
                retried++;
            }
            List<Instant> got = replies.getOrDefault(d.waId, List.of());
            boolean bad = d.firstStatus != 200;
            if (got.isEmpty()) {
                lost++;
                bad = true;
            } else {
                duplicates += got.size() - 1;
                Instant first = got.stream().min(Comparator.naturalOrder()).orElseThrow();
                double ms = Duration.between(d.firstSentAt, first).toNanos() / 1e6;
                latencies.add(ms);
                bad |= ms > 1_000;
                lastReply = lastReply == null || first.isAfter(lastReply) ? first : lastReply;
            }
            if (bad && (lastBad == null || d.firstSentAt.isAfter(lastBad))) {
                lastBad = d.firstSentAt;
            }
        }
        Instant lastSent = deliveries.stream().map(d -> d.firstSentAt).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(firstSent);
        double sendSeconds = firstSent == null ? 0 : Duration.between(firstSent, lastSent).toNanos() / 1e9;
        double throughput = firstSent == null || lastReply == null ? 0
                : (deliveries.size() - lost) / Math.max(1e-3, Duration.between(firstSent, lastReply).toNanos() / 1e9);
        Duration degraded = faultAt == null || lastBad == null || lastBad.isBefore(faultAt) ? Duration.ZERO
                : Duration.between(faultAt, lastBad);
        return new RunResult(name, rate, deliveries.size(), accepted, rejectedFirst, retried, lost, duplicates,
                throughput, sendSeconds, Percentiles.of(acks), Percentiles.of(latencies), degraded);
    }

    public static String header() {
        return "| run | rate/s | sent | accepted | 1st attempt not 200 | retried | lost | duplicate | replies/s | "
                + "reply p50 | p95 | p99 | max (ms) | ack p50 | ack p99 (ms) | degraded |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    public String row() {
        return String.format(Locale.ROOT,
                "| %s | %.0f | %d | %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s |",
                name, rate, sent, accepted, firstAttemptRejected, retried, lost, duplicates, throughput, replyMs.p50(),
                replyMs.p95(), replyMs.p99(), replyMs.max(), ackMs.p50(), ackMs.p99(),
                degraded.isZero() ? "-" : String.format(Locale.ROOT, "%.1f s", degraded.toMillis() / 1000.0));
    }
}
