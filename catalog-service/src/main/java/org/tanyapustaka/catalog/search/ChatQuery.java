package org.tanyapustaka.catalog.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a patron typed in a chat, read as a catalogue question: an ISBN, an author ("buku karangan Tere Liye",
 * "by Andrea Hirata"), or words of a title or topic, with the chat's noise ("cari", "buku", "ada … ga?", "kak",
 * "min", "tolong") left out.
 *
 * @param original the text as typed
 * @param isbn     the ISBN when the question is one (digits and X only), else null
 * @param author   true when the patron asked for an author's books
 * @param terms    the search terms, lower-case, without accents
 */
public record ChatQuery(String original, String isbn, boolean author, List<String> terms) {

    private static final Pattern ISBN = Pattern.compile("(?:isbn[:\\s]*)?((?:97[89][\\s-]?)?(?:\\d[\\s-]?){9}[\\dxX])");
    private static final Pattern AUTHOR_MARKER = Pattern.compile(
            "\\b(karangan|karya|tulisan|penulis(?:nya)?|pengarang(?:nya)?|oleh|by|author|written by)\\b");
    private static final Set<String> NOISE = Set.of(
            // asking
            "cari", "carikan", "nyari", "mencari", "cariin", "ada", "adakah", "apakah", "apa", "punya", "tersedia",
            "ready", "ga", "gak", "nggak", "ngga", "enggak", "tidak", "kah", "dong", "deh", "ya", "yah", "yaa", "nih",
            "tolong", "mohon", "minta", "bisa", "boleh", "mau", "ingin", "pengen", "pingin", "pinjam", "minjem",
            "info", "tanya", "nanya", "yg", "yang", "tentang", "soal", "mengenai", "judul", "judulnya", "berjudul",
            "di", "ke", "dari", "untuk", "utk", "buat", "dgn", "dengan", "ini", "itu", "gitu", "aja", "saja",
            // the library and its holdings
            "buku", "bukunya", "book", "books", "novel", "koleksi", "perpus", "perpustakaan", "library", "katalog",
            "referensi", "literatur",
            // addressing someone
            "kak", "kakak", "ka", "min", "mimin", "admin", "mas", "mbak", "bang", "pak", "bu", "gan", "sis",
            "halo", "hallo", "hai", "hi", "hello", "permisi", "pagi", "siang", "sore", "malam", "selamat",
            "sy", "saya", "aku", "gue", "gw", "kami",
            // English
            "find", "search", "looking", "look", "for", "is", "are", "there", "any", "do", "does", "you", "have",
            "a", "an", "the", "about", "on", "please", "can", "i", "want", "need", "borrow", "in", "your", "of",
            "textbook", "textbooks", "some", "me", "my", "recommend", "recommendation", "recommendations", "what",
            "which", "where", "to", "get", "with", "good", "thanks", "thank", "pls", "plz",
            // chat spellings and fillers
            "ttg", "tntg", "tentangnya", "buku2", "bukubuku", "bk2", "ad", "adaa", "gaada", "gada", "g",
            "gk", "engga", "kagak", "ndak", "nda", "sih", "tuh", "kok", "donk", "dunk", "plis", "pliss",
            "kira2", "kiranya", "gimana", "nyariin", "nyarik", "dicari", "butuh", "perlu", "rekomendasi", "rekomen",
            "saran", "makasih", "thx", "tq", "kakk", "kaka", "mba", "mbak2", "abang", "om",
            "punten", "maaf", "lah", "loh", "lho", "skrg", "sekarang", "masih", "udah",
            "sudah", "lagi", "stok", "stock");
    /** Words about the patron's purpose: left out when other words remain ("referensi skripsi ttg kinerja"). */
    private static final Set<String> CONTEXT = Set.of("skripsi", "tesis", "thesis", "tugas", "tugasku", "kuliah",
            "materi", "ujian", "uts", "uas", "makalah", "semester", "dosen",
            "mahasiswa", "bacaan");

    public static ChatQuery parse(String text) {
        String original = text == null ? "" : text.strip();
        String lower = stripAccents(original.toLowerCase(Locale.ROOT));
        Matcher isbn = ISBN.matcher(lower);
        if (isbn.find()) {
            String digits = isbn.group(1).replaceAll("[^0-9x]", "").toUpperCase(Locale.ROOT);
            if (digits.length() == 10 || digits.length() == 13) {
                return new ChatQuery(original, digits, false, List.of(digits));
            }
        }
        boolean author = false;
        Matcher marker = AUTHOR_MARKER.matcher(lower);
        if (marker.find()) {
            author = true;
            lower = lower.substring(marker.end());
        }
        List<String> terms = new ArrayList<>();
        for (String word : lower.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !NOISE.contains(word)) {
                terms.add(word);
            }
        }
        if (terms.stream().anyMatch(t -> !CONTEXT.contains(t))) {
            terms.removeIf(CONTEXT::contains);
        }
        return new ChatQuery(original, null, author && !terms.isEmpty(), List.copyOf(terms));
    }

    /** The terms as one phrase: compared with whole titles and author names. */
    public String phrase() {
        return String.join(" ", terms);
    }

    public boolean isEmpty() {
        return isbn == null && terms.isEmpty();
    }

    static String stripAccents(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }
}
