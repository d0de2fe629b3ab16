package org.tanyapustaka.analytics.figures;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sums of the rollups ({@code hourly_count}, {@code daily_count}) per bucket and dimension. */
public final class HourlyCounts {

    private final Map<String, Map<String, Long>> byBucket = new HashMap<>();

    private HourlyCounts() {
    }

    /** The sums of {@code metric} over the period, by bucket and dimension: from the hours when grouped by hour, else the days. */
    public static HourlyCounts of(String metric, Period period) {
        HourlyCounts counts = new HourlyCounts();
        List<Object[]> rows = period.grouping() == Grouping.HOUR
                ? Facts.rows("SELECT " + period.bucketOf("hour") + ", dimension, sum(n) FROM hourly_count"
                        + " WHERE metric = ?1 AND hour >= ?2 AND hour < ?3 GROUP BY 1, 2",
                        metric, period.start(), period.end())
                : Facts.rows("SELECT " + period.bucketOfDate("day") + ", dimension, sum(n) FROM daily_count"
                        + " WHERE metric = ?1 AND day >= ?2 AND day <= ?3 GROUP BY 1, 2",
                        metric, period.from(), period.to());
        for (Object[] row : rows) {
            counts.byBucket.computeIfAbsent((String) row[0], b -> new HashMap<>()).put((String) row[1], Facts.asLong(row[2]));
        }
        return counts;
    }

    public long get(String bucket, String dimension) {
        return byBucket.getOrDefault(bucket, Map.of()).getOrDefault(dimension, 0L);
    }

    /** Every dimension of one bucket. */
    public Map<String, Long> dimensions(String bucket) {
        return byBucket.getOrDefault(bucket, Map.of());
    }

    /** The sum over every dimension of one bucket. */
    public long total(String bucket) {
        return dimensions(bucket).values().stream().mapToLong(Long::longValue).sum();
    }
}
