package org.tanyapustaka.routing.intent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one reader of a patron's short replies: a rating ("5", "4 bintang", "⭐⭐⭐", "puas banget"), cancel
 * ("ga jadi"), stop and start, "more" ("lagi", "next") and a number from a list ("2", "no. 3"). The text is read as
 * the classifier reads it (chat spellings replaced), the words are those of {@code language.txt}. What a reply means
 * depends on the conversation (a number is a rating only right after the rating question); that is the caller's
 * business.
 */
public final class ShortReplies {

    /** What a whole short reply means, apart from ratings and numbers (ERASE: "hapus data saya"). */
    public enum Meaning { CANCEL, STOP, START, MORE, ERASE }

    /** A number in a longer message than this is no rating. */
    private static final int MAX_COMMENTED_RATING = 8;

    private final TextNormalizer normalizer;

    ShortReplies(TextNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** The meaning of a reply that consists of nothing else ("batal", "ga jadi", "lagi", "STOP", "hapus data saya"). */
    public Optional<Meaning> meaningOf(String text) {
        String reply = String.join(" ", normalizer.normalize(text).tokens().stream()
                .filter(token -> !Lexicon.REPLY_PADDING.contains(token)).toList());
        for (Map.Entry<String, String> phrase : Lexicon.SHORT_REPLIES) {
            if (reply.equals(phrase.getValue())) {
                return Optional.of(Meaning.valueOf(phrase.getKey().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return Optional.empty();
    }

    public boolean means(String text, Meaning meaning) {
        return meaningOf(text).filter(meaning::equals).isPresent();
    }

    /** A number of up to three digits, alone or as "no. 3" / "nomor 3" / "#3" (an item of a list). */
    public OptionalInt numberOf(String text) {
        List<String> tokens = normalizer.normalize(text).tokens();
        if (tokens.size() == 2 && List.of("nomor", "number").contains(tokens.get(0))) {
            tokens = tokens.subList(1, 2);
        }
        if (tokens.size() == 1 && tokens.get(0).length() <= 3 && tokens.get(0).chars().allMatch(Character::isDigit)) {
            return OptionalInt.of(Integer.parseInt(tokens.get(0)));
        }
        return OptionalInt.empty();
    }

    /**
     * The rating in an answer to the rating question: a row of the rating list ({@code csat:N}), a number 1-5 ("4",
     * "5 bintang", "4/5"), stars, or a verdict ("puas banget" → 5, "kurang puas" → 2); empty when it is no rating.
     */
    public OptionalInt ratingOf(String text, String replyId) {
        if (replyId != null && replyId.startsWith("csat:")) {
            String value = replyId.substring(5);
            return value.length() == 1 && value.charAt(0) >= '1' && value.charAt(0) <= '5'
                    ? OptionalInt.of(value.charAt(0) - '0') : OptionalInt.empty();
        }
        return ratingOf(normalizer.normalize(text));
    }

    OptionalInt ratingOf(TextNormalizer.Normalized message) {
        List<String> tokens = message.tokens();
        if (message.stars() >= 1 && message.stars() <= 5 && tokens.size() <= 3) {
            return OptionalInt.of(message.stars());
        }
        Integer number = null; // the first number 1-5, whatever words stand around it ("2, balesnya lama")
        for (String word : tokens) {
            String token = Lexicon.NUMBER_WORDS.getOrDefault(word, word);
            if (token.chars().allMatch(Character::isDigit)) {
                if (number == null && token.length() == 1 && token.charAt(0) >= '1' && token.charAt(0) <= '5') {
                    number = token.charAt(0) - '0';
                } else if (!(number != null && token.equals("5"))) { // "4/5", "4 dari 5"
                    return OptionalInt.empty();
                }
            }
        }
        if (number != null && tokens.size() <= MAX_COMMENTED_RATING) {
            return OptionalInt.of(number);
        }
        if (tokens.size() > 6) {
            return OptionalInt.empty();
        }
        String text = " " + String.join(" ", tokens) + " ";
        for (Map.Entry<String, String> verdict : Lexicon.RATING_VERDICTS) {
            if (text.contains(" " + verdict.getValue() + " ")) {
                return OptionalInt.of(Integer.parseInt(verdict.getKey()));
            }
        }
        return OptionalInt.empty();
    }
}
