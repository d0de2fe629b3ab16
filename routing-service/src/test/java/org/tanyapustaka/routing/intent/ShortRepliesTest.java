package org.tanyapustaka.routing.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tanyapustaka.routing.intent.ShortReplies.Meaning;

/** The one reader of short replies, as the conversation and the classifier both use it. */
class ShortRepliesTest {

    private final IntentClassifier classifier = new IntentClassifier();
    private final ShortReplies replies = classifier.shortReplies();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"batal|CANCEL", "Ga jadi kak|CANCEL", "gak jadi!|CANCEL", "never mind|CANCEL",
            "STOP|STOP", "berhenti.|STOP", "mulai|START", "lagi|MORE", "lg|MORE", "next|MORE", "yg lain|MORE"})
    void readsWholeShortReplies(String text, Meaning meaning) {
        assertThat(replies.meaningOf(text)).contains(meaning);
    }

    @ParameterizedTest
    @ValueSource(strings = {"batal pinjam buku bisa?", "stop kontak di lantai 2 ada?", "lagi cari buku kalkulus", ""})
    void aLongerMessageIsNoShortReply(String text) {
        assertThat(replies.meaningOf(text)).isEmpty();
    }

    @Test
    void readsANumberFromAList() {
        assertThat(replies.numberOf("2")).hasValue(2);
        assertThat(replies.numberOf("no. 3")).hasValue(3);
        assertThat(replies.numberOf("nomor 12")).hasValue(12);
        assertThat(replies.numberOf("#4")).hasValue(4);
        assertThat(replies.numberOf("1011911045")).isEmpty();
        assertThat(replies.numberOf("lantai 2")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5|5", "4 bintang|4", "3 stars|3", "⭐⭐⭐⭐|4", "puas banget|5", "kurang puas|2",
            "2, balesnya lama|2", "Excellent service, 5 stars|5", "biasa aja sih, 3|3"})
    void theListenerAndTheClassifierReadTheSameRating(String text, int rating) {
        assertThat(classifier.ratingAnswer(text, null)).hasValue(rating);
        assertThat(classifier.classify(text, true).intent()).isEqualTo(Intent.CSAT_RATING);
    }

    @Test
    void aRowOfTheRatingListIsItsValue() {
        assertThat(classifier.ratingAnswer("4 - Puas", "csat:4")).hasValue(4);
        assertThat(classifier.ratingAnswer("x", "csat:9")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"perpus buka jam brp?", "mau ngobrol sama pustakawan lagi", "7", "12"})
    void aQuestionAfterTheRatingQuestionIsNoRating(String text) {
        assertThat(classifier.ratingAnswer(text, null)).isEqualTo(OptionalInt.empty());
    }
}
