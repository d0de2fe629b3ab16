package org.tanyapustaka.catalog.imports;

import java.time.Year;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The four-digit year of publication in "c2004.", "[2015]", "1425 H/2004 M" or the 008 field. */
final class PublicationYear {

    private static final Pattern FOUR_DIGITS = Pattern.compile("(?<![0-9])([0-9]{4})(?![0-9])");
    /** "1425 H" and "1425H." are Hijri years, common on Indonesian Islamic books: skip them. */
    private static final Pattern HIJRI_SUFFIX = Pattern.compile("\\s*H(?![a-zA-Z])");

    private PublicationYear() {
    }

    /** The first plausible Gregorian year in the text, or {@code null}. */
    static Integer fromText(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FOUR_DIGITS.matcher(text);
        while (m.find()) {
            if (HIJRI_SUFFIX.matcher(text).region(m.end(), text.length()).lookingAt()) {
                continue;
            }
            int year = Integer.parseInt(m.group(1));
            if (plausible(year)) {
                return year;
            }
        }
        return null;
    }

    /** Date 1 of a MARC 008 (positions 07-10) when it is four digits, or {@code null} ("19uu", blanks). */
    static Integer from008(String field008) {
        if (field008 == null || field008.length() < 11) {
            return null;
        }
        String date1 = field008.substring(7, 11);
        if (!date1.matches("[0-9]{4}")) {
            return null;
        }
        int year = Integer.parseInt(date1);
        return plausible(year) ? year : null;
    }

    /** Years from 1000 up to a few years ahead (Buddhist-era years such as 2547 are rejected). */
    private static boolean plausible(int year) {
        return year >= 1000 && year <= Year.now().getValue() + 5;
    }
}
