package org.tanyapustaka.catalog.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well the search finds what patrons ask for, over judged queries in the public format
 * ({@code search-judgements-public.tsv}: a header, then {@code query<TAB>relevant ids<TAB>note}; the ids are the
 * records' source ids, most relevant first; none means the catalogue holds nothing relevant).
 *
 * <p>Per query: nDCG@10 with binary gains over the first ten results, and recall@5, the share of the relevant
 * records in the first five. A query with nothing relevant scores nDCG 1 when the search presents nothing as an
 * exact match (no results, or only results labelled partial) and 0 otherwise; it has no recall. The overall figures
 * are the means over the queries (recall over those with relevant records).
 */
@ApplicationScoped
public class SearchEvaluation {

    public record Judgement(String query, List<String> relevant) {
    }

    /** One query's figures; {@code recall5} is NaN when nothing is relevant. */
    public record Scored(Judgement judgement, List<String> found, boolean partial, double ndcg10, double recall5) {
    }

    /** Every query's figures and the means. */
    public record Report(List<Scored> queries, double ndcg10, double recall5) {

        /** A plain-text table: one line per query, then the overall figures. */
        public String text() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-7s %-8s  %-40s  %s%n", "nDCG@10",
                    "recall@5", "query", "found (first 10; * relevant) / relevant"));
            for (Scored s : queries) {
                StringBuilder found = new StringBuilder();
                for (String id : s.found()) {
                    found.append(found.isEmpty() ? "" : ",").append(id).append(s.judgement().relevant().contains(id) ? "*" : "");
                }
                out.append(String.format(Locale.ROOT, "%7.3f %8s  %-40s  %s%s / %s%n", s.ndcg10(),
                        Double.isNaN(s.recall5()) ? "-" : String.format(Locale.ROOT, "%.3f", s.recall5()),
                        s.judgement().query(), s.partial() ? "(partial) " : "", found.isEmpty() ? "-" : found,
                        s.judgement().relevant().isEmpty() ? "(nothing)" : String.join(",", s.judgement().relevant())));
            }
            out.append(String.format(Locale.ROOT, "%nqueries %d  nDCG@10 %.3f  recall@5 %.3f%n", queries.size(), ndcg10,
                    recall5));
            return out.toString();
        }
    }

    @Inject
    CatalogSearch search;

    @Inject
    EntityManager em;

    /** The judgements of a file's text: the header and blank lines skipped. */
    public static List<Judgement> parse(String tsv) {
        List<Judgement> judgements = new ArrayList<>();
        String[] lines = tsv.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            if (lines[i].isBlank() || (i == 0 && f[0].strip().equalsIgnoreCase("query"))) {
                continue;
            }
            List<String> ids = f.length > 1 && !f[1].isBlank()
                    ? Arrays.stream(f[1].split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                    : List.of();
            judgements.add(new Judgement(f[0].strip(), ids));
        }
        return judgements;
    }

    @Transactional
    public Report evaluate(List<Judgement> judgements) {
        List<Scored> scored = new ArrayList<>();
        for (Judgement j : judgements) {
            ChatQuery query = ChatQuery.parse(j.query());
            SearchResult first = search.search(query, 1);
            List<SearchResult.Hit> hits = new ArrayList<>(first.hits());
            if (first.total() > hits.size()) {
                hits.addAll(search.search(query, 2).hits());
            }
            List<String> found = sourceIds(hits.stream().limit(10).map(SearchResult.Hit::id).toList());
            scored.add(score(j, found, first.partial()));
        }
        double ndcg = scored.stream().mapToDouble(Scored::ndcg10).average().orElse(0);
        double recall = scored.stream().mapToDouble(Scored::recall5).filter(r -> !Double.isNaN(r)).average().orElse(0);
        return new Report(scored, ndcg, recall);
    }

    static Scored score(Judgement j, List<String> found, boolean partial) {
        if (j.relevant().isEmpty()) {
            return new Scored(j, found, partial, found.isEmpty() || partial ? 1 : 0, Double.NaN);
        }
        double dcg = 0;
        for (int i = 0; i < Math.min(10, found.size()); i++) {
            if (j.relevant().contains(found.get(i))) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(10, j.relevant().size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        long inFive = found.stream().limit(5).filter(j.relevant()::contains).distinct().count();
        return new Scored(j, found, partial, dcg / ideal, (double) inFive / j.relevant().size());
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** The records' source ids (their ids in the library's own system), in the order given. */
    private List<String> sourceIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, String> byId = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT id, coalesce(source_id, CAST(id AS text)) FROM bib_record "
                + "WHERE id = ANY (CAST(?1 AS bigint[]))").setParameter(1, ids.toArray(Long[]::new)).getResultList()) {
            Object[] r = (Object[]) row;
            byId.put(((Number) r[0]).longValue(), (String) r[1]);
        }
        return ids.stream().map(id -> byId.getOrDefault(id, String.valueOf(id))).toList();
    }
}
