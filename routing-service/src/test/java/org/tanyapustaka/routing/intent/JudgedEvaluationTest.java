package org.tanyapustaka.routing.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The evaluation with the catalogue's judgement counts exactly what the bot would answer as a search. */
class JudgedEvaluationTest {

    private final IntentClassifier classifier = new IntentClassifier();

    @Test
    void onlyMessagesTheBotSendsToTheCatalogueAndTheCatalogueMatchesBecomeSearches() {
        List<IntentEvaluation.Example> examples = IntentEvaluation.parse("""
                text\tintent\tnote
                fotosintesis\tcatalog_search\ta bare subject
                wkwkwk\tother\tlaughter
                SELAMAT nomor anda dapat hadiah pulsa, klik link bit.ly/xyz\tother\tspam
                perpus buka jam berapa ya kak?\topening_hours\thours
                """);
        IntentEvaluation.Result alone = IntentEvaluation.evaluate(classifier, "sample", examples);
        assertThat(alone.outcomes().get(0).result().intent()).isEqualTo(Intent.OTHER);

        // The catalogue's answer names every message, even those the bot never sends it: only the bot's own count.
        Set<String> strong = Set.of("fotosintesis", "SELAMAT nomor anda dapat hadiah pulsa, klik link bit.ly/xyz",
                "perpus buka jam berapa ya kak?");
        IntentEvaluation.Result judged = IntentEvaluation.judged(alone, strong);
        assertThat(judged.outcomes()).extracting(o -> o.result().intent()).containsExactly(Intent.CATALOG_SEARCH,
                Intent.OTHER, Intent.OTHER, Intent.OPENING_HOURS);
        assertThat(judged.correct()).isEqualTo(alone.correct() + 1);
        assertThat(IntentEvaluation.judged(alone, Set.of()).correct()).isEqualTo(alone.correct());
    }

    @Test
    void theHeldOutPartIsEveryFourthLine() {
        List<IntentEvaluation.Example> examples = IntentEvaluation.parse("text\tintent\tnote\n"
                + "a\tother\t\nb\tother\t\nc\tother\t\nd\tother\t\ne\tother\t\nf\tother\t\ng\tother\t\nh\tother\t\n");
        assertThat(IntentEvaluation.heldOut(examples)).extracting(IntentEvaluation.Example::text)
                .containsExactly("d", "h");
    }
}
