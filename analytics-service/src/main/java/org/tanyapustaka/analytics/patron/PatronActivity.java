package org.tanyapustaka.analytics.patron;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.figures.Period;

/** When each (pseudonymous) patron first wrote, and on which Jakarta days, weeks and months they wrote. */
public final class PatronActivity {

    private PatronActivity() {
    }

    /** Records that the patron wrote at {@code at}; an earlier message arriving late moves the first sight back. */
    public static void wrote(long patronKey, Instant at) {
        Facts.update("""
                INSERT INTO patron (patron_key, first_seen) VALUES (?1, ?2)
                ON CONFLICT (patron_key) DO UPDATE SET first_seen = LEAST(patron.first_seen, EXCLUDED.first_seen)
                WHERE EXCLUDED.first_seen < patron.first_seen""", patronKey, at);
        LocalDate day = LocalDate.ofInstant(at, Period.LIBRARY_TIME);
        Facts.update("""
                INSERT INTO patron_period (period_kind, period, patron_key)
                VALUES ('d', ?1, ?4), ('w', ?2, ?4), ('m', ?3, ?4)
                ON CONFLICT DO NOTHING""",
                day, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), day.withDayOfMonth(1), patronKey);
    }
}
