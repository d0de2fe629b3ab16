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
 *
 * <p>A search costs two statements, three when it falls back from all words to most of them: one checks every
 * term against the catalogue's lexemes (and finds the closest word for a misspelled one), one finds, counts and
 * ranks the matching records and returns the page. Why it is built this way is measured in bench/RESULTS.md.
 */
@ApplicationScoped
public class CatalogSearch {

    public static final int PAGE_SIZE = 5;
    /** Beyond this many hits, ranking every one costs more than it helps a patron; they refine instead. */
    public static final int COUNT_CAP = 1000;
    private static final double MIN_SIMILARITY = 0.45;
    private static final int MIN_CORRECTED_LENGTH = 4;

    @Inject
    EntityManager em;

    public SearchResult search(ChatQuery query, int page) {
        long started = System.nanoTime();
        int safePage = Math.max(1, page);
        if (query.isEmpty()) {
            return new SearchResult(List.of(), List.of(), 0, safePage, List.of(), 0);
        }
        if (query.isbn() != null) {
            Page isbn = page("SELECT r.id, r.title, r.subtitle, r.authors[1] AS first_author, r.year, r.call_number,"
                    + " 0.0 AS score FROM bib_record r WHERE r.isbns @> ARRAY[CAST(?1 AS text)]",
                    List.of(query.isbn()), safePage);
            return new SearchResult(query.terms(), List.of(), isbn.total(), safePage, isbn.hits(), millisSince(started));
        }
        List<String> terms = new ArrayList<>();
        List<String> suggestions = new ArrayList<>();
        int found = 0;
        boolean everyTermCanMatch = true;
        for (CheckedTerm checked : check(query.terms())) {
            if (checked.known()) {
                terms.add(checked.term());
                found++;
            } else if (checked.correction() != null) {
                terms.add(checked.correction());
                suggestions.add(checked.correction());
            } else {
                terms.add(checked.term());
                everyTermCanMatch = false;
            }
        }
        String phrase = String.join(" ", terms);
        // A term no record contains: no record has every word, and asking bib_record would only cost time.
        Page result = everyTermCanMatch ? ranked(terms, " && ", phrase, safePage) : Page.EMPTY;
        if (result.total() == 0 && terms.size() > 1 && found * 2 >= terms.size()) {
            // No record has every word, but most words are in the catalogue: the records with most of them.
            // ("resep rendang padang", where only "padang" is known, finds nothing rather than anything from Padang.)
            result = ranked(terms, " || ", phrase, safePage);
        }
        return new SearchResult(terms, suggestions, result.total(), safePage, result.hits(), millisSince(started));
    }

    /** A term of the query: whether the catalogue has it, and if not, the closest catalogue word (or null). */
    private record CheckedTerm(String term, boolean known, String correction) {
    }

    /** The found records of a page and how many match in all (capped at {@link #COUNT_CAP} + 1). */
    private record Page(int total, List<SearchResult.Hit> hits) {
        static final Page EMPTY = new Page(0, List.of());
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

    /**
     * Every term checked in one statement: a term is known when one of its lexemes (simple, indonesian or
     * english) is in catalog_lexeme, which is exactly when some search vector matches it. An unknown term of
     * at least {@value #MIN_CORRECTED_LENGTH} letters gets the most similar catalogue word, if one is close enough.
     */
    private List<CheckedTerm> check(List<String> terms) {
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= terms.size(); i++) {
            values.append(i > 1 ? ", " : "").append("(").append(i).append(", CAST(?").append(i).append(" AS text))");
        }
        int similarity = terms.size() + 1;
        Query query = em.createNativeQuery("""
                SELECT k.i, k.known,
                       CASE WHEN k.known OR length(k.term) < %d THEN NULL
                            ELSE (SELECT w.word FROM catalog_word w
                                  WHERE w.word %% k.term AND similarity(w.word, k.term) >= ?%d
                                  ORDER BY similarity(w.word, k.term) DESC, w.word LIMIT 1) END AS correction
                FROM (SELECT t.i, t.term,
                             EXISTS (SELECT 1 FROM catalog_lexeme l
                                     WHERE l.lexeme = ANY (tsvector_to_array(
                                             to_tsvector('simple', catalog_unaccent(t.term))
                                             || to_tsvector('indonesian', catalog_unaccent(t.term))
                                             || to_tsvector('english', catalog_unaccent(t.term))))) AS known
                      FROM (VALUES %s) AS t(i, term)) AS k
                ORDER BY k.i""".formatted(MIN_CORRECTED_LENGTH, similarity, values));
        List<Object> parameters = new ArrayList<>(terms);
        parameters.add(MIN_SIMILARITY);
        bind(query, parameters);
        List<CheckedTerm> checked = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            checked.add(new CheckedTerm(terms.get(((Number) r[0]).intValue() - 1), (Boolean) r[1], (String) r[2]));
        }
        return checked;
    }

    /**
     * The records matching the terms (joined with {@code joiner}), scored in the same pass that finds them:
     * the exact title, the exact author (on the precomputed author keys), the title's beginning, then the
     * weighted full-text rank. The query is written out rather than read from a CTE, so that the planner sees
     * how common the words are: it scans the table for very common words and uses the index for rare ones.
     */
    private Page ranked(List<String> terms, String joiner, String phrase, int page) {
        int n = terms.size();
        String tsquery = tsquery(n, joiner);
        String key = "catalog_normalize(CAST(?" + (n + 1) + " AS text))";
        String candidates = """
                SELECT r.id, r.title, r.subtitle, r.authors[1] AS first_author, r.year, r.call_number,
                       (CASE WHEN r.title_key = %1$s THEN 100 ELSE 0 END)
                     + (CASE WHEN r.author_keys @> ARRAY[%1$s] THEN 50 ELSE 0 END)
                     + (CASE WHEN r.title_key LIKE %1$s || '%%' THEN 20 ELSE 0 END)
                     + 10 * ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', r.search_vector, %2$s) AS score
                FROM bib_record r WHERE r.search_vector @@ (%2$s)""".formatted(key, tsquery);
        List<Object> parameters = new ArrayList<>(terms);
        parameters.add(phrase);
        return page(candidates, parameters, page);
    }

    /**
     * Counts (up to {@link #COUNT_CAP} + 1) and pages the records of {@code candidatesSql} (columns id, title,
     * subtitle, first_author, year, call_number, score), best score first, available copies breaking ties,
     * then the newest. Available copies are only counted for the records that can be on the page (those down
     * to the page's last score, ties included), the rest of the copies only for the page's records.
     */
    private Page page(String candidatesSql, List<?> parameters, int page) {
        int end = page * PAGE_SIZE;
        Query query = em.createNativeQuery("""
                WITH candidates AS (%s LIMIT %d),
                best AS (SELECT * FROM candidates ORDER BY score DESC FETCH FIRST %d ROWS WITH TIES),
                page AS (
                    SELECT b.*,
                           (SELECT count(*) FROM copy c WHERE c.record_id = b.id AND c.status = 'AVAILABLE') AS available
                    FROM best b
                    ORDER BY b.score DESC, available DESC, b.year DESC NULLS LAST, b.id
                    LIMIT %d OFFSET %d)
                SELECT n.total, p.id, p.title, p.subtitle, p.first_author, p.year, p.call_number,
                       (SELECT count(*) FROM copy c WHERE c.record_id = p.id) AS copies,
                       p.available,
                       (SELECT c.location FROM copy c WHERE c.record_id = p.id AND c.location IS NOT NULL
                        ORDER BY (c.status = 'AVAILABLE') DESC, c.id LIMIT 1) AS location
                FROM (SELECT count(*) FROM candidates) AS n(total) LEFT JOIN page p ON true
                ORDER BY p.score DESC, p.available DESC, p.year DESC NULLS LAST, p.id"""
                .formatted(candidatesSql, COUNT_CAP + 1, end, PAGE_SIZE, end - PAGE_SIZE));
        bind(query, parameters);
        int total = 0;
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            total = ((Number) r[0]).intValue();
            if (r[1] != null) {
                hits.add(new SearchResult.Hit(((Number) r[1]).longValue(), (String) r[2], (String) r[3],
                        (String) r[4], r[5] == null ? null : ((Number) r[5]).intValue(), (String) r[6],
                        ((Number) r[7]).intValue(), ((Number) r[8]).intValue(), (String) r[9]));
            }
        }
        return new Page(total, hits);
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
