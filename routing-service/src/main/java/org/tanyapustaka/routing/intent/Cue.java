package org.tanyapustaka.routing.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One weighted piece of evidence for an intent, written in a small pattern language over normalized tokens:
 * <ul>
 * <li>{@code a b} — word a, then word b within two tokens after it;</li>
 * <li>{@code a|b} — either word; {@code a_b} — the words a and b next to each other;</li>
 * <li>{@code x & y} — both x and y somewhere in the message; {@code x & !y} — x, and y nowhere;</li>
 * <li>a word matches itself with Indonesian and English affixes ({@code pinjam} matches "pinjaman", "dipinjam";
 * {@code book} matches "books"), and a typo of itself: from five letters up one typo (a letter dropped, added,
 * changed or two swapped), from ten letters up two; {@code =word} matches only itself, {@code word*} any word
 * starting with it.</li>
 * </ul>
 * Typos are read only into tokens the classifier does not know as words, only with the right first letter, and only
 * as the nearest cue word(s): "pengadaan" is a word, and "pngadaan" is "pengadaan", never also "pengaduan".
 */
final class Cue {

    private static final int MAX_GAP = 2;

    private static final String[] PREFIXES = {"", "di", "me", "mem", "men", "meng", "meny", "ber", "be", "ter", "pe",
            "pem", "pen", "peng", "per", "se", "ke", "ng", "nge", "memper", "diper", "ku", "kau"};
    private static final Set<String> SUFFIXES = Set.of("", "nya", "lah", "kah", "an", "kan", "i", "in", "ny", "ku",
            "mu", "e", "s", "es", "ed", "d", "ing", "annya", "kannya", "innya", "inya", "ya", "nyaa", "ne");
    private static final String[] STRIPPABLE_SUFFIXES = {"nya", "an", "kan", "in", "i", "s", "ed", "ing"};

    enum Mode { AFFIX, EXACT, PREFIX }

    /** A word of the pattern language; equal words share one id (used to memoize matches). */
    record Word(String text, Mode mode, int id, int typos) {
    }

    private static final Map<String, Integer> WORD_IDS = new HashMap<>();

    private static synchronized Word word(String text, Mode mode) {
        int id = WORD_IDS.computeIfAbsent(mode + ":" + text, k -> WORD_IDS.size());
        return new Word(text, mode, id, mode == Mode.AFFIX ? Matcher.typosAllowed(text) : 0);
    }

    /** How many distinct words all cues use. */
    static synchronized int wordCount() {
        return WORD_IDS.size();
    }

    private final Intent intent;
    private final double weight;
    private final String spec;
    /** groups → terms → alternatives → consecutive words */
    private final List<List<List<List<Word>>>> groups;
    /** for each group, whether it must not match */
    private final List<Boolean> negated = new ArrayList<>();

    Cue(Intent intent, double weight, String spec) {
        this.intent = intent;
        this.weight = weight;
        this.spec = spec;
        this.groups = parse(spec, negated);
    }

    Intent intent() {
        return intent;
    }

    double weight() {
        return weight;
    }

    /** Every word this cue mentions (for the normalizer's vocabulary). */
    List<Word> words() {
        List<Word> words = new ArrayList<>();
        groups.forEach(group -> group.forEach(term -> term.forEach(words::addAll)));
        return words;
    }

    /** The tokens that matched, joined with "+" (e.g. "buku+ada"), or null when the cue does not match. */
    String match(List<String> tokens, Matcher matcher) {
        List<String> matched = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<String> found = new ArrayList<>();
            boolean matches = matchesSequence(groups.get(g), 0, tokens, 0, tokens.size(), matcher, found);
            if (negated.get(g)) {
                if (matches) {
                    return null;
                }
                continue;
            }
            if (!matches) {
                return null;
            }
            java.util.Collections.reverse(found);
            matched.add(String.join(" ", found));
        }
        return String.join("+", matched);
    }

    /** Whether terms[index..] match starting somewhere in tokens[from, until); collects the tokens in reverse. */
    private static boolean matchesSequence(List<List<List<Word>>> terms, int index, List<String> tokens, int from,
            int until, Matcher matcher, List<String> found) {
        if (index == terms.size()) {
            return true;
        }
        for (int start = from; start < Math.min(until, tokens.size()); start++) {
            for (List<Word> alternative : terms.get(index)) {
                int end = matchAt(alternative, tokens, start, matcher);
                if (end > 0 && matchesSequence(terms, index + 1, tokens, end, end + MAX_GAP + 1, matcher, found)) {
                    found.add(String.join(" ", tokens.subList(start, end)));
                    return true;
                }
            }
        }
        return false;
    }

    /** The position after the consecutive words matched at start, or -1. */
    private static int matchAt(List<Word> words, List<String> tokens, int start, Matcher matcher) {
        int position = start;
        for (Word word : words) {
            if (position >= tokens.size() || !matcher.matches(position, word)) {
                return -1;
            }
            position++;
        }
        return position;
    }

    private static List<List<List<List<Word>>>> parse(String spec, List<Boolean> negated) {
        List<List<List<List<Word>>>> groups = new ArrayList<>();
        for (String group : spec.split(" & ")) {
            group = group.trim();
            negated.add(group.startsWith("!"));
            group = group.startsWith("!") ? group.substring(1) : group;
            List<List<List<Word>>> terms = new ArrayList<>();
            for (String term : group.split("\\s+")) {
                List<List<Word>> alternatives = new ArrayList<>();
                for (String alternative : term.split("\\|")) {
                    List<Word> words = new ArrayList<>();
                    for (String word : alternative.split("_")) {
                        words.add(parseWord(word, spec));
                    }
                    alternatives.add(words);
                }
                terms.add(alternatives);
            }
            groups.add(terms);
        }
        return groups;
    }

    private static Word parseWord(String word, String spec) {
        Mode mode = Mode.AFFIX;
        if (word.startsWith("=")) {
            mode = Mode.EXACT;
            word = word.substring(1);
        } else if (word.endsWith("*")) {
            mode = Mode.PREFIX;
            word = word.substring(0, word.length() - 1);
        }
        if (word.isEmpty() || !word.chars().allMatch(c -> Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException("Bad word '" + word + "' in cue: " + spec);
        }
        return word(word, mode);
    }

    @Override
    public String toString() {
        return intent + " " + weight + " " + spec;
    }

    /**
     * Matches words against tokens, remembering answers (one instance per classification is cheap enough). Typos are
     * tolerated only in tokens that are not words the classifier knows: "pengadaan" is a word, not a typo of
     * "pengaduan".
     */
    static final class Matcher {

        private final List<String> tokens;
        private final byte[][] memo;
        private final int wordCount = wordCount();
        private final Map<String, Boolean> knownTokens = new HashMap<>();
        private final Map<String, Set<String>> nearestWords = new HashMap<>();
        private final java.util.function.Predicate<String> known;
        private final Map<Character, List<String>> vocabulary;

        /**
         * @param tokens     the message's tokens
         * @param known      whether a word is known (known words are never read as typos)
         * @param vocabulary the cue words a typo may stand for, by first letter; a typo matches only the nearest
         */
        Matcher(List<String> tokens, java.util.function.Predicate<String> known,
                Map<Character, List<String>> vocabulary) {
            this.tokens = tokens;
            this.memo = new byte[tokens.size()][];
            this.known = known;
            this.vocabulary = vocabulary;
        }

        /** Whether the token at this position matches the word (memoized per message). */
        boolean matches(int position, Word word) {
            byte[] row = memo[position];
            if (row == null || row.length <= word.id()) {
                row = java.util.Arrays.copyOf(row == null ? new byte[0] : row, Math.max(wordCount, word.id() + 1));
                memo[position] = row;
            }
            if (row[word.id()] == 0) {
                row[word.id()] = compute(tokens.get(position), word) ? (byte) 2 : (byte) 1;
            }
            return row[word.id()] == 2;
        }

        /** Whether a token matches the word (not memoized). */
        boolean matches(String token, Word word) {
            return compute(token, word);
        }

        /** Whether the token is a vocabulary word, with or without affixes, or a typo of a cue word. */
        boolean isCueWord(String token, Set<String> words) {
            if (words.contains(token)) {
                return true;
            }
            for (String prefix : PREFIXES) {
                if (!token.startsWith(prefix)) {
                    continue;
                }
                String rest = token.substring(prefix.length());
                for (String suffix : SUFFIXES) {
                    if (rest.length() > suffix.length() && rest.endsWith(suffix)) {
                        String core = rest.substring(0, rest.length() - suffix.length());
                        if (words.contains(core) && (core.length() >= 4
                                || (prefix.isEmpty() && (suffix.equals("nya") || suffix.equals("s"))))) {
                            return true;
                        }
                    }
                }
            }
            return token.length() >= 4 && !isKnown(token) && !nearest(token).isEmpty();
        }

        /** Whether the token, or the token without its affixes, is a known word (and so no typo). */
        boolean isKnown(String token) {
            Boolean cached = knownTokens.get(token);
            if (cached == null) {
                cached = cores(token).stream().anyMatch(known);
                knownTokens.put(token, cached);
            }
            return cached;
        }

        private boolean compute(String token, Word word) {
            String w = word.text();
            switch (word.mode()) {
                case EXACT:
                    return token.equals(w);
                case PREFIX:
                    return token.startsWith(w);
                default:
                    break;
            }
            if (token.equals(w) || affixed(token, w)) {
                return true;
            }
            if (word.typos() == 0 || token.length() < 4 || isKnown(token)) {
                return false;
            }
            return nearest(token).contains(w);
        }

        /** Typos tolerated in a word: one from five letters, two from ten; none in short words or numbers. */
        static int typosAllowed(String word) {
            if (!word.chars().allMatch(Character::isLetter)) {
                return 0;
            }
            return word.length() >= 10 ? 2 : word.length() >= 5 ? 1 : 0;
        }

        /**
         * The vocabulary words closest to an unknown token (or to it without its affixes), within the typos each
         * word tolerates and with the same first letter: "pngadaan" is "pengadaan", not also "pengaduan".
         */
        Set<String> nearest(String token) {
            Set<String> found = nearestWords.get(token);
            if (found == null) {
                found = new java.util.HashSet<>();
                int best = Integer.MAX_VALUE;
                for (String core : cores(token)) {
                    if (core.length() < 4) {
                        continue;
                    }
                    for (String w : vocabulary.getOrDefault(core.charAt(0), List.of())) {
                        int allowed = typosAllowed(w);
                        if (allowed == 0 || Math.abs(core.length() - w.length()) > allowed) {
                            continue;
                        }
                        int d = distance(core, w, allowed);
                        if (d <= allowed && d < best) {
                            best = d;
                            found.clear();
                        }
                        if (d <= allowed && d == best) {
                            found.add(w);
                        }
                    }
                }
                nearestWords.put(token, found);
            }
            return found;
        }

        /** token = prefix + word + suffix (short words take only "-nya" and plural "-s"). */
        static boolean affixed(String token, String word) {
            if (token.length() <= word.length() || !token.contains(word)) {
                return false;
            }
            if (word.length() < 4) {
                return token.equals(word + "nya") || token.equals(word + "s");
            }
            for (String prefix : PREFIXES) {
                if (token.length() >= prefix.length() + word.length() && token.startsWith(prefix)
                        && token.startsWith(word, prefix.length())
                        && SUFFIXES.contains(token.substring(prefix.length() + word.length()))) {
                    return true;
                }
            }
            return false;
        }

        /** The token and the token without one common prefix and/or suffix. */
        private static List<String> cores(String token) {
            List<String> cores = new ArrayList<>();
            for (String prefix : new String[] {"", "di", "me", "mem", "meng", "ber", "ter", "pe", "peng", "memper",
                    "diper"}) {
                if (!token.startsWith(prefix)) {
                    continue;
                }
                String rest = token.substring(prefix.length());
                cores.add(rest);
                for (String suffix : STRIPPABLE_SUFFIXES) {
                    if (rest.endsWith(suffix) && rest.length() - suffix.length() >= 4) {
                        cores.add(rest.substring(0, rest.length() - suffix.length()));
                    }
                }
            }
            return cores;
        }

        /** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), capped above max. */
        static int distance(String a, String b, int max) {
            int[][] d = new int[a.length() + 1][b.length() + 1];
            for (int i = 0; i <= a.length(); i++) {
                d[i][0] = i;
            }
            for (int j = 0; j <= b.length(); j++) {
                d[0][j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                int rowMin = Integer.MAX_VALUE;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                    if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                        value = Math.min(value, d[i - 2][j - 2] + 1);
                    }
                    d[i][j] = value;
                    rowMin = Math.min(rowMin, value);
                }
                if (rowMin > max) {
                    return max + 1;
                }
            }
            return d[a.length()][b.length()];
        }
    }
}
