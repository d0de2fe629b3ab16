package org.tanyapustaka.analytics.handover;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.figures.Period;

/**
 * Handovers to librarians, counted in the bucket they were requested in. Waiting = first assignment − request;
 * first response = first librarian reply − request; resolution = closing − request; in seconds, median and 90th
 * percentile (continuous). A handover is handled by the librarian who closed it, or, while open or closed by the
 * idle timeout, the librarian it was last assigned to. Satisfaction counts handovers in the bucket they closed in.
 */
@ApplicationScoped
@Transactional
public class HandoverFigures {

    public record HandoverRow(String bucket, long requested, long outOfHours, long queued, long closed,
            Double waitMedianSeconds, Double waitP90Seconds, Double firstResponseMedianSeconds,
            Double firstResponseP90Seconds, Double resolutionMedianSeconds, Double resolutionP90Seconds) {
    }

    public record LibrarianRow(String bucket, String librarian, long handled, long closed,
            Double waitMedianSeconds, Double waitP90Seconds, Double firstResponseMedianSeconds,
            Double firstResponseP90Seconds, Double resolutionMedianSeconds, Double resolutionP90Seconds) {
    }

    /**
     * @param closed        handovers closed in the bucket
     * @param rated         of those, rated by the patron
     * @param responseRate  rated ÷ closed (0–1), null when none closed
     * @param averageRating mean rating (1–5), null when none rated
     */
    public record SatisfactionRow(String bucket, long closed, long rated, Double responseRate, Double averageRating,
            long rating1, long rating2, long rating3, long rating4, long rating5) {
    }

    /**
     * Median and 90th percentile of each duration from one sort each: the array form of percentile_cont answers both
     * percentiles. The durations are stored with each handover (V4__handover_durations.sql).
     */
    private static final String DURATIONS = """
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY wait_seconds) AS wait,
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY first_response_seconds) AS first_response,
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY resolution_seconds) AS resolution""";

    private static final String PERCENTILES = "wait[1], wait[2], first_response[1], first_response[2], resolution[1], resolution[2]";

    /** The handovers requested in the range, by the start of their bucket: only the columns the figures read. */
    private static String requestedIn(Period period) {
        return "(SELECT " + period.bucketStart("requested_at", "requested_day") + " AS bucket_start, out_of_hours, queued,"
                + " closed_at, handled_by, wait_seconds, first_response_seconds, resolution_seconds FROM handover"
                + " WHERE requested_day >= ?1 AND requested_day <= ?2) AS h";
    }

    /**
     * Sorting a year of handovers for the groups and the percentiles takes more than the default 4 MB of memory;
     * this transaction gets enough not to sort on disk.
     */
    private static void sortInMemory() {
        Facts.update("SET LOCAL work_mem = '32MB'");
    }

    public List<HandoverRow> handovers(Period period) {
        sortInMemory();
        Map<String, Object[]> found = new HashMap<>();
        for (Object[] row : Facts.rows("SELECT " + period.labelOf("bucket_start") + ", requested, out_of_hours, queued, closed, "
                + PERCENTILES + " FROM (SELECT bucket_start, count(*) AS requested, count(*) FILTER (WHERE out_of_hours) AS out_of_hours,"
                + " count(*) FILTER (WHERE queued) AS queued, count(closed_at) AS closed, " + DURATIONS
                + " FROM " + requestedIn(period) + " GROUP BY bucket_start) AS b", period.from(), period.to())) {
            found.put((String) row[0], row);
        }
        List<HandoverRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            Object[] r = found.getOrDefault(bucket, new Object[11]);
            rows.add(new HandoverRow(bucket, Facts.asLong(r[1]), Facts.asLong(r[2]), Facts.asLong(r[3]), Facts.asLong(r[4]),
                    Facts.asDecimal(r[5]), Facts.asDecimal(r[6]), Facts.asDecimal(r[7]), Facts.asDecimal(r[8]),
                    Facts.asDecimal(r[9]), Facts.asDecimal(r[10])));
        }
        return rows;
    }

    /** Per bucket and librarian (handovers nobody was assigned to are left out); busiest librarian first. */
    public List<LibrarianRow> librarians(Period period) {
        sortInMemory();
        List<LibrarianRow> rows = new ArrayList<>();
        for (Object[] r : Facts.rows("SELECT " + period.labelOf("bucket_start") + " AS bucket, handled_by, handled, closed, "
                + PERCENTILES + " FROM (SELECT bucket_start, handled_by, count(*) AS handled, count(closed_at) AS closed, "
                + DURATIONS + " FROM " + requestedIn(period) + " WHERE handled_by IS NOT NULL GROUP BY bucket_start, handled_by) AS b"
                + " ORDER BY bucket, handled DESC, handled_by", period.from(), period.to())) {
            rows.add(new LibrarianRow((String) r[0], (String) r[1], Facts.asLong(r[2]), Facts.asLong(r[3]),
                    Facts.asDecimal(r[4]), Facts.asDecimal(r[5]), Facts.asDecimal(r[6]), Facts.asDecimal(r[7]),
                    Facts.asDecimal(r[8]), Facts.asDecimal(r[9])));
        }
        return rows;
    }

    public List<SatisfactionRow> satisfaction(Period period) {
        Map<String, Object[]> found = new HashMap<>();
        for (Object[] row : Facts.rows("SELECT " + period.labelOf("bucket_start") + ", closed, rated, average,"
                + " rating1, rating2, rating3, rating4, rating5 FROM (SELECT bucket_start, count(*) AS closed,"
                + " count(rating) AS rated, avg(rating) AS average, count(*) FILTER (WHERE rating = 1) AS rating1,"
                + " count(*) FILTER (WHERE rating = 2) AS rating2, count(*) FILTER (WHERE rating = 3) AS rating3,"
                + " count(*) FILTER (WHERE rating = 4) AS rating4, count(*) FILTER (WHERE rating = 5) AS rating5"
                + " FROM (SELECT " + period.bucketStart("closed_at", "closed_day") + " AS bucket_start, rating FROM handover"
                + " WHERE closed_day >= ?1 AND closed_day <= ?2) AS h GROUP BY bucket_start) AS b", period.from(), period.to())) {
            found.put((String) row[0], row);
        }
        List<SatisfactionRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            Object[] r = found.getOrDefault(bucket, new Object[9]);
            long closed = Facts.asLong(r[1]);
            long rated = Facts.asLong(r[2]);
            rows.add(new SatisfactionRow(bucket, closed, rated, Facts.share(rated, closed),
                    r[3] == null ? null : Math.round(((Number) r[3]).doubleValue() * 100) / 100.0,
                    Facts.asLong(r[4]), Facts.asLong(r[5]), Facts.asLong(r[6]), Facts.asLong(r[7]), Facts.asLong(r[8])));
        }
        return rows;
    }
}
