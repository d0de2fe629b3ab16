package org.tanyapustaka.routing.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The handover's notices in the patron's language: the next opening as a patron reads it, and the queue. */
class HandoverRepliesTest {

    /** Sunday 29 November 2026, 20:00 in Jakarta. */
    static final Instant SUNDAY_EVENING = ZonedDateTime.of(2026, 11, 29, 20, 0, 0, 0, ServiceHours.JAKARTA).toInstant();

    @Test
    void theNextOpeningIsTodayTomorrowOrADayByName() {
        ZonedDateTime tonight = ZonedDateTime.of(2026, 11, 29, 21, 30, 0, 0, ServiceHours.JAKARTA);
        ZonedDateTime monday = ZonedDateTime.of(2026, 11, 30, 8, 0, 0, 0, ServiceHours.JAKARTA);
        ZonedDateTime wednesday = ZonedDateTime.of(2026, 12, 2, 13, 5, 0, 0, ServiceHours.JAKARTA);
        assertThat(HandoverReplies.opening(tonight, SUNDAY_EVENING, "id")).isEqualTo("hari ini pukul 21.30 WIB");
        assertThat(HandoverReplies.opening(monday, SUNDAY_EVENING, "id")).isEqualTo("besok, Senin 30 November pukul 08.00 WIB");
        assertThat(HandoverReplies.opening(monday, SUNDAY_EVENING, "en"))
                .isEqualTo("tomorrow, Monday 30 November at 08:00 WIB");
        assertThat(HandoverReplies.opening(wednesday, SUNDAY_EVENING, "id")).isEqualTo("Rabu 2 Desember pukul 13.05 WIB");
    }

    @Test
    void theQueueNoticeSaysThePlaceAndWhenLibrariansAreBack() {
        assertThat(HandoverReplies.queued(3, false, null, "id"))
                .startsWith("Baik, Anda akan kami hubungkan dengan pustakawan").contains("antrean nomor 3;")
                .endsWith("Ketik *batal* bila tidak jadi.");
        assertThat(HandoverReplies.queued(1, true, "besok, Senin 30 November pukul 08.00 WIB", "id"))
                .startsWith("Saat ini di luar jam layanan pustakawan")
                .contains("(antrean nomor 1) dan akan dijawab mulai besok, Senin 30 November pukul 08.00 WIB.");
        assertThat(HandoverReplies.queued(2, true, null, "en")).contains("(number 2 in the queue). You can type")
                .endsWith("Type *cancel* if you no longer need it.");
        assertThat(HandoverReplies.stillQueued(4, null, "en")).contains("You are number 4 in the queue.")
                .doesNotContain("back");
    }

    @Test
    void theRatingListHasFiveRowsInThePatronsLanguage() {
        assertThat(HandoverReplies.ratingList("id").sections().get(0).rows()).extracting(r -> r.id())
                .containsExactly("csat:5", "csat:4", "csat:3", "csat:2", "csat:1");
        assertThat(HandoverReplies.ratingList("en").sections().get(0).rows().get(0).title())
                .isEqualTo("5 - Very satisfied");
        assertThat(HandoverReplies.ratingList("id").sections().get(0).title()).isEqualTo("Penilaian Anda");
    }
}
