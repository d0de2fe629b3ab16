package org.tanyapustaka.catalog.imports;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Language names and codes as Indonesian catalogues write them ("Indonesia", "Bahasa Indonesia", "Inggris",
 * "English", "id", "in", "ind") mapped to MARC language codes ({@code ind}, {@code eng}, ...).
 */
final class LanguageCodes {

    private static final Map<String, String> CODES = new HashMap<>();

    static {
        add("ind", "indonesia", "indonesian", "bahasa indonesia", "bhs indonesia", "bhs. indonesia", "id", "in",
                "ind", "b. indonesia");
        add("eng", "english", "inggris", "bahasa inggris", "bhs inggris", "bhs. inggris", "en", "eng");
        add("ara", "arab", "arabic", "bahasa arab", "ar", "ara");
        add("may", "melayu", "malay", "bahasa melayu", "malaysia", "ms", "may", "msa");
        add("jav", "jawa", "javanese", "bahasa jawa", "jv", "jav");
        add("sun", "sunda", "sundanese", "bahasa sunda", "su", "sun");
        add("dut", "belanda", "dutch", "nederlands", "bahasa belanda", "nl", "dut", "nld");
        add("ger", "jerman", "german", "deutsch", "bahasa jerman", "de", "ger", "deu");
        add("fre", "perancis", "prancis", "french", "francais", "bahasa perancis", "fr", "fre", "fra");
        add("jpn", "jepang", "japanese", "bahasa jepang", "ja", "jpn");
        add("chi", "mandarin", "cina", "china", "tionghoa", "chinese", "bahasa mandarin", "zh", "chi", "zho");
        add("kor", "korea", "korean", "bahasa korea", "ko", "kor");
        add("spa", "spanyol", "spanish", "espanol", "es", "spa");
        add("lat", "latin", "la", "lat");
        add("rus", "rusia", "russian", "ru", "rus");
        add("ita", "italia", "italian", "it", "ita");
        add("por", "portugis", "portuguese", "pt", "por");
        add("tha", "thai", "th", "tha");
        add("vie", "vietnam", "vietnamese", "vi", "vie");
        add("hin", "hindi", "hi", "hin");
        add("tur", "turki", "turkish", "tr", "tur");
        add("per", "persia", "persian", "farsi", "fa", "per", "fas");
        add("heb", "ibrani", "hebrew", "he", "heb");
        add("gre", "yunani", "greek", "el", "gre", "ell");
        add("dan", "denmark", "danish", "da", "dan");
        add("swe", "swedia", "swedish", "sv", "swe");
        add("mul", "multilingual", "multibahasa", "mul");
    }

    private LanguageCodes() {
    }

    private static void add(String code, String... names) {
        for (String name : names) {
            CODES.put(name, code);
        }
    }

    /**
     * The MARC code for a language name or an ISO 639-1/639-2 code, or {@code null} when unknown or blank.
     * Other three-letter lowercase codes are passed through: they are most likely MARC codes already.
     */
    static String fromNameOrCode(String value) {
        if (value == null) {
            return null;
        }
        String key = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (key.isEmpty()) {
            return null;
        }
        String code = CODES.get(key);
        if (code != null) {
            return code;
        }
        // "en-US", "id_ID", "eng; ind"
        String head = key.split("[-_;,/ ]")[0];
        code = CODES.get(head);
        if (code != null) {
            return code;
        }
        return head.matches("[a-z]{3}") ? head : null;
    }

    /** A MARC language code from 008/35-37 or 041$a, or {@code null} for blanks, fill characters and junk. */
    static String fromMarcCode(String value) {
        if (value == null) {
            return null;
        }
        String code = value.strip().toLowerCase(Locale.ROOT);
        if (code.length() > 3 && code.substring(0, 3).matches("[a-z]{3}")) {
            code = code.substring(0, 3); // packed 041$a such as "engfre"
        }
        if (!code.matches("[a-z]{3}")) {
            return null;
        }
        // obsolete or ISO 639-2/T codes that catalogues still use
        return switch (code) {
            case "fra" -> "fre";
            case "deu" -> "ger";
            case "nld" -> "dut";
            case "zho" -> "chi";
            case "msa" -> "may";
            default -> code;
        };
    }
}
