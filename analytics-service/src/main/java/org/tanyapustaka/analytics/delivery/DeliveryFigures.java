package org.tanyapustaka.analytics.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.tanyapustaka.analytics.figures.HourlyCounts;
import org.tanyapustaka.analytics.figures.Period;

/**
 * What became of the library's messages. Each message counts once, under its current status, in the bucket of its
 * first status: {@code sent} = reached WhatsApp's servers and not failed (sent, delivered or read now),
 * {@code delivered} = delivered or read, {@code read}, {@code failed}. Send errors (WhatsApp refused the send) and
 * failed statuses are also counted by error code in the bucket they happened in; those with code 131047 (outside
 * the 24-hour customer service window) separately.
 */
@ApplicationScoped
@Transactional
public class DeliveryFigures {

    /**
     * @param sendErrors     sends WhatsApp refused (no message was created)
     * @param windowFailures send errors and failed statuses with code 131047 (outside the 24-hour window)
     */
    public record DeliveryRow(String bucket, long messages, long sent, long delivered, long read, long failed,
            long sendErrors, long windowFailures) {
    }

    /**
     * @param source             send (WhatsApp refused the send) or status (a failed delivery status)
     * @param code               WhatsApp's error code (0: none given)
     * @param outside24HourWindow whether the code is 131047
     */
    public record ErrorRow(String bucket, String source, int code, boolean outside24HourWindow, long failures) {
    }

    public List<DeliveryRow> delivery(Period period) {
        HourlyCounts states = HourlyCounts.of("delivery", period);
        HourlyCounts failures = HourlyCounts.of("failure", period);
        List<DeliveryRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            long sent = states.get(bucket, "sent");
            long delivered = states.get(bucket, "delivered");
            long read = states.get(bucket, "read");
            long failed = states.get(bucket, "failed");
            long sendErrors = 0;
            long window = 0;
            for (Map.Entry<String, Long> failure : failures.dimensions(bucket).entrySet()) {
                if (failure.getKey().startsWith("send:")) {
                    sendErrors += failure.getValue();
                }
                if (failure.getKey().endsWith(":" + DeliveryFacts.OUTSIDE_24_HOUR_WINDOW)) {
                    window += failure.getValue();
                }
            }
            rows.add(new DeliveryRow(bucket, sent + delivered + read + failed, sent + delivered + read, delivered + read,
                    read, failed, sendErrors, window));
        }
        return rows;
    }

    /** Failures by source and code per bucket, most frequent first within a bucket. */
    public List<ErrorRow> errors(Period period) {
        HourlyCounts failures = HourlyCounts.of("failure", period);
        List<ErrorRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            List<ErrorRow> inBucket = new ArrayList<>();
            failures.dimensions(bucket).forEach((dimension, n) -> {
                if (n > 0) {
                    int colon = dimension.indexOf(':');
                    int code = Integer.parseInt(dimension.substring(colon + 1));
                    inBucket.add(new ErrorRow(bucket, dimension.substring(0, colon), code,
                            code == DeliveryFacts.OUTSIDE_24_HOUR_WINDOW, n));
                }
            });
            inBucket.sort(Comparator.comparingLong(ErrorRow::failures).reversed()
                    .thenComparing(ErrorRow::source).thenComparingInt(ErrorRow::code));
            rows.addAll(inBucket);
        }
        return rows;
    }
}
