package org.tanyapustaka.analytics.patron;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.figures.Grouping;
import org.tanyapustaka.analytics.figures.Period;

/** Unique patrons per bucket, and how many of them wrote for the first time ever. */
@ApplicationScoped
@Transactional
public class PatronFigures {

    /**
     * @param uniquePatrons    patrons who wrote in the bucket
     * @param newPatrons       of those, patrons whose first message ever was in the bucket
     * @param returningPatrons of those, patrons who had written before
     */
    public record PatronRow(String bucket, long uniquePatrons, long newPatrons, long returningPatrons) {
    }

    public List<PatronRow> patrons(Period period) {
        Map<String, long[]> found = period.grouping() == Grouping.HOUR ? byHour(period) : byDays(period);
        List<PatronRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            long[] r = found.getOrDefault(bucket, new long[2]);
            rows.add(new PatronRow(bucket, r[0], r[1], r[0] - r[1]));
        }
        return rows;
    }

    /**
     * Unique and new patrons of every bucket in one pass over the range's {@code patron_return} rows: a bucket
     * [a, b] (cut to the range at its ends) has the patrons of its days whose previous day is before a, and the new
     * ones among them (no previous day). Buckets come back keyed by their label.
     */
    private static Map<String, long[]> byDays(Period period) {
        Grouping grouping = period.grouping();
        String bucketStart = grouping == null ? "CAST(?1 AS date)"
                : "GREATEST(CAST(date_trunc('" + grouping.unit() + "', CAST(day AS timestamp)) AS date), ?1)";
        Map<String, long[]> found = new HashMap<>();
        for (Object[] row : Facts.rows("SELECT " + period.bucketOfDate("bucket_start") + ","
                + " sum(patrons) FILTER (WHERE previous_day < bucket_start),"
                + " sum(patrons) FILTER (WHERE previous_day = DATE '-infinity')"
                + " FROM (SELECT " + bucketStart + " AS bucket_start, previous_day, patrons FROM patron_return"
                + " WHERE day >= ?1 AND day <= ?2) AS r GROUP BY bucket_start", period.from(), period.to())) {
            found.put((String) row[0], new long[] { Facts.asLong(row[1]), Facts.asLong(row[2]) });
        }
        return found;
    }

    /** By hour (at most a month): distinct patrons from the messages themselves, new ones from their first sight. */
    private static Map<String, long[]> byHour(Period period) {
        Map<String, long[]> found = new HashMap<>();
        for (Object[] row : Facts.rows("SELECT " + period.bucketOf("sent_at") + ", count(DISTINCT patron_hash)"
                + " FROM inbound_message_fact WHERE sent_at >= ?1 AND sent_at < ?2 GROUP BY 1",
                period.start(), period.end())) {
            found.computeIfAbsent((String) row[0], b -> new long[2])[0] = Facts.asLong(row[1]);
        }
        for (Object[] row : Facts.rows("SELECT " + period.bucketOf("first_seen") + ", count(*) FROM patron"
                + " WHERE first_seen >= ?1 AND first_seen < ?2 GROUP BY 1", period.start(), period.end())) {
            found.computeIfAbsent((String) row[0], b -> new long[2])[1] = Facts.asLong(row[1]);
        }
        return found;
    }
}
