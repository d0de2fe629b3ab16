package org.tanyapustaka.catalog.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * Catalogue search on PostgreSQL: full-text search over title, authors, subjects and summary (indonesian,
 * english and simple configurations, without accents), pg_trgm for misspelled words, and a ranking a librarian
 * would agree with: the exact title, then the exact author, then title words, then subjects and summary;
 * records with a copy on the shelf break ties.
 */
@ApplicationScoped
public class CatalogSearch {

    public static final int PAGE_SIZE = 5;
    /** Beyond this many hits, ranking every one costs more than it helps a patron; they refine instead. */
    public static final int COUNT_CAP = 1000;
    private static final double MIN_SIMILARITY = 0.45;

    @Inject
    EntityManager em;

    public SearchResult search(ChatQuery query, int page) {
        long started = System.nanoTime();
        int safePage = Math.max(1, page);
        if (query.isEmpty()) {
            return new SearchResult(List.of(), List.of(), 0, safePage, List.of(), 0);
        }
        if (query.isbn() != null) {
            List<SearchResult.Hit> hits = hits("SELECT id, 0.0 AS score FROM bib_record WHERE isbns @> ARRAY[CAST(?1 AS text)]",
                    List.of(query.isbn()), safePage);
            return new SearchResult(query.terms(), List.of(), hits.size(), safePage, hits, millisSince(started));
        }
        List<String> terms = new ArrayList<>();
        List<String> suggestions = new ArrayList<>();
        int found = 0;
        for (String term : query.terms()) {
            if (matchesAnything(term)) {
                terms.add(term);
                found++;
            } else {
                String corrected = closestWord(term);
                if (corrected != null) {
                    terms.add(corrected);
                    suggestions.add(corrected);
                } else {
                    terms.add(term);
                }
            }
        }
        String phrase = String.join(" ", terms);
        int total = count(tsquery(terms.size(), " && "), terms);
        String joiner = " && ";
        if (total == 0 && terms.size() > 1 && found * 2 >= terms.size()) {
            // No record has every word, but most words are in the catalogue: the records with most of them.
            // ("resep rendang padang", where only "padang" is known, finds nothing rather than anything from Padang.)
            joiner = " || ";
            total = count(tsquery(terms.size(), joiner), terms);
        }
        List<SearchResult.Hit> hits = total == 0 ? List.of() : ranked(terms, joiner, phrase, safePage);
        return new SearchResult(terms, suggestions, total, safePage, hits, millisSince(started));
    }

    /** The full-text query for n terms: each term in the simple, indonesian and english forms. */
    private static String tsquery(int n, String joiner) {
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            if (i > 1) {
                sql.append(joiner);
            }
            String p = "catalog_unaccent(CAST(?" + i + " AS text))";
            sql.append("(plainto_tsquery('simple', ").append(p).append(") || plainto_tsquery('indonesian', ")
                    .append(p).append(") || plainto_tsquery('english', ").append(p).append("))");
        }
        return sql.toString();
    }

    private boolean matchesAnything(String term) {
        return !em.createNativeQuery("SELECT 1 FROM bib_record WHERE search_vector @@ (" + tsquery(1, "") + ") LIMIT 1")
                .setParameter(1, term).getResultList().isEmpty();
    }

    /** The catalogue word closest to a misspelled one, if one is close enough. */
    private String closestWord(String term) {
        if (term.length() < 4) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<String> words = em.createNativeQuery("""
                SELECT word FROM catalog_word
                WHERE word % CAST(?1 AS text) AND similarity(word, CAST(?1 AS text)) >= ?2
                ORDER BY similarity(word, CAST(?1 AS text)) DESC, word LIMIT 1""")
                .setParameter(1, term).setParameter(2, MIN_SIMILARITY).getResultList();
        return words.isEmpty() ? null : words.get(0);
    }

    private int count(String tsquery, List<String> terms) {
        Query count = em.createNativeQuery("SELECT count(*) FROM (SELECT 1 FROM bib_record WHERE search_vector @@ ("
                + tsquery + ") LIMIT " + (COUNT_CAP + 1) + ") AS hits");
        bind(count, terms);
        return ((Number) count.getSingleResult()).intValue();
    }

    private List<SearchResult.Hit> ranked(List<String> terms, String joiner, String phrase, int page) {
        int n = terms.size();
        String sql = """
                WITH q AS (SELECT %s AS query),
                candidates AS (
                    SELECT r.id FROM bib_record r, q WHERE r.search_vector @@ q.query LIMIT %d)
                SELECT r.id,
                       (CASE WHEN r.title_key = catalog_normalize(CAST(?%d AS text)) THEN 100 ELSE 0 END)
                     + (CASE WHEN EXISTS (SELECT 1 FROM unnest(r.authors) AS a(name)
                                          WHERE catalog_normalize(a.name) = catalog_normalize(CAST(?%d AS text))
                                             OR catalog_normalize(split_part(a.name, ',', 2) || ' ' || split_part(a.name, ',', 1))
                                                = catalog_normalize(CAST(?%d AS text)))
                            THEN 50 ELSE 0 END)
                     + (CASE WHEN r.title_key LIKE catalog_normalize(CAST(?%d AS text)) || '%%' THEN 20 ELSE 0 END)
                     + 10 * ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', r.search_vector, q.query) AS score
                FROM bib_record r JOIN candidates c ON c.id = r.id, q""".formatted(tsquery(n, joiner), COUNT_CAP, n + 1, n + 1,
                n + 1, n + 1);
        List<Object> parameters = new ArrayList<>(terms);
        parameters.add(phrase);
        return hits(sql, parameters, page);
    }

    /** Pages the scored ids of {@code scoredSql} (columns id, score), available copies breaking ties. */
    private List<SearchResult.Hit> hits(String scoredSql, List<?> parameters, int page) {
        Query query = em.createNativeQuery("""
                WITH scored AS (%s)
                SELECT r.id, r.title, r.subtitle, r.authors[1], r.year, r.call_number,
                       (SELECT count(*) FROM copy c WHERE c.record_id = r.id) AS copies,
                       (SELECT count(*) FROM copy c WHERE c.record_id = r.id AND c.status = 'AVAILABLE') AS available,
                       (SELECT c.location FROM copy c WHERE c.record_id = r.id AND c.location IS NOT NULL
                        ORDER BY (c.status = 'AVAILABLE') DESC, c.id LIMIT 1) AS location
                FROM scored s JOIN bib_record r ON r.id = s.id
                ORDER BY s.score DESC, available DESC, r.year DESC NULLS LAST, r.id
                LIMIT %d OFFSET %d""".formatted(scoredSql, PAGE_SIZE, (page - 1) * PAGE_SIZE));
        bind(query, parameters);
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            hits.add(new SearchResult.Hit(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    r[4] == null ? null : ((Number) r[4]).intValue(), (String) r[5], ((Number) r[6]).intValue(),
                    ((Number) r[7]).intValue(), (String) r[8]));
        }
        return hits;
    }

    private static void bind(Query query, List<?> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
