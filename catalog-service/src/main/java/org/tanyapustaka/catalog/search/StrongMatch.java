package org.tanyapustaka.catalog.search;

import java.util.Set;

/**
 * Whether a message routing did not understand names something the catalogue holds, judged on the search's own
 * result: strong only when it cannot be chat. The message is answered as a search ("Mungkin ini yang Anda cari")
 * only then; anything else goes on to "not understood", as before. A strong match is
 * <ul>
 * <li>an ISBN that a record holds, or</li>
 * <li>words that are not chat ("oke", "siap", "mantap", "halo" and the like; the chat's noise words are already
 * left out by {@link ChatQuery}), at least one of them of four letters or more, each found as typed (no spelling
 * guess), and at least one record holding every one of them (not a partial list); a single word must moreover be
 * specific: at most {@link #MAX_SINGLE_WORD_RECORDS} records ("fotosintesis", not "baru").</li>
 * </ul>
 */
public final class StrongMatch {

    /** A one-word message matching more records than this is too general to be read as a search. */
    public static final int MAX_SINGLE_WORD_RECORDS = 40;

    /**
     * Chat words: acknowledgements, laughter, fillers and small talk a patron types to a bot, which the search's
     * noise list keeps (a title may hold them) but which alone never make a catalogue question.
     */
    static final Set<String> CHAT = Set.of(
            "oke", "okey", "okay", "ok", "okee", "okeh", "sip", "sipp", "siap", "baik", "mantap", "mantul", "iya",
            "iyaa", "iyap", "yup", "yap", "ya", "y", "yes", "no", "nope", "noted", "terima", "kasih", "trimakasih",
            "terimakasih", "makasi", "makasii", "suwun", "nuwun", "matur", "hatur", "nuhun", "sama", "sama2",
            "wkwk", "wkwkwk", "haha", "hahaha", "hehe", "hehehe", "hihi", "xixi", "lol", "btw", "anu", "eh", "oh",
            "ohh", "oo", "ooh", "hmm", "hm", "umm", "assalamualaikum", "assalamu", "alaikum", "waalaikumsalam",
            "salam", "hey", "hei", "bro", "sob", "test", "tes", "testing", "coba", "cek", "ping", "p", "woi", "woy",
            "gan", "kak", "kk", "dek", "bapak", "ibu", "nanti", "besok", "kemarin", "tadi", "udh", "sdh", "blm",
            "belum", "bener", "benar", "betul", "gitu", "begitu", "gimana", "bagaimana", "kenapa", "mengapa",
            "kapan", "siapa", "berapa", "jam", "buka", "tutup", "libur", "hari", "good", "morning", "night",
            "afternoon", "evening", "fine", "great", "nice", "cool", "sorry", "hello", "bye", "dadah", "sampai",
            "jumpa", "semangat", "amin", "aamiin", "alhamdulillah", "insyaallah", "bismillah", "astaga", "duh",
            "aduh", "waduh", "wah", "wow", "asik", "asyik", "keren", "lucu", "bot", "robot");

    private StrongMatch() {
    }

    public static boolean strong(ChatQuery query, SearchResult result) {
        if (query.isEmpty() || result.total() == 0 || result.hits().isEmpty()) {
            return false;
        }
        if (query.isbn() != null) {
            return true;
        }
        if (result.partial() || !result.suggestions().isEmpty()) {
            return false;
        }
        if (query.terms().stream().anyMatch(CHAT::contains)
                || query.terms().stream().noneMatch(t -> t.codePointCount(0, t.length()) >= 4)) {
            return false;
        }
        return query.terms().size() > 1 || (result.totalExact() && result.total() <= MAX_SINGLE_WORD_RECORDS);
    }
}
