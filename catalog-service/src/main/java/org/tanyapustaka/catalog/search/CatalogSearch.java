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
 *
 * <p>When every word of the query is frequent (each of its lexemes is in more records than {@link SearchLists}'
 * cap), finding all matches would cost a scan of thousands of records. The candidates are then bounded: the best
 * records of the query's rarest lexeme by static rank, from the pre-ranked lists, plus every record changed since
 * the lists were built; they are filtered by the full query and ranked exactly as on the exact path. The total is then only
 * a lower bound ({@link SearchResult#totalExact()} false). If no candidate has every word, the exact path runs.
 */
@ApplicationScoped
public class CatalogSearch {

    public static final int PAGE_SIZE = 5;
    /** Beyond this many hits, ranking every one costs more than it helps a patron; they refine instead. */
    public static final int COUNT_CAP = 1000;
    private static final double MIN_SIMILARITY = 0.45;
    private static final int MIN_CORRECTED_LENGTH = 4;
    /** Words shorter than this have no longer or shorter variants: "hukum" is not "hukuman". */
    private static final int MIN_VARIANT_LENGTH = 7;

    @Inject
    EntityManager em;

    @Inject
    SearchLists lists;

    @Inject
    SearchVocabulary vocabulary;

    public SearchResult search(ChatQuery query, int page) {
        return search(query, page, true);
    }

    /** With {@code bounded} false, the exact path whatever the words (tests compare the two). */
    SearchResult search(ChatQuery query, int page, boolean bounded) {
        long started = System.nanoTime();
        int safePage = Math.max(1, page);
        if (query.isEmpty()) {
            return new SearchResult(List.of(), List.of(), 0, true, safePage, List.of(), 0, false);
        }
        if (query.isbn() != null) {
            Page isbn = page("SELECT r.id, r.year, 0.0 AS score FROM bib_record r WHERE r.isbns && CAST(?1 AS text[])",
                    List.of((Object) isbnForms(query.isbn())), safePage, true);
            return new SearchResult(query.terms(), List.of(), isbn.total(), true, safePage, isbn.hits(),
                    millisSince(started), false);
        }
        List<SearchVocabulary.Group> groups = vocabulary.groups(query.terms());
        List<String> terms = new ArrayList<>();
        List<List<String>> alternatives = new ArrayList<>();
        List<String> suggestions = new ArrayList<>();
        int found = 0;
        boolean everyTermCanMatch = true;
        boolean everyTermFrequent = true;
        boolean anyAlternative = false;
        String rarest = null;
        long rarestRecords = Long.MAX_VALUE;
        Checked checked = check(groups.stream().map(SearchVocabulary.Group::words).toList());
        List<List<String>> variants = variants(checked.terms().stream()
                .map(t -> t.correction() != null ? t.correction() : t.term()).toList());
        for (int g = 0; g < groups.size(); g++) {
            CheckedTerm term = checked.terms().get(g);
            List<String> searched = new ArrayList<>();
            if (term.known()) {
                searched.add(term.term());
                found++;
            } else if (term.correction() != null) {
                searched.add(term.correction());
                suggestions.add(term.correction());
            } else {
                searched.add(term.term());
            }
            searched.addAll(variants.get(g).stream().filter(v -> !searched.contains(v)).toList());
            searched.addAll(groups.get(g).alternatives().stream().filter(v -> !searched.contains(v)).toList());
            if (!term.known() && term.correction() == null) {
                if (searched.size() > 1) {
                    found++; // the catalogue may know one of its other forms
                } else {
                    everyTermCanMatch = false;
                }
            }
            anyAlternative |= searched.size() > 1;
            terms.add(searched.get(0));
            alternatives.add(searched);
            everyTermFrequent &= term.frequent();
            if (term.frequent() && term.records() < rarestRecords) {
                rarest = term.rarestLexeme();
                rarestRecords = term.records();
            }
        }
        if (everyTermFrequent && everyTermCanMatch && found == groups.size()) {
            // Every word is in hundreds of records: they need no other forms, and the bounded path stays open.
            alternatives = terms.stream().map(List::of).toList();
            anyAlternative = false;
        }
        String phrase = String.join(" ", terms);
        Page result = Page.EMPTY;
        boolean partial = false;
        if (bounded && everyTermCanMatch && everyTermFrequent && !anyAlternative && lists.enabled()
                && checked.changes() <= lists.maxChanges()) {
            // Bounded candidates. None with every word says nothing about the rest: then the exact path decides.
            result = bounded(terms, rarest, phrase, safePage);
        }
        if (result.total() == 0 && everyTermCanMatch) {
            // A term no record contains: no record has every word, and asking bib_record would only cost time.
            result = ranked(alternatives, " && ", phrase, safePage);
        }
        if (result.total() == 0 && alternatives.size() > 1 && found * 2 >= alternatives.size()) {
            // No record has every word, but most words are in the catalogue: the records with most of them, shown
            // as similar titles, not as matches. ("resep rendang padang", where only "padang" is known, finds
            // nothing rather than anything from Padang.)
            result = ranked(alternatives, " || ", phrase, safePage);
            partial = result.total() > 0;
        }
        return new SearchResult(terms, suggestions, result.total(), result.exact(), safePage, result.hits(),
                millisSince(started), partial);
    }

    /** The ISBN as typed and in its other form: an ISBN-10 as ISBN-13 (978) and back; a record may hold either. */
    static String[] isbnForms(String isbn) {
        if (isbn.length() == 10 && isbn.substring(0, 9).chars().allMatch(Character::isDigit)) {
            String body = "978" + isbn.substring(0, 9);
            int sum = 0;
            for (int i = 0; i < 12; i++) {
                sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
            }
            return new String[] {isbn, body + (10 - sum % 10) % 10};
        }
        if (isbn.length() == 13 && isbn.startsWith("978") && isbn.chars().allMatch(Character::isDigit)) {
            String body = isbn.substring(3, 12);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (body.charAt(i) - '0') * (10 - i);
            }
            int check = (11 - sum % 11) % 11;
            return new String[] {isbn, body + (check == 10 ? "X" : String.valueOf(check))};
        }
        return new String[] {isbn};
    }

    /**
     * Other forms of each word in the catalogue that the stemmer does not relate: the same word in the old
     * spelling ("kuncaraningrat": "koentjaraningrat"), and, for a long word, a form up to three letters longer
     * or two shorter ("ekonometrik": "ekonometrika", "matematika": "matematik"). At most five per word.
     */
    @SuppressWarnings("unchecked")
    private List<List<String>> variants(List<String> words) {
        List<List<String>> variants = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            variants.add(new ArrayList<>());
            String w = words.get(i);
            String shorter1 = w.length() >= MIN_VARIANT_LENGTH + 1 ? w.substring(0, w.length() - 1) : "";
            String shorter2 = w.length() >= MIN_VARIANT_LENGTH + 2 ? w.substring(0, w.length() - 2) : "";
            int p = parameters.size();
            values.append(i > 0 ? ", " : "").append("(").append(i).append(", CAST(?").append(p + 1)
                    .append(" AS text), CAST(?").append(p + 2).append(" AS text), CAST(?").append(p + 3)
                    .append(" AS text))");
            parameters.add(w);
            parameters.add(shorter1);
            parameters.add(shorter2);
        }
        if (words.isEmpty()) {
            return variants;
        }
        Query query = em.createNativeQuery("""
                SELECT t.i, v.word
                FROM (VALUES %1$s) AS t(i, term, shorter1, shorter2),
                     LATERAL (SELECT w.word FROM catalog_word w
                              WHERE catalog_spelling_key(w.word) = catalog_spelling_key(t.term) AND w.word <> t.term
                              UNION
                              SELECT w.word FROM catalog_word w
                              WHERE length(t.term) >= %2$d AND w.word LIKE t.term || '%%'
                                AND length(w.word) BETWEEN length(t.term) + 1 AND length(t.term) + 3
                              UNION
                              SELECT w.word FROM catalog_word w WHERE w.word IN (t.shorter1, t.shorter2)
                              ORDER BY 1 LIMIT 5) AS v
                WHERE t.term !~ '\\s'
                ORDER BY t.i, v.word""".formatted(values, MIN_VARIANT_LENGTH));
        bind(query, parameters);
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            variants.get(((Number) r[0]).intValue()).add((String) r[1]);
        }
        return variants;
    }

    /**
     * A term of the query: whether the catalogue has it, and if not, the closest catalogue word (or null);
     * whether the word searched (the correction, if any) is frequent, and its rarest lexeme with how many records
     * had it at the last rebuild of the lists.
     */
    private record CheckedTerm(String term, boolean known, String correction, boolean frequent, String rarestLexeme,
            long records) {
    }

    /** The checked terms, and how many records changed since the lists were rebuilt (up to the limit + 1). */
    private record Checked(List<CheckedTerm> terms, int changes) {
    }

    /**
     * The found records of a page and how many match in all (capped at {@link #COUNT_CAP} + 1), or, when
     * {@code exact} is false, how many of the bounded candidates match.
     */
    private record Page(int total, boolean exact, List<SearchResult.Hit> hits) {
        static final Page EMPTY = new Page(0, true, List.of());
    }

    /** The lexemes of a term (an SQL text expression): its simple, indonesian and english forms. */
    private static String lexemes(String term) {
        String p = "catalog_unaccent(" + term + ")";
        return "tsvector_to_array(to_tsvector('simple', " + p + ") || to_tsvector('indonesian', " + p
                + ") || to_tsvector('english', " + p + "))";
    }

    /** The full-text query for n terms: each term in its simple, indonesian and english forms (V5). */
    private static String tsquery(int n, String joiner) {
        return tsquery(java.util.Collections.nCopies(n, 1), joiner);
    }

    /**
     * The full-text query for groups of alternatives (the sizes given; parameters numbered from 1 in order): a
     * record matches a group when it matches one of its alternatives.
     */
    private static String tsquery(List<Integer> sizes, String joiner) {
        StringBuilder sql = new StringBuilder();
        int p = 0;
        for (int g = 0; g < sizes.size(); g++) {
            sql.append(g > 0 ? joiner : "").append(sizes.get(g) > 1 ? "(" : "");
            for (int a = 0; a < sizes.get(g); a++) {
                sql.append(a > 0 ? " || " : "").append("catalog_term_query(CAST(?").append(++p).append(" AS text))");
            }
            sql.append(sizes.get(g) > 1 ? ")" : "");
        }
        return sql.toString();
    }

    /**
     * Every term checked in one statement: a term is known when one of its lexemes (simple, indonesian or
     * english) is in catalog_lexeme, which is exactly when some search vector matches it. An unknown term of
     * at least {@value #MIN_CORRECTED_LENGTH} letters gets the most similar catalogue word, if one is close enough.
     * The word searched (the term, or its correction) is frequent when it has a lexeme in the catalogue, every
     * one it has was in more records than the lists' cap at their last rebuild, and its rarest lexeme has a list
     * (lists built with a larger cap than today's have none for a lexeme in between, until the next rebuild).
     */
    private Checked check(List<String> terms) {
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= terms.size(); i++) {
            values.append(i > 1 ? ", " : "").append("(").append(i).append(", CAST(?").append(i).append(" AS text))");
        }
        int similarity = terms.size() + 1;
        int cap = terms.size() + 2;
        int maxChanges = terms.size() + 3;
        Query query = em.createNativeQuery("""
                SELECT c.i, c.known, c.correction,
                       f.frequent AND EXISTS (SELECT 1 FROM catalog_lexeme_top t WHERE t.lexeme = f.rarest) AS frequent,
                       f.rarest, f.records,
                       (SELECT count(*) FROM (SELECT 1 FROM catalog_search_change LIMIT ?%4$d + 1) AS x) AS changes
                FROM (SELECT k.i, k.known,
                             CASE WHEN k.known OR length(k.term) < %1$d THEN NULL
                                  ELSE (SELECT w.word FROM catalog_word w
                                        WHERE w.word %% k.term AND similarity(w.word, k.term) >= ?%2$d
                                        ORDER BY similarity(w.word, k.term) DESC, w.word LIMIT 1) END AS correction,
                             k.term
                      FROM (SELECT t.i, t.term,
                                   EXISTS (SELECT 1 FROM catalog_lexeme l WHERE l.lexeme = ANY (%5$s)) AS known
                            FROM (VALUES %6$s) AS t(i, term)) AS k) AS c,
                     LATERAL (SELECT count(*) > 0 AND bool_and(coalesce(l.records, 0) > ?%3$d) AS frequent,
                                     (array_agg(l.lexeme ORDER BY l.records, l.lexeme))[1] AS rarest,
                                     coalesce(min(l.records), 0) AS records
                              FROM catalog_lexeme l WHERE l.lexeme = ANY (%7$s)) AS f
                ORDER BY c.i""".formatted(MIN_CORRECTED_LENGTH, similarity, cap, maxChanges, lexemes("t.term"), values,
                lexemes("coalesce(c.correction, c.term)")));
        List<Object> parameters = new ArrayList<>(terms);
        parameters.add(MIN_SIMILARITY);
        parameters.add(lists.cap());
        parameters.add(lists.maxChanges());
        bind(query, parameters);
        List<CheckedTerm> checked = new ArrayList<>();
        int changes = 0;
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            checked.add(new CheckedTerm(terms.get(((Number) r[0]).intValue() - 1), (Boolean) r[1], (String) r[2],
                    (Boolean) r[3], (String) r[4], ((Number) r[5]).longValue()));
            changes = ((Number) r[6]).intValue();
        }
        return new Checked(checked, changes);
    }

    /**
     * The records matching the terms (joined with {@code joiner}), scored in the same pass that finds them:
     * the exact title, the exact author (on the precomputed author keys), the title's beginning, then the
     * weighted full-text rank. The query is written out rather than read from a CTE, so that the planner sees
     * how common the words are: it scans the table for very common words and uses the index for rare ones.
     */
    private Page ranked(List<List<String>> groups, String joiner, String phrase, int page) {
        List<Integer> sizes = groups.stream().map(List::size).toList();
        List<Object> parameters = new ArrayList<>();
        groups.forEach(parameters::addAll);
        String candidates = "SELECT " + scored(parameters.size(), tsquery(sizes, joiner))
                + " FROM bib_record r WHERE r.search_vector @@ (" + tsquery(sizes, joiner) + ")";
        parameters.add(phrase);
        return page(candidates, parameters, page, true);
    }

    /**
     * The bounded candidates of a query whose every word is frequent: the list of the query's rarest lexeme (its
     * best records by static rank), and every record changed since the lists were built, each filtered by the
     * full query and scored as {@link #ranked} scores it. The rarest lexeme's list is the most selective: for
     * "hukum perdata" the records best for "perdata", not those for its stem "data" (bench/RESULTS.md compares
     * it with the union of every word's lists).
     *
     * <p>A list row carries what the filter and the score read (V6): the list is read alone, a few contiguous
     * pages. Its rows are copies as of the last rebuild, so those of records changed or deleted since then are
     * skipped, and the changed records are read live from bib_record, each by primary key in a subquery the
     * planner cannot merge (OFFSET 0): given the words, it would otherwise filter with a bitmap of every match from
     * the full-text index (20,918 entries for "tere liye", 190 ms instead of 20), which is the cost this path avoids.
     */
    private Page bounded(List<String> terms, String rarestLexeme, String phrase, int page) {
        int n = terms.size();
        String tsquery = tsquery(n, " && ");
        String candidates = """
                WITH changed AS MATERIALIZED (SELECT DISTINCT c.record_id FROM catalog_search_change c)
                SELECT %1$s
                FROM (SELECT t.record_id AS id, t.year, t.title_key, t.author_keys, t.search_vector
                      FROM catalog_lexeme_top t
                      WHERE t.lexeme = CAST(?%3$d AS text)
                        AND NOT EXISTS (SELECT 1 FROM changed c WHERE c.record_id = t.record_id)) AS r
                WHERE r.search_vector @@ (%2$s)
                UNION ALL
                SELECT %1$s
                FROM changed CROSS JOIN LATERAL (SELECT * FROM bib_record b WHERE b.id = changed.record_id OFFSET 0) AS r
                WHERE r.search_vector @@ (%2$s)
                ORDER BY score DESC, id""".formatted(scored(n, tsquery), tsquery, n + 2);
        List<Object> parameters = new ArrayList<>(terms);
        parameters.add(phrase);
        parameters.add(rarestLexeme);
        return page(candidates, parameters, page, false);
    }

    /**
     * The columns a candidate statement selects from r (a bib_record, or a list row with the same columns): the
     * record's id, its year (a tie-break) and its score. The page's other fields are read for its records only.
     */
    private static String scored(int n, String tsquery) {
        String key = "catalog_normalize(CAST(?" + (n + 1) + " AS text))";
        return """
                r.id, r.year,
                       (CASE WHEN r.title_key = %1$s THEN 100 ELSE 0 END)
                     + (CASE WHEN r.author_keys @> ARRAY[%1$s] THEN 50 ELSE 0 END)
                     + (CASE WHEN r.title_key LIKE %1$s || '%%' THEN 20 ELSE 0 END)
                     + 10 * ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', r.search_vector, %2$s, 1) AS score"""
                .formatted(key, tsquery);
    }

    /**
     * Counts (up to {@link #COUNT_CAP} + 1) and pages the records of {@code candidatesSql} (columns id, year,
     * score), best score first, available copies breaking ties, then the newest; the page's records are then read
     * from bib_record. Available copies are only counted for the records that can be on the page (those down
     * to the page's last score, ties included), the rest of the copies only for the page's records.
     */
    private Page page(String candidatesSql, List<?> parameters, int page, boolean exact) {
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
                SELECT n.total, p.id, r.title, r.subtitle, r.authors[1], r.year, r.call_number,
                       (SELECT count(*) FROM copy c WHERE c.record_id = p.id) AS copies,
                       p.available,
                       (SELECT c.location FROM copy c WHERE c.record_id = p.id AND c.location IS NOT NULL
                        ORDER BY (c.status = 'AVAILABLE') DESC, c.id LIMIT 1) AS location
                FROM (SELECT count(*) FROM candidates) AS n(total) LEFT JOIN page p ON true
                     LEFT JOIN bib_record r ON r.id = p.id
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
        return new Page(total, exact, hits);
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
