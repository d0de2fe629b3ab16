package org.tanyapustaka.routing.intent;

import static org.tanyapustaka.routing.intent.Intent.BOOK_SUGGESTION;
import static org.tanyapustaka.routing.intent.Intent.CATALOG_SEARCH;
import static org.tanyapustaka.routing.intent.Intent.CLEARANCE;
import static org.tanyapustaka.routing.intent.Intent.CSAT_RATING;
import static org.tanyapustaka.routing.intent.Intent.FINES;
import static org.tanyapustaka.routing.intent.Intent.GREETING;
import static org.tanyapustaka.routing.intent.Intent.HUMAN_HANDOVER;
import static org.tanyapustaka.routing.intent.Intent.LOAN_INFO;
import static org.tanyapustaka.routing.intent.Intent.LOAN_RENEWAL;
import static org.tanyapustaka.routing.intent.Intent.LOCATION_FACILITIES;
import static org.tanyapustaka.routing.intent.Intent.MEMBERSHIP;
import static org.tanyapustaka.routing.intent.Intent.MENU;
import static org.tanyapustaka.routing.intent.Intent.OPENING_HOURS;
import static org.tanyapustaka.routing.intent.Intent.OTHER;
import static org.tanyapustaka.routing.intent.Intent.PLAGIARISM_CHECK;
import static org.tanyapustaka.routing.intent.Intent.THANKS;
import static org.tanyapustaka.routing.intent.Intent.THESIS_DEPOSIT;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Classifies a patron's WhatsApp message into one {@link Intent} and a language, without any model to train. What it
 * knows is data ({@code language.txt}, loaded by {@link Lexicon}): weighted cues per intent (words and phrases in
 * Indonesian as typed on phones, and in English) are matched against the normalized message and summed. {@code
 * classify} is a list of named steps, each of which decides or passes to the next:
 * <ol>
 * <li>{@code nothingToRead}: empty text is {@code other} (a row of stars answering the rating question a rating);</li>
 * <li>{@code bareNumber}: "0" is the menu, "1".."5" a rating only right after the rating question;</li>
 * <li>{@code ratingAnswer}: a verdict ("puas banget") answering the rating question, read by {@link ShortReplies};</li>
 * <li>{@code spam}: prize scams, advertising, chain messages: {@code other}, marked {@link Classification#spam()};</li>
 * <li>{@code onlyPleasantries}: nothing but greetings or thanks;</li>
 * <li>{@code callForAttention}: "kak?", "min, mau tanya";</li>
 * <li>{@code bareMenuWord}: "layanan", "info";</li>
 * <li>{@code bestScoredIntent}: the highest sum wins; asking for a person (or a complaint, a report) beats a close
 * competitor, because answering such a message with a canned text is the costliest mistake; too little evidence,
 * or two intents too close to call, gives {@link Intent#OTHER} with a low confidence.</li>
 * </ol>
 * Words that name no library topic (titles, authors, subjects) next to book cues ("ada buku … ga?", "cari …") make
 * a catalogue search, and so does an ISBN. Words that only make sense in a conversation's state ("lagi" or "2"
 * while a result list is open, "STOP", "mulai") are the conversation's business ({@link ShortReplies}).
 * Thread-safe and cheap to share: build one and reuse it.
 */
public final class IntentClassifier {

    /** Below this total weight the best intent is not trusted. */
    static final double MIN_SCORE = 2.0;
    /** How far another intent may be ahead of a clear request for a person (or a complaint) and still lose. */
    static final double HANDOVER_PRIORITY = 3.5;
    /** From this total weight of spam evidence on, a message is spam. */
    static final double SPAM_SCORE = 4.0;
    /** Below this confidence the classification falls back to {@link Intent#OTHER}. */
    static final double MIN_CONFIDENCE = 0.25;

    /** The cue table of {@code language.txt}. */
    private static final List<Cue> CUES = Lexicon.CUES;

    private static final Set<String> VOCABULARY = new HashSet<>();

    static {
        for (Cue cue : CUES) {
            for (Cue.Word word : cue.words()) {
                VOCABULARY.add(word.text());
            }
        }
        VOCABULARY.addAll(Lexicon.GREETING_WORDS);
        VOCABULARY.addAll(Lexicon.PARTICLES);
        VOCABULARY.addAll(Lexicon.ENGLISH);
        VOCABULARY.addAll(Lexicon.INDONESIAN);
        VOCABULARY.addAll(Lexicon.VARIANTS.values());
    }

    /** The cue words a typo may stand for (not English function words and the like). */
    private static final Map<Character, List<String>> FUZZY_VOCABULARY;

    static {
        Set<String> cueWords = new HashSet<>();
        for (Cue cue : CUES) {
            for (Cue.Word word : cue.words()) {
                if (word.mode() == Cue.Mode.AFFIX) {
                    cueWords.add(word.text());
                }
            }
        }
        Map<Character, List<String>> byLetter = new java.util.TreeMap<>();
        for (String word : new java.util.TreeSet<>(cueWords)) {
            if (Cue.Matcher.typosAllowed(word) > 0) {
                byLetter.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(word);
            }
        }
        byLetter.replaceAll((letter, words) -> List.copyOf(words));
        FUZZY_VOCABULARY = Map.copyOf(byLetter);
    }

    private final TextNormalizer normalizer = new TextNormalizer(IntentClassifier::isKnownWord);
    private final ShortReplies shortReplies = new ShortReplies(normalizer);

    /** A word of the vocabulary or of the word lists, which is never read as a typo of another word. */
    static boolean isKnownWord(String word) {
        return VOCABULARY.contains(word) || Lexicon.STOPWORDS.contains(word) || Lexicon.VARIANTS.containsKey(word);
    }

    /** The reader of short replies (ratings, cancel, stop, more, numbers), reading as this classifier reads. */
    public ShortReplies shortReplies() {
        return shortReplies;
    }

    /** Classifies a message that is not an answer to a rating question. */
    public Classification classify(String text) {
        return classify(text, false, "id");
    }

    /**
     * @param awaitingRating whether the bot's last message asked the patron to rate the service; only then is a
     *                       bare "1".."5" (or "5 bintang", "puas banget") a {@link Intent#CSAT_RATING}
     */
    public Classification classify(String text, boolean awaitingRating) {
        return classify(text, awaitingRating, "id");
    }

    /**
     * @param fallbackLanguage the language to assume when the message itself does not tell ("5", "menu", "ok"),
     *                         usually the conversation's language so far
     */
    public Classification classify(String text, boolean awaitingRating, String fallbackLanguage) {
        return classify(new Reading(normalizer.normalize(text), awaitingRating, fallbackLanguage));
    }

    /**
     * The patron's rating if this reply to the rating question is one ("4", "⭐⭐⭐⭐", "puas banget", the list row
     * {@code csat:4}), read as {@link #classify(String, boolean)} reads it: empty when the reply asks something else
     * ("perpus buka jam brp?").
     */
    public OptionalInt ratingAnswer(String text, String replyId) {
        OptionalInt fromList = shortReplies.ratingOf(null, replyId);
        if (replyId != null && replyId.startsWith("csat:")) {
            return fromList;
        }
        Reading reading = new Reading(normalizer.normalize(text), true, "id");
        return classify(reading).intent() == CSAT_RATING ? reading.rating() : OptionalInt.empty();
    }

    private Classification classify(Reading reading) {
        for (Step step : steps) {
            Classification verdict = step.decide(reading);
            if (verdict != null) {
                return verdict;
            }
        }
        throw new IllegalStateException("the last step always decides");
    }

    // --- the steps of reading a message, in order; each decides or passes -----------------------------------

    /** One step: a verdict, or null to let the next step decide. */
    @FunctionalInterface
    private interface Step {
        Classification decide(Reading reading);
    }

    private final List<Step> steps = List.of(
            this::nothingToRead,
            this::bareNumber,
            this::ratingAnswer,
            this::spam,
            this::onlyPleasantries,
            this::callForAttention,
            this::bareMenuWord,
            this::bestScoredIntent);

    /** Empty text (or only emoji) is nothing to act on, unless it is a row of stars answering the rating question. */
    private Classification nothingToRead(Reading r) {
        if (!r.tokens.isEmpty()) {
            return null;
        }
        if (r.rating().isPresent()) {
            return r.verdict(CSAT_RATING, 0.9, "rule: " + r.message.stars() + " star(s) answering the rating question");
        }
        return r.verdict(OTHER, 0.0, "rule: nothing to read");
    }

    /** "0" is the main menu; "1".."5" a rating right after the rating question; any other bare number no question. */
    private Classification bareNumber(Reading r) {
        if (r.tokens.size() != 1 || !r.tokens.get(0).chars().allMatch(Character::isDigit)) {
            return null;
        }
        if (r.tokens.get(0).equals("0")) {
            return r.verdict(MENU, 0.9, "rule: 0 is the main menu");
        }
        if (r.rating().isPresent()) {
            return r.verdict(CSAT_RATING, 0.97, "rule: a number 1-5 answering the rating question");
        }
        return r.verdict(OTHER, 0.1, "rule: a bare number is no question (a rating only right after the rating question)");
    }

    /** A verdict ("puas banget", "2, balesnya lama") answering the rating question, unless it clearly asks something. */
    private Classification ratingAnswer(Reading r) {
        if (r.rating().isEmpty()
                || r.scores().bestExcept(Set.of(GREETING, THANKS, CSAT_RATING, OTHER, MENU)).score >= 4.5) {
            return null;
        }
        return r.verdict(CSAT_RATING, 0.9, "rule: a verdict answering the rating question (" + r.rating().getAsInt() + ")");
    }

    /** Advertising, prize scams and chain messages ([spam] of language.txt): ignored, never handed to a person. */
    private Classification spam(Reading r) {
        double evidence = 0;
        List<String> cues = new ArrayList<>();
        Cue.Matcher matcher = new Cue.Matcher(r.tokens, IntentClassifier::isKnownWord, FUZZY_VOCABULARY);
        for (Cue cue : Lexicon.SPAM) {
            String matched = cue.match(r.tokens, matcher);
            if (matched != null) {
                evidence += cue.weight();
                cues.add(matched);
            }
        }
        if (evidence < SPAM_SCORE) {
            return null;
        }
        cues.add("rule: spam (ignored)");
        return new Classification(OTHER, Math.min(0.99, confidence(evidence, 0)), r.language, r.normalized, cues,
                null, true);
    }

    /** Only greetings, thanks and particles: a thank-you, or a greeting. */
    private Classification onlyPleasantries(Reading r) {
        Scores scores = r.scores();
        boolean onlyPleasantries = r.tokens.stream().allMatch(t -> isGreetingWord(t) || Lexicon.PARTICLES.contains(t)
                || t.equals(Lexicon.ADDRESS) || (r.hasGreeting && Lexicon.GREETING_ADDRESS.contains(t))
                || scores.thanksWord(t));
        if (!onlyPleasantries) {
            return null;
        }
        double thanks = scores.of(THANKS);
        if (thanks >= 2.0) {
            return result(THANKS, Math.min(0.97, confidence(thanks + 2, 0)), r.language, r.normalized, scores,
                    "rule: only thanks" + (r.hasGreeting ? " and greetings" : ""));
        }
        return r.hasGreeting ? r.verdict(GREETING, 0.95, "rule: only a greeting") : null;
    }

    /** "kak?", "min, mau tanya": a call for attention that asks nothing yet is answered like a greeting. */
    private Classification callForAttention(Reading r) {
        return r.tokens.stream().allMatch(Lexicon.PINGS::contains)
                ? r.verdict(GREETING, 0.7, "rule: only an address or a call for attention (\"kak?\", \"mau tanya\")")
                : null;
    }

    /** "layanan", "info": one word naming the services asks for the list of them. */
    private Classification bareMenuWord(Reading r) {
        return r.tokens.size() == 1 && Lexicon.MENU_WORDS.contains(r.tokens.get(0))
                ? r.verdict(MENU, 0.8, "rule: one word asking for the services") : null;
    }

    /**
     * The intent with the highest sum of cues; asking for a person beats a close competitor; too little evidence, or
     * two intents too close to call, is {@link Intent#OTHER} (a greeting or thanks when those are all there is).
     */
    private Classification bestScoredIntent(Reading r) {
        Scores scores = r.scores();
        Ranked best = scores.bestExcept(Set.of(GREETING));
        Ranked second = scores.secondExcept(Set.of(GREETING), best.intent);
        double confidence = confidence(best.score, second.score);

        // asking for a person (or complaining) beats a competitor that is not far ahead, unless the message is about
        // something outside the library (a grade in the academic system): no librarian can act on it
        double handover = scores.of(HUMAN_HANDOVER);
        if (best.intent != HUMAN_HANDOVER && best.intent != OTHER && handover >= 4.5 && handover >= best.score - HANDOVER_PRIORITY) {
            second = best;
            best = new Ranked(HUMAN_HANDOVER, handover);
            confidence = 0.2 + 0.6 * (1.0 - Math.exp(-handover / 2.5));
            scores.note(HUMAN_HANDOVER, "rule: asking for a person beats a close competitor");
        }

        if (best.score < MIN_SCORE || confidence < MIN_CONFIDENCE) {
            if (r.hasGreeting && best.score < MIN_SCORE) {
                return new Classification(GREETING, 0.6, r.language, r.normalized,
                        List.of("rule: a greeting and nothing recognisable"), best.score > 0 ? best.intent : null);
            }
            if (scores.of(THANKS) >= 2.0 && best.intent == THANKS) {
                return result(THANKS, 0.6, r.language, r.normalized, scores, "rule: thanks");
            }
            List<String> cues = new ArrayList<>();
            cues.add("rule: too little evidence" + (best.score > 0 ? " (best guess " + best.intent.wireName()
                    + (second.score > 0 ? ", close to " + second.intent.wireName() : "") + ")" : ""));
            cues.addAll(scores.cues(best.intent));
            return new Classification(OTHER, Math.min(confidence, MIN_CONFIDENCE), r.language, r.normalized, cues,
                    best.score > 0 ? best.intent : null);
        }
        List<String> extra = new ArrayList<>();
        if (r.hasGreeting && best.intent != THANKS) {
            extra.add("rule: greeting followed by a question answers the question");
        }
        return new Classification(best.intent, confidence, r.language, r.normalized,
                concat(scores.cues(best.intent), extra), second.score > 0 ? second.intent : null);
    }

    /** One message as the steps see it; the rating and the cue scores are read when a step first asks. */
    private final class Reading {

        final TextNormalizer.Normalized message;
        final List<String> tokens;
        final String language;
        final String normalized;
        final boolean awaitingRating;
        final boolean hasGreeting;
        private OptionalInt rating;
        private Scores scores;

        Reading(TextNormalizer.Normalized message, boolean awaitingRating, String fallbackLanguage) {
            this.message = message;
            this.tokens = message.tokens();
            this.language = languageOf(message, "en".equals(fallbackLanguage) ? "en" : "id");
            this.normalized = message.text();
            this.awaitingRating = awaitingRating;
            this.hasGreeting = tokens.stream().anyMatch(IntentClassifier.this::isGreetingWord);
        }

        /** The rating in the message, only when it answers the rating question. */
        OptionalInt rating() {
            if (rating == null) {
                rating = awaitingRating ? shortReplies.ratingOf(message) : OptionalInt.empty();
            }
            return rating;
        }

        Scores scores() {
            if (scores == null) {
                scores = score(message);
            }
            return scores;
        }

        Classification verdict(Intent intent, double confidence, String rule) {
            return new Classification(intent, confidence, language, normalized, List.of(rule), null);
        }
    }

    private boolean isGreetingWord(String token) {
        return Lexicon.GREETING_WORDS.contains(token) && !Lexicon.NOT_GREETING.contains(token);
    }

    /** English when English words outnumber Indonesian ones; otherwise Indonesian, or the fallback if no clue. */
    static String languageOf(TextNormalizer.Normalized message, String fallback) {
        int english = 0;
        int indonesian = 0;
        for (String word : message.surface()) {
            boolean en = Lexicon.ENGLISH.contains(word);
            boolean id = Lexicon.INDONESIAN.contains(word) || Lexicon.ADDRESS.equals(Lexicon.VARIANTS.get(word))
                    || (word.length() > 5 && word.endsWith("nya"))
                    || (Lexicon.VARIANTS.containsKey(word) && !en && isIndonesianVariant(word));
            if (en && !id) {
                english++;
            } else if (id && !en) {
                indonesian++;
            }
        }
        if (english == indonesian) {
            return fallback;
        }
        return english > indonesian ? "en" : "id";
    }

    private static boolean isIndonesianVariant(String word) {
        return !Lexicon.ENGLISH_VARIANTS.contains(word);
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Ranked(Intent intent, double score) {
    }

    private Scores score(TextNormalizer.Normalized message) {
        List<String> tokens = withoutDisclaimer(message.tokens());
        Cue.Matcher matcher = new Cue.Matcher(tokens, IntentClassifier::isKnownWord, FUZZY_VOCABULARY);
        Scores scores = new Scores(matcher);
        for (Cue cue : CUES) {
            String matched = cue.match(tokens, matcher);
            if (matched != null) {
                scores.add(cue.intent(), cue.weight(), matched);
            }
        }
        scoreCatalogue(message, scores, matcher);
        return scores;
    }

    /**
     * The tokens without a disclaimer: in "bukan mau usul ya kak, cuma nanya buku X" the patron says what the request
     * is not; "bukan" with an opener ("mau", "untuk", "soal") and up to three words after it, until an end word
     * ("kak", "cuma", "mau"), are no evidence.
     */
    static List<String> withoutDisclaimer(List<String> tokens) {
        int start = tokens.indexOf("bukan");
        if (start < 0 || start + 1 >= tokens.size() || !Lexicon.DISCLAIMER_OPENERS.contains(tokens.get(start + 1))) {
            return tokens;
        }
        int end = start + 2;
        while (end < tokens.size() && end < start + 5 && !Lexicon.DISCLAIMER_ENDS.contains(tokens.get(end))) {
            end++;
        }
        if (end == tokens.size()) {
            return tokens; // nothing after the disclaimer: keep what there is
        }
        List<String> kept = new ArrayList<>(tokens.subList(0, start));
        kept.addAll(tokens.subList(end, tokens.size()));
        return kept;
    }

    /**
     * Titles, authors and subjects are words the classifier does not know: next to a book cue they make a catalogue
     * search ("buku pengantar ekonomi mikro mankiw"), and two or more of them asked about ("dasar2 ilmu politik
     * miriam budiardjo ada?") do too.
     */
    private void scoreCatalogue(TextNormalizer.Normalized message, Scores scores, Cue.Matcher matcher) {
        if (message.isbn()) {
            scores.add(CATALOG_SEARCH, 6.0, "an ISBN");
        }
        List<String> topic = new ArrayList<>();
        for (String token : message.tokens()) {
            if (isTopicWord(token, matcher)) {
                topic.add(token);
            }
        }
        if (topic.isEmpty()) {
            return;
        }
        if (topic.size() >= 2 && topic.size() == message.tokens().size() && scores.totals.isEmpty()) {
            scores.add(CATALOG_SEARCH, 2.6, "a bare title or author: " + String.join(" ", topic));
            return;
        }
        double catalogue = scores.of(CATALOG_SEARCH);
        boolean bookCue = catalogue >= 1.0;
        boolean asked = message.tokens().stream().anyMatch(Lexicon.ASKS_FOR_TITLE::contains);
        double bonus = 0.6 * Math.min(topic.size(), 4);
        String words = String.join(" ", topic.subList(0, Math.min(topic.size(), 4)));
        if (bookCue) {
            scores.add(CATALOG_SEARCH, bonus, "title/author/subject words: " + words);
        } else if (asked && topic.size() >= 2) {
            scores.add(CATALOG_SEARCH, 0.8 + bonus, "asks whether a title exists: " + words);
        }
    }

    private boolean isTopicWord(String token, Cue.Matcher matcher) {
        if (token.length() < 3 || token.chars().allMatch(Character::isDigit) || Lexicon.NOT_TOPIC.contains(token)
                || Lexicon.STOPWORDS.contains(token) || Lexicon.GREETING_WORDS.contains(token)
                || Lexicon.PARTICLES.contains(token) || Lexicon.INDONESIAN.contains(token)
                || Lexicon.ENGLISH.contains(token)) {
            return false;
        }
        return !matcher.isCueWord(token, VOCABULARY);
    }

    static double confidence(double best, double second) {
        if (best <= 0) {
            return 0.0;
        }
        double strength = 1.0 - Math.exp(-best / 2.5);
        double margin = (best - second + 1.5) / (best + 1.5);
        return Math.max(0.0, Math.min(0.99, strength * margin));
    }

    private static Classification result(Intent intent, double confidence, String language, String normalized,
            Scores scores, String rule) {
        return new Classification(intent, confidence, language, normalized, concat(scores.cues(intent), List.of(rule)),
                null);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Summed weights and the cues behind them. */
    private static final class Scores {

        private final Map<Intent, Double> totals = new EnumMap<>(Intent.class);
        private final Map<Intent, List<String>> cues = new EnumMap<>(Intent.class);
        private final Cue.Matcher matcher;

        Scores(Cue.Matcher matcher) {
            this.matcher = matcher;
        }

        void add(Intent intent, double weight, String cue) {
            totals.merge(intent, weight, Double::sum);
            note(intent, cue);
        }

        void note(Intent intent, String cue) {
            cues.computeIfAbsent(intent, i -> new ArrayList<>()).add(cue);
        }

        double of(Intent intent) {
            return totals.getOrDefault(intent, 0.0);
        }

        List<String> cues(Intent intent) {
            return cues.getOrDefault(intent, List.of());
        }

        /** Whether a token is one of the thank-you words ("makasih", "oke", "siap"). */
        boolean thanksWord(String token) {
            for (Cue cue : CUES) {
                if (cue.intent() == THANKS) {
                    for (Cue.Word word : cue.words()) {
                        if (matcher.matches(token, word)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        Ranked bestExcept(Set<Intent> excluded) {
            return secondExcept(excluded, null);
        }

        /** The highest total among the intents not excluded and not {@code best}. */
        Ranked secondExcept(Set<Intent> excluded, Intent best) {
            Intent winner = OTHER;
            double top = 0.0;
            for (Map.Entry<Intent, Double> entry : totals.entrySet()) { // enum order breaks ties
                if (excluded.contains(entry.getKey()) || entry.getKey() == best) {
                    continue;
                }
                if (entry.getValue() > top) {
                    top = entry.getValue();
                    winner = entry.getKey();
                }
            }
            return new Ranked(winner, top);
        }
    }
}
