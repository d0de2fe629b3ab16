package org.tanyapustaka.analytics.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    public List<SearchRow> searches(Period period) {
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

    /** The most searched terms over the range, most frequent first. */
    public List<TermsRow> top(Period period, int limit) {
        return terms(period, "searches", "", limit);
    }

    /** Terms that found nothing over the range, most often first: what the collection lacks. */
    public List<TermsRow> withoutResult(Period period, int limit) {
        return terms(period, "without_result", " HAVING sum(without_result) > 0", limit);
    }

    private static List<TermsRow> terms(Period period, String order, String having, int limit) {
        List<TermsRow> rows = new ArrayList<>();
        for (Object[] r : Facts.rows("SELECT terms, sum(searches), sum(without_result) FROM search_terms_daily"
                + " WHERE day >= ?1 AND day <= ?2 GROUP BY terms" + having + " ORDER BY sum(" + order + ") DESC, terms LIMIT ?3",
                period.from(), period.to(), limit)) {
            rows.add(new TermsRow((String) r[0], Facts.asLong(r[1]), Facts.asLong(r[2])));
        }
        return rows;
    }
}
