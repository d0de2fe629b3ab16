package org.tanyapustaka.routing.handover;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.tanyapustaka.events.OutboundMessage;

/**
 * What the handover desk tells the patron, in Bahasa Indonesia or English ({@code language}: {@code id} or
 * {@code en}, the conversation's language). The desk decides when a notice goes out; this class only words it.
 */
public final class HandoverReplies {

    private static final Locale INDONESIAN = Locale.forLanguageTag("id-ID");

    private HandoverReplies() {
    }

    /** The first notice after a request: the place in the queue, and when librarians are back if they are not on duty. */
    static String queued(long position, boolean outOfHours, String when, String language) {
        boolean en = en(language);
        if (outOfHours) {
            return en
                    ? "Librarians are not on duty right now. 🙏 Your request is saved (number " + position + " in the queue)"
                            + (when == null ? "" : " and a librarian will answer from " + when) + ". You can type your "
                            + "question now so it is ready for them. Type *cancel* if you no longer need it."
                    : "Saat ini di luar jam layanan pustakawan. 🙏 Permintaan Anda sudah kami catat (antrean nomor "
                            + position + ")" + (when == null ? "" : " dan akan dijawab mulai " + when) + ". Silakan "
                            + "tuliskan pertanyaan Anda sekarang agar bisa langsung dibaca pustakawan. Ketik *batal* bila "
                            + "tidak jadi.";
        }
        return en
                ? "Sure, we will connect you with a librarian. 🙋 You are number " + position + " in the queue; a "
                        + "librarian will reply in this chat. You can type your question while you wait. Type *cancel* "
                        + "if you no longer need it."
                : "Baik, Anda akan kami hubungkan dengan pustakawan. 🙋 Anda di antrean nomor " + position + "; "
                        + "pustakawan akan membalas di chat ini. Silakan tuliskan pertanyaan Anda sambil menunggu. Ketik "
                        + "*batal* bila tidak jadi.";
    }

    /**
     * What a patron asking for a librarian outside service hours is told (first in the queue, the next opening as
     * {@link #opening} words it), for the console's service-hours page.
     */
    public static String outOfHoursNotice(ZonedDateTime nextOpening, Instant now, String language) {
        return queued(1, true, nextOpening == null ? null : opening(nextOpening, now, language), language);
    }

    /** A waiting patron wrote again: their place in the queue ({@code when}: the next opening, null while open). */
    static String stillQueued(long position, String when, String language) {
        return en(language)
                ? "Your message has been passed on to the librarians. 🙏 You are number " + position + " in the queue"
                        + (when == null ? "." : "; librarians are back " + when + ".") + " Type *cancel* to leave the queue."
                : "Pesan Anda sudah kami teruskan ke pustakawan. 🙏 Anda di antrean nomor " + position
                        + (when == null ? "." : "; layanan pustakawan buka lagi " + when + ".")
                        + " Ketik *batal* bila tidak jadi.";
    }

    static String cancelled(String language) {
        return en(language)
                ? "All right, your request to talk with a librarian is cancelled. Type *menu* for our other services."
                : "Baik, permintaan Anda untuk berbicara dengan pustakawan dibatalkan. Ketik *menu* untuk layanan lainnya.";
    }

    static String connected(String librarian, String language) {
        return en(language)
                ? "You are now connected with librarian *" + librarian + "*. 👩‍💼 Please go ahead: the "
                        + "next replies come from the librarian."
                : "Anda sekarang terhubung dengan pustakawan *" + librarian + "*. 👩‍💼 Silakan sampaikan "
                        + "pertanyaan Anda; balasan berikutnya langsung dari pustakawan.";
    }

    /** Transferred, or taken up again after the queue. */
    static String continuedBy(String librarian, String language) {
        return en(language)
                ? "Your conversation is now with librarian *" + librarian + "*, who will continue helping you."
                : "Percakapan Anda kini dilanjutkan oleh pustakawan *" + librarian + "*.";
    }

    /** The librarian went offline: the patron is back in the queue. */
    static String backInQueue(String librarian, long position, String language) {
        return en(language)
                ? "Sorry, librarian *" + librarian + "* is no longer available. You are back in the queue "
                        + "(number " + position + "); another librarian will continue shortly."
                : "Mohon maaf, pustakawan *" + librarian + "* sedang tidak tersedia. Anda kembali ke antrean "
                        + "(nomor " + position + "); pustakawan lain akan segera melanjutkan.";
    }

    static String closedByLibrarian(String language) {
        return en(language)
                ? "Your conversation with the librarian has ended. Thank you for contacting the library! 🙏 "
                        + "How would you rate our service?"
                : "Percakapan dengan pustakawan telah selesai. Terima kasih telah menghubungi Perpustakaan! 🙏 "
                        + "Bagaimana penilaian Anda atas layanan kami?";
    }

    static String closedIdle(long hoursIdle, String language) {
        return en(language)
                ? "We have closed your conversation with the librarian after " + hoursIdle + " hour(s) without "
                        + "messages. If you still need help, type *librarian* any time."
                : "Percakapan dengan pustakawan kami tutup karena tidak ada pesan selama " + hoursIdle
                        + " jam. Bila masih perlu bantuan, ketik *pustakawan* kapan saja.";
    }

    /** The list the patron rates the closed handover with: rows {@code csat:5} to {@code csat:1}. */
    static OutboundMessage.ListMenu ratingList(String language) {
        boolean en = en(language);
        List<OutboundMessage.Row> rows = List.of(
                new OutboundMessage.Row("csat:5", en ? "5 - Very satisfied" : "5 - Sangat puas", null),
                new OutboundMessage.Row("csat:4", en ? "4 - Satisfied" : "4 - Puas", null),
                new OutboundMessage.Row("csat:3", en ? "3 - Neutral" : "3 - Cukup", null),
                new OutboundMessage.Row("csat:2", en ? "2 - Dissatisfied" : "2 - Kurang puas", null),
                new OutboundMessage.Row("csat:1", en ? "1 - Very dissatisfied" : "1 - Tidak puas", null));
        return new OutboundMessage.ListMenu(null, en ? "Reply with a number from 1 to 5" : "Atau balas dengan angka 1-5",
                en ? "Rate" : "Beri nilai", List.of(new OutboundMessage.Section(en ? "Your rating" : "Penilaian Anda", rows)));
    }

    static String thanksForRating(String language) {
        return en(language)
                ? "Thank you for your rating! ⭐ It helps us improve our service."
                : "Terima kasih atas penilaian Anda! ⭐ Masukan Anda membantu kami memperbaiki layanan.";
    }

    /**
     * When the service opens next, as a patron reads it: "besok, Senin 30 November, pukul 08.00 WIB" or
     * "tomorrow, Monday 30 November, at 08:00 WIB".
     */
    static String opening(ZonedDateTime opening, Instant now, String language) {
        boolean en = en(language);
        Locale locale = en ? Locale.ENGLISH : INDONESIAN;
        LocalDate today = now.atZone(ServiceHours.JAKARTA).toLocalDate();
        String day = opening.getDayOfWeek().getDisplayName(TextStyle.FULL, locale) + " " + opening.getDayOfMonth()
                + " " + opening.getMonth().getDisplayName(TextStyle.FULL, locale);
        String when;
        if (opening.toLocalDate().equals(today)) {
            when = en ? "today" : "hari ini";
        } else if (opening.toLocalDate().equals(today.plusDays(1))) {
            when = (en ? "tomorrow, " : "besok, ") + day;
        } else {
            when = day;
        }
        String time = String.format(Locale.ROOT, en ? "%02d:%02d" : "%02d.%02d", opening.getHour(), opening.getMinute());
        return when + (en ? " at " : " pukul ") + time + " WIB";
    }

    private static boolean en(String language) {
        return "en".equals(language);
    }
}
