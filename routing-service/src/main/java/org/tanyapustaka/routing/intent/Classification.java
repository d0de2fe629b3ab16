package org.tanyapustaka.routing.intent;

import java.util.List;

/**
 * The classifier's verdict on one message, with enough detail to explain it to a librarian.
 *
 * @param intent         the intent the bot acts on ({@link Intent#OTHER} when nothing is recognised with enough
 *                       confidence)
 * @param confidence     0..1; low values mean the bot is guessing (a fallback {@code other} carries the low confidence
 *                       of the best candidate it rejected)
 * @param language       {@code id} or {@code en}, the language to answer in
 * @param normalizedText the message as the classifier read it: lower case, abbreviations expanded, repeated letters,
 *                       emoji and punctuation removed
 * @param cues           the cues that decided it, e.g. {@code "perpanjang"} or {@code "rule: greeting followed by a
 *                       question"}
 * @param runnerUp       the second-best intent (or the rejected best one for a fallback {@code other}); {@code null}
 *                       when there was none
 * @param spam           an {@link Intent#OTHER} that is unsolicited advertising, a prize scam or a chain message: to be
 *                       ignored, never answered or handed to a librarian
 */
public record Classification(Intent intent, double confidence, String language, String normalizedText,
        List<String> cues, Intent runnerUp, boolean spam) {

    public Classification(Intent intent, double confidence, String language, String normalizedText,
            List<String> cues, Intent runnerUp) {
        this(intent, confidence, language, normalizedText, cues, runnerUp, false);
    }

    public Classification {
        if (intent == null) {
            throw new IllegalArgumentException("intent is required");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
        }
        if (!"id".equals(language) && !"en".equals(language)) {
            throw new IllegalArgumentException("language must be id or en: " + language);
        }
        normalizedText = normalizedText == null ? "" : normalizedText;
        cues = cues == null ? List.of() : List.copyOf(cues);
        if (spam && intent != Intent.OTHER) {
            throw new IllegalArgumentException("only an 'other' message can be spam");
        }
    }

    /** A word of three letters or digits: a message without one ("??", "🙏", "ok") names nothing in a catalogue. */
    private static final java.util.regex.Pattern JUDGEABLE = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]{3,}");

    /**
     * Whether the message, read as this, goes to the catalogue to judge before "not understood": an {@code other}
     * that is not spam and has a word that could name a title, author, subject or ISBN.
     */
    public boolean forTheCatalogueToJudge(String text) {
        return intent == Intent.OTHER && !spam && text != null && JUDGEABLE.matcher(text).find();
    }

    /** This message as the catalogue judged it: a strong match makes it a catalogue search. */
    public Classification judgedByTheCatalogue(boolean strong) {
        if (!strong) {
            return this;
        }
        List<String> judged = new java.util.ArrayList<>(cues);
        judged.add("catalogue: strong match");
        return new Classification(Intent.CATALOG_SEARCH, 1.0, language, normalizedText, judged, intent, false);
    }

    /** A one-line explanation, e.g. for logs and the librarians' classify endpoint. */
    public String explain() {
        return intent.wireName() + " (" + Math.round(confidence * 100) + "%, " + language + ")"
                + (cues.isEmpty() ? "" : " because of " + String.join(", ", cues));
    }
}
