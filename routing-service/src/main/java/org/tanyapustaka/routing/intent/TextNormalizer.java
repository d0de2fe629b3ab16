package org.tanyapustaka.routing.intent;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a chat message into standard tokens: lower case, contractions and reduplication ("buku2") spelled out,
 * emoji and punctuation removed, letters repeated for emphasis ("haloooo") collapsed, chat spellings and
 * abbreviations ("gmn", "brp", "perpus") replaced by their standard form.
 */
final class TextNormalizer {

    /** The message as read. */
    record Normalized(String original, List<String> surface, List<String> tokens, int stars, boolean isbn) {

        String text() {
            return String.join(" ", tokens);
        }

        boolean isEmpty() {
            return tokens.isEmpty();
        }
    }

    private static final Pattern REDUPLICATION = Pattern.compile("(?<![\\p{L}\\d])(\\p{L}{2,})2(?![\\p{L}\\d])");
    private static final Pattern LETTER_DIGIT = Pattern.compile("(?<=\\p{L})(?=\\d)|(?<=\\d)(?=\\p{L})");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\d]+");
    private static final Pattern ISBN_CANDIDATE = Pattern.compile("(?<![\\d])(?:97[89][- ]?)?\\d[\\d -]{7,15}[\\dxX](?![\\d])");
    private static final Pattern ISBN_WORD = Pattern.compile("(?i)\\bisbn\\b");
    private static final Pattern REPEATS_3 = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern REPEATS_2 = Pattern.compile("(\\p{L})\\1+");

    /** Chat spellings of five letters or more, by first letter (the candidates for typo correction). */
    private static final java.util.Map<Character, List<String>> SPELLINGS_BY_LETTER = new java.util.HashMap<>();

    static {
        for (String spelling : new java.util.TreeSet<>(Lexicon.VARIANTS.keySet())) {
            if (spelling.length() >= 5 && spelling.chars().allMatch(Character::isLetter)) {
                SPELLINGS_BY_LETTER.computeIfAbsent(spelling.charAt(0), c -> new ArrayList<>()).add(spelling);
            }
        }
    }

    private final Predicate<String> known;

    /** @param known whether a word is in the classifier's vocabulary (used to undo repeated letters correctly) */
    TextNormalizer(Predicate<String> known) {
        this.known = known;
    }

    Normalized normalize(String message) {
        String text = message == null ? "" : Normalizer.normalize(message, Normalizer.Form.NFKC);
        int stars = countStars(text);
        boolean isbn = looksLikeIsbn(text);
        text = text.toLowerCase(Locale.ROOT)
                .replace('’', '\'').replace('‘', '\'').replace('`', '\'').replace('´', '\'')
                .replace("👍", " oke ").replace("👌", " oke ");
        text = text.replaceAll("n't\\b", " not").replaceAll("'m\\b", " am").replaceAll("'re\\b", " are")
                .replaceAll("'ll\\b", " will").replaceAll("'ve\\b", " have").replaceAll("(?<=\\bi)'d\\b", " would")
                .replaceAll("'s\\b", "").replace("'", "");
        text = REDUPLICATION.matcher(text).replaceAll("$1 $1");
        text = LETTER_DIGIT.matcher(text).replaceAll(" ");
        text = NON_WORD.matcher(text).replaceAll(" ").strip();

        List<String> surface = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String raw : text.split(" ")) {
                String word = undoRepeats(raw);
                surface.add(word);
                for (String standard : standardForm(correctChatSpelling(word)).split(" ")) {
                    tokens.add(standard);
                }
            }
        }
        return new Normalized(message == null ? "" : message, List.copyOf(surface), List.copyOf(tokens), stars, isbn);
    }

    /** "haloooo" → "halo", "goood" → "good", "makasiih" → "makasih" (whichever the vocabulary knows). */
    String undoRepeats(String word) {
        if (word.length() < 3 || isKnown(word) || word.chars().allMatch(Character::isDigit)) {
            return word;
        }
        String single = REPEATS_3.matcher(word).replaceAll("$1");
        String twice = REPEATS_3.matcher(word).replaceAll("$1$1");
        String allSingle = REPEATS_2.matcher(word).replaceAll("$1");
        if (isKnown(single)) {
            return single;
        }
        if (isKnown(twice)) {
            return twice;
        }
        // "makasiih", "bukuu": a doubled letter may be emphasis too, but "add" or "good" are words
        if (word.length() >= 5 && allSingle.length() >= 4 && isKnown(allSingle)) {
            return allSingle;
        }
        return single;
    }

    private boolean isKnown(String word) {
        return Lexicon.VARIANTS.containsKey(word) || Lexicon.STOPWORDS.contains(word) || known.test(word);
    }

    /**
     * A chat spelling with a typo ("bailkin", "tengkyuu") → the chat spelling it most likely is ("balikin"), when the
     * word is unknown, at least five letters long, and exactly one chat spelling is one typo away.
     */
    String correctChatSpelling(String word) {
        if (word.length() < 5 || isKnown(word) || !word.chars().allMatch(Character::isLetter)) {
            return word;
        }
        String match = null;
        for (String spelling : SPELLINGS_BY_LETTER.getOrDefault(word.charAt(0), List.of())) {
            if (Math.abs(spelling.length() - word.length()) <= 1
                    && Cue.Matcher.distance(word, spelling, 1) <= 1) {
                if (match != null && !Lexicon.VARIANTS.get(match).equals(Lexicon.VARIANTS.get(spelling))) {
                    return word; // ambiguous
                }
                match = spelling;
            }
        }
        return match == null ? word : match;
    }

    /** The standard form of one word, e.g. "gmn" → "bagaimana", "perpusnya" → "perpustakaan". */
    static String standardForm(String word) {
        String standard = Lexicon.VARIANTS.get(word);
        if (standard != null) {
            return standard;
        }
        if (word.length() > 5 && word.endsWith("nya")) {
            String base = Lexicon.VARIANTS.get(word.substring(0, word.length() - 3));
            if (base != null && !base.contains(" ") && !base.equals(Lexicon.ADDRESS)) {
                return base;
            }
        }
        return word;
    }

    private static int countStars(String text) {
        int stars = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '⭐' || c == '★' || c == '✭' || c == '✮') {
                stars++;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && text.codePointAt(i) == 0x1F31F) { // glowing star
                stars++;
            }
        }
        return stars;
    }

    /** An ISBN-10 or ISBN-13 with a valid check digit, or a number after the word "ISBN". */
    static boolean looksLikeIsbn(String text) {
        boolean labelled = ISBN_WORD.matcher(text).find();
        Matcher candidates = ISBN_CANDIDATE.matcher(text);
        while (candidates.find()) {
            String digits = candidates.group().replaceAll("[ -]", "").toUpperCase(Locale.ROOT);
            if (labelled && (digits.length() == 10 || digits.length() == 13)) {
                return true;
            }
            if (digits.length() == 13 && (digits.startsWith("978") || digits.startsWith("979")) && validIsbn13(digits)) {
                return true;
            }
            if (digits.length() == 10 && candidates.group().contains("-") && validIsbn10(digits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean validIsbn13(String digits) {
        if (!digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return sum % 10 == 0;
    }

    private static boolean validIsbn10(String digits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = digits.charAt(i);
            int value;
            if (c == 'X' && i == 9) {
                value = 10;
            } else if (Character.isDigit(c)) {
                value = c - '0';
            } else {
                return false;
            }
            sum += value * (10 - i);
        }
        return sum % 11 == 0;
    }
}
