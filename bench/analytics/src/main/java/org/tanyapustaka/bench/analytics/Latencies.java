package org.tanyapustaka.bench.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Response times of one query, in nanoseconds, summarised as nearest-rank percentiles. */
final class Latencies {

    private final List<Long> nanos = new ArrayList<>();

    void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    void addAll(Latencies other) {
        nanos.addAll(other.nanos);
    }

    int count() {
        return nanos.size();
    }

    /** The nearest-rank percentile (p in 0..100) in milliseconds; NaN without samples. */
    double millis(double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
    }

    double p50() {
        return millis(50);
    }

    double p95() {
        return millis(95);
    }

    double p99() {
        return millis(99);
    }

    double max() {
        return millis(100);
    }
}
