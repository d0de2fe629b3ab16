package org.tanyapustaka.analytics.patron;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.figures.Period;

/** When each (pseudonymous) patron first wrote, and on which Jakarta days, weeks, months and years they wrote. */
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
                WITH added AS (
                  INSERT INTO patron_period (period_kind, period, patron_key)
                  VALUES ('d', ?1, ?5), ('w', ?2, ?5), ('m', ?3, ?5), ('y', ?4, ?5)
                  ON CONFLICT DO NOTHING
                  RETURNING period_kind, period)
                INSERT INTO patron_count (period_kind, period, patrons) SELECT period_kind, period, 1 FROM added
                ON CONFLICT (period_kind, period) DO UPDATE SET patrons = patron_count.patrons + 1""",
                day, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), day.withDayOfMonth(1),
                day.withDayOfYear(1), patronKey);
    }
}
