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
     * Median and 90th percentile of each duration from one sort each: PostgreSQL computes identical aggregates
     * once, and the array form answers both percentiles.
     */
    private static final String DURATIONS = """
            (percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY wait))[1],
            (percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY wait))[2],
            (percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY first_response))[1],
            (percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY first_response))[2],
            (percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY resolution))[1],
            (percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY resolution))[2]""";

    private static String handoverSql(Period period) {
        return """
                (SELECT %s AS bucket, out_of_hours, queued, closed_at,
                        COALESCE(closed_by, last_assigned_to) AS handled_by,
                        CASE WHEN first_assigned_at >= requested_at THEN date_part('epoch', first_assigned_at - requested_at) END AS wait,
                        CASE WHEN first_replied_at >= requested_at THEN date_part('epoch', first_replied_at - requested_at) END AS first_response,
                        CASE WHEN closed_at >= requested_at THEN date_part('epoch', closed_at - requested_at) END AS resolution
                 FROM handover WHERE requested_at >= ?1 AND requested_at < ?2) AS h""".formatted(period.bucketOf("requested_at"));
    }

    public List<HandoverRow> handovers(Period period) {
        Map<String, Object[]> found = new HashMap<>();
        for (Object[] row : Facts.rows("SELECT bucket, count(*), count(*) FILTER (WHERE out_of_hours),"
                + " count(*) FILTER (WHERE queued), count(closed_at), " + DURATIONS + " FROM " + handoverSql(period)
                + " GROUP BY bucket", period.start(), period.end())) {
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
        List<LibrarianRow> rows = new ArrayList<>();
        for (Object[] r : Facts.rows("SELECT bucket, handled_by, count(*), count(closed_at), " + DURATIONS + " FROM "
                + handoverSql(period) + " WHERE handled_by IS NOT NULL GROUP BY bucket, handled_by"
                + " ORDER BY bucket, count(*) DESC, handled_by", period.start(), period.end())) {
            rows.add(new LibrarianRow((String) r[0], (String) r[1], Facts.asLong(r[2]), Facts.asLong(r[3]),
                    Facts.asDecimal(r[4]), Facts.asDecimal(r[5]), Facts.asDecimal(r[6]), Facts.asDecimal(r[7]),
                    Facts.asDecimal(r[8]), Facts.asDecimal(r[9])));
        }
        return rows;
    }

    public List<SatisfactionRow> satisfaction(Period period) {
        Map<String, Object[]> found = new HashMap<>();
        for (Object[] row : Facts.rows("SELECT " + period.bucketOf("closed_at") + ", count(*), count(rating), avg(rating),"
                + " count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),"
                + " count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5)"
                + " FROM handover WHERE closed_at >= ?1 AND closed_at < ?2 GROUP BY 1", period.start(), period.end())) {
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
