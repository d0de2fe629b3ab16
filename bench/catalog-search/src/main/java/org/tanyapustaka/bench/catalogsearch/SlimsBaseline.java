package org.tanyapustaka.bench.catalogsearch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SLiMS-style OPAC search, on the same PostgreSQL tables: every word typed must occur, as a substring, in the
 * title (with its subtitle: SLiMS keeps both in one title field) or an author name
 * ({@code ILIKE '%word%'}, as MySQL's case-insensitive {@code LIKE}); "most relevant" is really the most recently
 * updated; the page is the first five, and a {@code COUNT(*)} of all matches is run beside it, as SLiMS's
 * DefaultEngine does. No stemming, no typo tolerance, no chat-noise removal: the text goes in as typed.
 */
final class SlimsBaseline {

    record Answer(List<Long> ids, int total, long nanos) {
    }

    private final Connection db;
    private final Map<Integer, PreparedStatement[]> statements = new HashMap<>();

    SlimsBaseline(Connection db) {
        this.db = db;
    }

    static List<String> words(String query) {
        return Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                .toList();
    }

    /** The page-1 ids and the total, timing both statements together. */
    Answer search(String query) throws SQLException {
        List<String> words = words(query);
        if (words.isEmpty()) {
            return new Answer(List.of(), 0, 0);
        }
        PreparedStatement[] pair = statements.computeIfAbsent(words.size(), this::prepare);
        long started = System.nanoTime();
        int total;
        bind(pair[0], words);
        try (ResultSet rs = pair[0].executeQuery()) {
            rs.next();
            total = rs.getInt(1);
        }
        List<Long> ids = new ArrayList<>();
        bind(pair[1], words);
        try (ResultSet rs = pair[1].executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                rs.getString(2);
                rs.getString(3);
                rs.getInt(4);
            }
        }
        return new Answer(ids, total, System.nanoTime() - started);
    }

    /** The SQL for n words: the count and the page. */
    static String[] sql(int n) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < n; i++) {
            where.append(i == 0 ? "WHERE " : " AND ")
                    .append("(concat_ws(' ', title, subtitle) ILIKE ? OR array_to_string(authors, ' ') ILIKE ?)");
        }
        return new String[] {
            "SELECT count(*) FROM bib_record " + where,
            "SELECT id, title, authors[1], year FROM bib_record " + where + " ORDER BY updated_at DESC, id DESC LIMIT 5"
        };
    }

    private PreparedStatement[] prepare(int n) {
        try {
            String[] sql = sql(n);
            return new PreparedStatement[] {db.prepareStatement(sql[0]), db.prepareStatement(sql[1])};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement statement, List<String> words) throws SQLException {
        int p = 1;
        for (String w : words) {
            statement.setString(p++, "%" + w + "%");
            statement.setString(p++, "%" + w + "%");
        }
    }
}
