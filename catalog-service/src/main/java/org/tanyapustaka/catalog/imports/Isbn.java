package org.tanyapustaka.catalog.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ISBNs as catalogues write them ("0-306-40615-2 (pbk.)", "ISBN 978-602-...") reduced to digits and X. */
final class Isbn {

    /** Digits with optional hyphens or single spaces between them, ending in a digit or X. */
    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9A-Za-z])[0-9](?:[- ]?[0-9]){8,12}(?:[- ]?[0-9Xx])?(?![0-9])");

    private Isbn() {
    }

    /** Every ISBN-10 or ISBN-13 written in the text, normalised, in order, without checking check digits. */
    static List<String> findAll(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[- ]", "").toUpperCase(Locale.ROOT);
            if (isIsbnShape(digits)) {
                found.add(digits);
            } else {
                // "0306406152 9780306406157" may have been read as one run: try the space-separated parts
                for (String part : m.group().split(" ")) {
                    String p = part.replace("-", "").toUpperCase(Locale.ROOT);
                    if (isIsbnShape(p)) {
                        found.add(p);
                    }
                }
            }
        }
        return found;
    }

    /** The first ISBN in the text, or {@code null}. */
    static String first(String text) {
        List<String> all = findAll(text);
        return all.isEmpty() ? null : all.get(0);
    }

    static boolean isIsbnShape(String s) {
        return s.matches("[0-9]{9}[0-9X]") || s.matches("97[89][0-9]{10}");
    }

    /** Whether the check digit of a normalised ISBN-10 or ISBN-13 is right. */
    static boolean hasValidCheckDigit(String s) {
        if (s == null || !isIsbnShape(s)) {
            return false;
        }
        if (s.length() == 10) {
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                char c = s.charAt(i);
                int v = c == 'X' ? 10 : c - '0';
                if (c == 'X' && i != 9) {
                    return false;
                }
                sum += v * (10 - i);
            }
            return sum % 11 == 0;
        }
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (s.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return sum % 10 == 0;
    }
}
