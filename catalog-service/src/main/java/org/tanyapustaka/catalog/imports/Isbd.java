package org.tanyapustaka.catalog.imports;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cleans catalogue text for display and search: Unicode NFC, single spaces, and no trailing ISBD punctuation
 * (" /", " :", " ;", " =", ",", "."), which MARC keeps between subfields but a patron should never see.
 * A final period is kept after an initial ("Tolkien, J. R. R.") and common abbreviations ("Jr.", "Inc.").
 */
final class Isbd {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n]]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern INITIAL_AT_END = Pattern.compile("(?:^|[\\s.\\-])\\p{L}\\.$");
    private static final Set<String> ABBREVIATIONS = Set.of(
            "jr", "sr", "inc", "co", "corp", "ltd", "bros", "etc", "dr", "st", "mr", "mrs", "ms", "prof",
            "tbk", "pt", "cv", "univ", "dept", "ir", "hj", "h", "drs", "dra");
    private static final Pattern UNKNOWN_PLACE = Pattern.compile("(?i)\\[?\\s*(s\\.\\s*l\\.?|sine loco|place of publication not identified|tempat terbit tidak diketahui)\\s*]?");
    private static final Pattern UNKNOWN_PUBLISHER = Pattern.compile("(?i)\\[?\\s*(s\\.\\s*n\\.?|sine nomine|publisher not identified|penerbit tidak diketahui)\\s*]?");

    private Isbd() {
    }

    /** NFC, control characters removed, whitespace collapsed; {@code null} for blank text. */
    static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        s = CONTROL.matcher(s).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        return s.isEmpty() ? null : s;
    }

    /** {@link #normalize} and then strips trailing ISBD punctuation; {@code null} if nothing is left. */
    static String clean(String text) {
        String s = normalize(text);
        if (s == null) {
            return null;
        }
        boolean changed = true;
        while (changed && !s.isEmpty()) {
            changed = false;
            char last = s.charAt(s.length() - 1);
            if (last == '/' || last == ':' || last == ';' || last == '=' || last == ',') {
                s = s.substring(0, s.length() - 1).stripTrailing();
                changed = true;
            } else if (last == '.' && !s.endsWith("...") && !keepsFinalPeriod(s)) {
                s = s.substring(0, s.length() - 1).stripTrailing();
                changed = true;
            }
        }
        s = unwrapBrackets(s);
        return s.isEmpty() ? null : s;
    }

    /** A place of publication, {@code null} for "[S.l.]" and the like. */
    static String place(String text) {
        String s = clean(text);
        return s == null || UNKNOWN_PLACE.matcher(s).matches() ? null : s;
    }

    /** A publisher name, {@code null} for "[s.n.]" and the like. */
    static String publisher(String text) {
        String s = clean(text);
        return s == null || UNKNOWN_PUBLISHER.matcher(s).matches() ? null : s;
    }

    private static boolean keepsFinalPeriod(String s) {
        if (INITIAL_AT_END.matcher(s).find()) {
            return true;
        }
        int start = s.length() - 1;
        while (start > 0 && Character.isLetter(s.charAt(start - 1))) {
            start--;
        }
        String word = s.substring(start, s.length() - 1).toLowerCase(Locale.ROOT);
        return ABBREVIATIONS.contains(word);
    }

    /**
     * "[Bern]" becomes "Bern" ("[Bern] :" was already stripped of its colon by then); a bracket left open or
     * closed by a neighbouring subfield, as in 260 "$a[S.l. :$bs.n.]", is dropped.
     */
    private static String unwrapBrackets(String s) {
        if (s.startsWith("[") && s.indexOf(']') < 0) {
            return s.substring(1).strip();
        }
        if (s.endsWith("]") && s.indexOf('[') < 0) {
            return s.substring(0, s.length() - 1).strip();
        }
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']'
                && s.indexOf('[', 1) < 0 && s.indexOf(']') == s.length() - 1) {
            return s.substring(1, s.length() - 1).strip();
        }
        return s;
    }
}
