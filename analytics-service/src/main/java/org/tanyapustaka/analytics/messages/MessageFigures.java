package org.tanyapustaka.analytics.messages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.figures.HourlyCounts;
import org.tanyapustaka.analytics.figures.Period;

/** Messages in and out per bucket, and the busiest hours of the week. */
@ApplicationScoped
@Transactional
public class MessageFigures {

    /**
     * @param messagesIn   messages patrons sent (at the time they sent them)
     * @param messagesOut  messages the library sent that WhatsApp accepted (at the time it accepted them)
     * @param outRouting   of those, answers of the bot
     * @param outCatalog   of those, catalogue answers
     * @param outLibrarian of those, librarians' messages
     */
    public record MessageRow(String bucket, long messagesIn, long messagesOut, long outRouting, long outCatalog,
            long outLibrarian) {
    }

    /**
     * @param weekday 1 = Monday … 7 = Sunday
     * @param day     the weekday's name in Indonesian (Senin … Minggu)
     * @param hour    0–23, Asia/Jakarta
     */
    public record HourRow(int weekday, String day, int hour, long messagesIn) {
    }

    public List<MessageRow> messages(Period period) {
        HourlyCounts in = HourlyCounts.of("message_in", period);
        HourlyCounts out = HourlyCounts.of("message_out", period);
        HourlyCounts origin = HourlyCounts.of("message_out_origin", period);
        List<MessageRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            rows.add(new MessageRow(bucket, in.total(bucket), out.total(bucket), origin.get(bucket, "routing"),
                    origin.get(bucket, "catalog"), origin.get(bucket, "librarian")));
        }
        return rows;
    }

    /** Patron messages per weekday and hour over the range: 168 rows, Monday 00:00 first. */
    public List<HourRow> busiestHours(Period period) {
        Map<Integer, Long> counts = new HashMap<>();
        for (Object[] row : Facts.rows("""
                SELECT CAST(extract(isodow FROM hour AT TIME ZONE 'Asia/Jakarta') AS integer) * 100
                     + CAST(extract(hour FROM hour AT TIME ZONE 'Asia/Jakarta') AS integer), sum(n)
                FROM hourly_count WHERE metric = 'message_in' AND hour >= ?1 AND hour < ?2 GROUP BY 1""",
                period.start(), period.end())) {
            counts.put(((Number) row[0]).intValue(), Facts.asLong(row[1]));
        }
        Locale indonesian = Locale.forLanguageTag("id");
        List<HourRow> rows = new ArrayList<>();
        for (int weekday = 1; weekday <= 7; weekday++) {
            String day = DayOfWeek.of(weekday).getDisplayName(TextStyle.FULL, indonesian);
            for (int hour = 0; hour < 24; hour++) {
                rows.add(new HourRow(weekday, day, hour, counts.getOrDefault(weekday * 100 + hour, 0L)));
            }
        }
        return rows;
    }
}
