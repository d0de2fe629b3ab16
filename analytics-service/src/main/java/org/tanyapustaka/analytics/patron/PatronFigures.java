package org.tanyapustaka.analytics.patron;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
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
        Map<String, Long> unique = unique(period);
        Map<String, Long> fresh = new HashMap<>();
        for (Object[] row : Facts.rows("SELECT " + period.bucketOf("first_seen") + ", count(*) FROM patron"
                + " WHERE first_seen >= ?1 AND first_seen < ?2 GROUP BY 1", period.start(), period.end())) {
            fresh.put((String) row[0], Facts.asLong(row[1]));
        }
        List<PatronRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            long all = unique.getOrDefault(bucket, 0L);
            long first = fresh.getOrDefault(bucket, 0L);
            rows.add(new PatronRow(bucket, all, first, all - first));
        }
        return rows;
    }

    /**
     * Distinct patrons per bucket. By hour from the messages themselves (at most a month of them); by day from
     * the days patrons wrote; a week or month wholly inside the range from its own rows, a partial one (at the
     * range's edges) from its days.
     */
    private Map<String, Long> unique(Period period) {
        Map<String, Long> unique = new HashMap<>();
        Grouping grouping = period.grouping();
        if (grouping == null) {
            unique.put(Period.WHOLE_RANGE, distinctOverDays(period.from(), period.to()));
        } else if (grouping == Grouping.HOUR) {
            for (Object[] row : Facts.rows("SELECT " + period.bucketOf("sent_at") + ", count(DISTINCT patron_hash)"
                    + " FROM inbound_message_fact WHERE sent_at >= ?1 AND sent_at < ?2 GROUP BY 1",
                    period.start(), period.end())) {
                unique.put((String) row[0], Facts.asLong(row[1]));
            }
        } else {
            String kind = grouping == Grouping.DAY ? "d" : grouping == Grouping.WEEK ? "w" : "m";
            LocalDate firstWhole = null;
            LocalDate lastWhole = null;
            for (LocalDate start = grouping.startOf(period.from()); !start.isAfter(period.to());
                    start = grouping.endOf(start).plusDays(1)) {
                LocalDate end = grouping.endOf(start);
                if (!start.isBefore(period.from()) && !end.isAfter(period.to())) {
                    firstWhole = firstWhole == null ? start : firstWhole;
                    lastWhole = start;
                } else {
                    unique.put(grouping.label(start), distinctOverDays(start.isBefore(period.from()) ? period.from() : start,
                            end.isAfter(period.to()) ? period.to() : end));
                }
            }
            if (firstWhole != null) {
                for (Object[] row : Facts.rows("SELECT " + period.bucketOfDate("period") + ", count(*) FROM patron_period"
                        + " WHERE period_kind = ?1 AND period >= ?2 AND period <= ?3 GROUP BY 1", kind, firstWhole, lastWhole)) {
                    unique.put((String) row[0], Facts.asLong(row[1]));
                }
            }
        }
        return unique;
    }

    private static long distinctOverDays(LocalDate from, LocalDate to) {
        return Facts.asLong(Facts.single("SELECT count(*) FROM (SELECT DISTINCT patron_key FROM patron_period"
                + " WHERE period_kind = 'd' AND period >= ?1 AND period <= ?2) AS patrons", from, to));
    }
}
