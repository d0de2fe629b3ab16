package org.tanyapustaka.catalog.answer;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.tanyapustaka.catalog.record.CatalogRecord;
import org.tanyapustaka.catalog.record.Copy;
import org.tanyapustaka.catalog.search.SearchResult;

/**
 * The catalogue's WhatsApp replies, in Bahasa Indonesia or English, within WhatsApp's limits (4,096 characters
 * per text; titles shortened at a word boundary, never in the middle of a word).
 */
public final class CatalogReplies {

    static final int MAX_TEXT = 4096;
    private static final int MAX_TITLE = 120;

    private CatalogReplies() {
    }

    /** A page of results; {@code queryText} names what was searched (the words, not the whole message). */
    static String resultList(String queryText, SearchResult result, int firstNumber, String language) {
        boolean en = "en".equals(language);
        StringBuilder text = new StringBuilder();
        if (result.partial()) {
            // No record has every word searched: these share some of them, and say so.
            text.append(en ? "Nothing matches *" : "Tidak ada yang cocok persis dengan *").append(shorten(queryText, 80))
                    .append(en ? "* exactly; similar titles:" : "*; judul yang mirip:");
        } else if (result.totalExact()) {
            String count = result.total() > 1000 ? (en ? "more than 1,000" : "lebih dari 1.000") : String.valueOf(result.total());
            text.append(en ? "Results for *" : "Hasil pencarian *").append(shorten(queryText, 80)).append("* (")
                    .append(count).append(en ? (result.total() == 1 ? " title" : " titles") : " judul").append(")");
        } else {
            // Every word was common: these are the best matches among many, and how many match in all is not known.
            text.append(bestOfMany(shorten(queryText, 80), result.hits().size(), firstNumber > 1, en));
        }
        if (!result.suggestions().isEmpty()) {
            text.append(en ? "\n_Searched as: " : "\n_Dicari sebagai: ").append(String.join(" ", result.terms())).append("_");
        }
        text.append("\n");
        int number = firstNumber;
        for (SearchResult.Hit hit : result.hits()) {
            text.append("\n").append(number++).append(". *").append(shorten(title(hit.title(), hit.subtitle()), MAX_TITLE))
                    .append("*\n   ");
            StringBuilder line = new StringBuilder();
            append(line, hit.firstAuthor() == null ? null : displayName(hit.firstAuthor()));
            append(line, hit.year() == null ? null : String.valueOf(hit.year()));
            append(line, hit.callNumber());
            text.append(line).append("\n   ").append(availability(hit.copies(), hit.available(), hit.location(), en));
        }
        int shownUpTo = firstNumber + result.hits().size() - 1;
        text.append("\n\n").append(en ? "Reply with a *number* for details" : "Balas dengan *nomor* untuk detail");
        if (result.total() > shownUpTo) {
            text.append(en ? ", or *more* for the next results." : ", atau *lagi* untuk hasil berikutnya.");
        } else {
            text.append(".");
        }
        return fit(text);
    }

    /**
     * The answer to a message the bot did not understand but the catalogue matched strongly: the patron did not
     * ask for a search, so the list is offered as a guess.
     */
    static String perhaps(String queryText, SearchResult result, String language) {
        return fit(new StringBuilder("en".equals(language) ? "Perhaps this is what you're looking for:\n"
                : "Mungkin ini yang Anda cari:\n").append(resultList(queryText, result, 1, language)));
    }

    /** "Ini 5 judul paling cocok untuk *hukum* dari banyak hasil:" — the list's heading when the total is unknown. */
    private static String bestOfMany(String queryText, int shown, boolean next, boolean en) {
        if (en) {
            return (next ? "Here are the next " + shown + (shown == 1 ? " best match" : " best matches")
                    : "Here " + (shown == 1 ? "is the best match" : "are the " + shown + " best matches"))
                    + " for *" + queryText + "* out of many results:";
        }
        return "Ini " + shown + " judul " + (next ? "berikutnya yang paling" : "paling") + " cocok untuk *" + queryText
                + "* dari banyak hasil:";
    }

    static String noResult(String queryText, List<String> suggestions, String language) {
        boolean en = "en".equals(language);
        StringBuilder text = new StringBuilder();
        text.append(en ? "Sorry, we could not find anything in our collection for *" : "Maaf, koleksi untuk *")
                .append(shorten(queryText, 80)).append(en ? "*. 🙏" : "* belum kami temukan. 🙏");
        if (!suggestions.isEmpty()) {
            text.append(en ? "\nDid you mean *" : "\nMungkin maksud Anda *").append(String.join(" ", suggestions)).append("*?");
        }
        text.append(en
                ? "\n\nTry other words (a title, an author or a topic), or ask one of our librarians."
                : "\n\nCoba kata lain (judul, pengarang, atau topik), atau tanyakan langsung ke pustakawan kami.");
        return fit(text);
    }

    static String emptyQuery(String language) {
        return "en".equals(language)
                ? "What are you looking for? Type a title, an author or a topic, e.g. *laskar pelangi* or *buku karangan Tere Liye*."
                : "Mau cari koleksi apa? Ketik judul, pengarang, atau topik, misalnya *laskar pelangi* atau *buku karangan Tere Liye*.";
    }

    static String noSuchNumber(int number, String language) {
        return "en".equals(language)
                ? "There is no number " + number + " in the last list. Reply with a number from the list, or search again."
                : "Tidak ada nomor " + number + " di daftar terakhir. Balas dengan nomor yang ada di daftar, atau cari lagi.";
    }

    static String noMore(String language) {
        return "en".equals(language) ? "That was the last of the results. Search again with other words?"
                : "Itu hasil terakhir. Mau cari dengan kata lain?";
    }

    static String recordGone(String language) {
        return "en".equals(language) ? "Sorry, that record is no longer in the catalogue."
                : "Maaf, koleksi itu sudah tidak ada di katalog.";
    }

    static String details(CatalogRecord record, String language) {
        boolean en = "en".equals(language);
        StringBuilder text = new StringBuilder("*").append(title(record.title, record.subtitle)).append("*\n");
        if (record.authors.length > 0) {
            text.append(en ? "Author: " : "Pengarang: ")
                    .append(String.join("; ", java.util.Arrays.stream(record.authors).map(CatalogReplies::displayName).toList()))
                    .append("\n");
        }
        StringBuilder imprint = new StringBuilder();
        append(imprint, record.publisher);
        append(imprint, record.place);
        append(imprint, record.year == null ? null : String.valueOf(record.year));
        if (!imprint.isEmpty()) {
            text.append(en ? "Published: " : "Terbitan: ").append(imprint).append("\n");
        }
        if (record.isbns.length > 0) {
            text.append("ISBN: ").append(String.join(", ", record.isbns)).append("\n");
        }
        if (record.subjects.length > 0) {
            text.append(en ? "Subjects: " : "Subjek: ").append(String.join("; ", record.subjects)).append("\n");
        }
        if (record.callNumber != null) {
            text.append(en ? "Call number: " : "No. panggil: ").append(record.callNumber).append("\n");
        }
        if (record.summary != null && !record.summary.isBlank()) {
            text.append("\n").append(shorten(record.summary, 600)).append("\n");
        }
        long available = record.copies.stream().filter(c -> c.status == Copy.Status.AVAILABLE).count();
        text.append("\n").append(en ? "Copies" : "Eksemplar").append(" (").append(available)
                .append(en ? " of " : " dari ").append(record.copies.size()).append(en ? " available):" : " tersedia):");
        if (record.copies.isEmpty()) {
            text.append(en ? "\nNo copies registered yet — ask a librarian." : "\nBelum ada eksemplar terdaftar — tanyakan ke pustakawan.");
        }
        int n = 1;
        for (Copy copy : record.copies) {
            text.append("\n").append(n++).append(". ").append(copy.barcode);
            if (copy.location != null) {
                text.append(" · ").append(copy.location);
            }
            text.append(" · ").append(status(copy, en));
        }
        return fit(text);
    }

    static String availability(int copies, int available, String location, boolean en) {
        String where = location == null ? "" : " · " + location;
        if (copies == 0) {
            return (en ? "No copies registered" : "Belum ada eksemplar") + where;
        }
        if (available == 0) {
            return "⏳ " + (en ? "All " + copies + " copies on loan or unavailable" : "Semua " + copies + " eksemplar sedang dipinjam/tidak tersedia") + where;
        }
        return "✅ " + available + (en ? " of " : " dari ") + copies + (en ? (copies == 1 ? " copy available" : " copies available") : " eksemplar tersedia") + where;
    }

    private static String status(Copy copy, boolean en) {
        return switch (copy.status) {
            case AVAILABLE -> en ? "Available" : "Tersedia";
            case ON_LOAN -> (en ? "On loan" : "Dipinjam") + (copy.dueDate == null ? ""
                    : (en ? " (due " : " (kembali ") + formatDate(copy.dueDate, en) + ")");
            case RESERVED -> en ? "Reserved" : "Dipesan";
            case LOST -> en ? "Lost" : "Hilang";
            case IN_PROCESSING -> en ? "Being processed" : "Sedang diproses";
        };
    }

    private static String formatDate(LocalDate date, boolean en) {
        return date.format(DateTimeFormatter.ofPattern("d MMM yyyy", en ? Locale.ENGLISH : Locale.forLanguageTag("id")));
    }

    /** "Munir, Rinaldi" → "Rinaldi Munir", as patrons say it. */
    static String displayName(String name) {
        int comma = name.indexOf(',');
        if (comma < 0) {
            return name.strip();
        }
        String given = name.substring(comma + 1).strip();
        String family = name.substring(0, comma).strip();
        return given.isEmpty() ? family : given + " " + family;
    }

    static String title(String title, String subtitle) {
        return subtitle == null || subtitle.isBlank() ? title : title + ": " + subtitle;
    }

    /** At most {@code max} characters, cut at a word boundary with an ellipsis. */
    static String shorten(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int cut = text.offsetByCodePoints(0, max - 1);
        int space = text.lastIndexOf(' ', cut);
        String head = (space > max / 2 ? text.substring(0, space) : text.substring(0, cut)).replaceAll("[\\s,;:.–-]+$", "");
        return head + "…";
    }

    private static void append(StringBuilder line, String part) {
        if (part != null && !part.isBlank()) {
            if (!line.isEmpty()) {
                line.append(" · ");
            }
            line.append(part.strip());
        }
    }

    private static String fit(StringBuilder text) {
        return text.length() <= MAX_TEXT ? text.toString() : shorten(text.toString(), MAX_TEXT);
    }
}
