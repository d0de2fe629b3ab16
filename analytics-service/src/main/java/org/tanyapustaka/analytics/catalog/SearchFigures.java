package org.tanyapustaka.analytics.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.time.LocalDate;
import org.tanyapustaka.analytics.figures.Grouping;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.figures.Period;

/** Catalogue searches: how many, how many found nothing, what patrons look for, how fast the catalogue answers. */
@ApplicationScoped
@Transactional
public class SearchFigures {

    /**
     * @param withoutResult searches that found nothing
     * @param medianHits    median number of records found
     * @param medianTookMs  median time the catalogue took, in milliseconds
     */
    public record SearchRow(String bucket, long searches, long withoutResult, Double medianHits, Double medianTookMs) {
    }

    /** @param terms the normalised search terms */
    public record TermsRow(String terms, long searches, long withoutResult) {
    }

    /**
     * By hour from the searches themselves (at most a month of them); otherwise from the counts of each number of
     * hits and each search time per month (whole months, when grouped by month or over the whole range) and per day
     * (every other day), with the same continuous median as percentile_cont.
     */
    public List<SearchRow> searches(Period period) {
        if (period.grouping() != Grouping.HOUR) {
            return fromValueCounts(period);
        }
        Map<String, Object[]> found = new HashMap<>();
        for (Object[] row : Facts.rows("SELECT " + period.bucketOf("searched_at") + ", count(*),"
                + " count(*) FILTER (WHERE hits = 0), percentile_cont(0.5) WITHIN GROUP (ORDER BY hits),"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY took_ms)"
                + " FROM search_fact WHERE searched_at >= ?1 AND searched_at < ?2 GROUP BY 1", period.start(), period.end())) {
            found.put((String) row[0], row);
        }
        List<SearchRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            Object[] r = found.getOrDefault(bucket, new Object[5]);
            rows.add(new SearchRow(bucket, Facts.asLong(r[1]), Facts.asLong(r[2]), Facts.asDecimal(r[3]), Facts.asDecimal(r[4])));
        }
        return rows;
    }

    private static List<SearchRow> fromValueCounts(Period period) {
        Map<String, TreeMap<Integer, Long>> hits = new HashMap<>();
        Map<String, TreeMap<Integer, Long>> took = new HashMap<>();
        String counts = period.grouping() == null || period.grouping() == Grouping.MONTH
                ? monthsAndDays(period, "search_value_monthly", "search_value_daily", "measure, value, n")
                : "SELECT day, measure, value, n FROM search_value_daily WHERE day >= ?1 AND day <= ?2";
        for (Object[] r : Facts.rows("SELECT " + period.bucketOfDate("day") + ", measure, value, sum(n) FROM (" + counts
                + ") AS c GROUP BY 1, 2, 3", period.from(), period.to())) {
            Map<String, TreeMap<Integer, Long>> measure = "h".equals(String.valueOf(r[1])) ? hits : took;
            measure.computeIfAbsent((String) r[0], b -> new TreeMap<>()).put(((Number) r[2]).intValue(), Facts.asLong(r[3]));
        }
        List<SearchRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            TreeMap<Integer, Long> h = hits.getOrDefault(bucket, new TreeMap<>());
            long searches = h.values().stream().mapToLong(Long::longValue).sum();
            rows.add(new SearchRow(bucket, searches, h.getOrDefault(0, 0L), Facts.asDecimal(median(h)),
                    Facts.asDecimal(median(took.getOrDefault(bucket, new TreeMap<>())))));
        }
        return rows;
    }

    /** percentile_cont(0.5) of the values, each counted as often as it occurred; null without values. */
    static Double median(TreeMap<Integer, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        double position = 0.5 * (total - 1);
        long lower = (long) Math.floor(position);
        Integer below = null;
        Integer above = null;
        long seen = 0;
        for (Map.Entry<Integer, Long> value : counts.entrySet()) {
            seen += value.getValue();
            if (below == null && seen > lower) {
                below = value.getKey();
            }
            if (seen > lower + 1 || (seen > lower && position == lower)) {
                above = value.getKey();
                break;
            }
        }
        if (above == null) {
            above = below;
        }
        return below + (position - lower) * (above - below);
    }

    /** The most searched terms over the range, most frequent first. */
    public List<TermsRow> top(Period period, int limit) {
        return terms(period, "searches", "", limit);
    }

    /** Terms that found nothing over the range, most often first: what the collection lacks. */
    public List<TermsRow> withoutResult(Period period, int limit) {
        return terms(period, "without_result", " HAVING sum(without_result) > 0", limit);
    }

    /**
     * Whole months of the range from the monthly counts, the days around them from the daily ones. The dates in the
     * SQL are generated here, never taken from the request as text.
     */
    private static List<TermsRow> terms(Period period, String order, String having, int limit) {
        List<TermsRow> rows = new ArrayList<>();
        for (Object[] r : Facts.rows("SELECT terms, sum(searches), sum(without_result) FROM ("
                + monthsAndDays(period, "search_terms_monthly", "search_terms_daily", "terms, searches, without_result")
                + ") AS c GROUP BY terms" + having + " ORDER BY sum(" + order + ") DESC, terms LIMIT ?3",
                period.from(), period.to(), limit)) {
            rows.add(new TermsRow((String) r[0], Facts.asLong(r[1]), Facts.asLong(r[2])));
        }
        return rows;
    }

    /**
     * SQL for the rows of a count kept per month ({@code month} = its first day) and per day, from {@code ?1} to
     * {@code ?2}: the months wholly inside the range from the monthly table (as {@code day} = the month's first day),
     * the days before and after them from the daily one.
     */
    private static String monthsAndDays(Period period, String monthly, String daily, String columns) {
        LocalDate firstMonth = period.from().getDayOfMonth() == 1 ? period.from() : period.from().withDayOfMonth(1).plusMonths(1);
        LocalDate afterMonths = period.to().plusDays(1).withDayOfMonth(1);
        if (!firstMonth.isBefore(afterMonths)) {
            return "SELECT day, " + columns + " FROM " + daily + " WHERE day >= ?1 AND day <= ?2";
        }
        return "SELECT month AS day, " + columns + " FROM " + monthly + " WHERE month >= DATE '" + firstMonth
                + "' AND month < DATE '" + afterMonths + "'"
                + " UNION ALL SELECT day, " + columns + " FROM " + daily + " WHERE (day >= ?1 AND day < DATE '" + firstMonth
                + "') OR (day >= DATE '" + afterMonths + "' AND day <= ?2)";
    }
}
