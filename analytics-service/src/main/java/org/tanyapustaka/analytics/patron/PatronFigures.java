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
            unique.put(Period.WHOLE_RANGE, distinctOver(period.from(), period.to()));
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
                    unique.put(grouping.label(start), distinctOver(start.isBefore(period.from()) ? period.from() : start,
                            end.isAfter(period.to()) ? period.to() : end));
                }
            }
            if (firstWhole != null) {
                for (Object[] row : Facts.rows("SELECT " + period.bucketOfDate("period") + ", patrons FROM patron_count"
                        + " WHERE period_kind = ?1 AND period >= ?2 AND period <= ?3", kind, firstWhole, lastWhole)) {
                    unique.put((String) row[0], Facts.asLong(row[1]));
                }
            }
        }
        return unique;
    }

    /**
     * Distinct patrons from {@code from} to {@code to}: the range covered by whole years, months, weeks (Monday to
     * Sunday, within a month) and days, then the distinct patrons of those rows — twelve months are then 12 rows per
     * patron, not 365; exactly one period is its count. The dates are generated here, never taken from the request.
     */
    static long distinctOver(LocalDate from, LocalDate to) {
        Map<String, List<String>> parts = new java.util.LinkedHashMap<>();
        parts.put("y", new ArrayList<>());
        parts.put("m", new ArrayList<>());
        parts.put("w", new ArrayList<>());
        parts.put("d", new ArrayList<>());
        LocalDate day = from;
        while (!day.isAfter(to)) {
            LocalDate weekEnd = Grouping.WEEK.endOf(day);
            if (day.getDayOfYear() == 1 && !day.plusYears(1).minusDays(1).isAfter(to)) {
                parts.get("y").add("DATE '" + day + "'");
                day = day.plusYears(1);
            } else if (day.getDayOfMonth() == 1 && !Grouping.MONTH.endOf(day).isAfter(to)) {
                parts.get("m").add("DATE '" + day + "'");
                day = day.plusMonths(1);
            } else if (day.getDayOfWeek() == java.time.DayOfWeek.MONDAY && !weekEnd.isAfter(to)
                    && weekEnd.getMonth() == day.getMonth()) {
                parts.get("w").add("DATE '" + day + "'");
                day = day.plusWeeks(1);
            } else {
                parts.get("d").add("DATE '" + day + "'");
                day = day.plusDays(1);
            }
        }
        List<String> conditions = new ArrayList<>();
        for (Map.Entry<String, List<String>> only : parts.entrySet()) {
            if (only.getValue().size() == 1 && parts.values().stream().mapToInt(List::size).sum() == 1) {
                // one whole period: its count, kept at ingest
                return Facts.asLong(Facts.single("SELECT COALESCE(sum(patrons), 0) FROM patron_count WHERE period_kind = '"
                        + only.getKey() + "' AND period = " + only.getValue().get(0)));
            }
        }
        parts.forEach((kind, periods) -> {
            if (!periods.isEmpty()) {
                conditions.add("(period_kind = '" + kind + "' AND period IN (" + String.join(", ", periods) + "))");
            }
        });
        return Facts.asLong(Facts.single("SELECT count(*) FROM (SELECT DISTINCT patron_key FROM patron_period WHERE "
                + String.join(" OR ", conditions) + ") AS patrons"));
    }
}
