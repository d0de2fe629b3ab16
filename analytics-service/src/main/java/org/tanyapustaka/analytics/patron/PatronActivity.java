package org.tanyapustaka.analytics.patron;

import java.time.Instant;
import java.time.LocalDate;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.figures.Period;

/**
 * When each (pseudonymous) patron first wrote, on which Jakarta days they wrote, and for each such day the day they
 * wrote before it ({@code patron_return}, see V3__patron_returns.sql).
 */
public final class PatronActivity {

    private PatronActivity() {
    }

    /**
     * Records that the patron wrote at {@code at}; an earlier message arriving late moves the first sight back, and a
     * day arriving late between two of the patron's days becomes the later one's previous day. The upsert on
     * {@code patron} locks the patron's row first (also when it changes nothing), so two messages of one patron
     * never read each other's days half-written.
     */
    public static void wrote(long patronKey, Instant at) {
        Facts.update("""
                INSERT INTO patron (patron_key, first_seen) VALUES (?1, ?2)
                ON CONFLICT (patron_key) DO UPDATE SET first_seen = LEAST(patron.first_seen, EXCLUDED.first_seen)
                WHERE EXCLUDED.first_seen < patron.first_seen""", patronKey, at);
        LocalDate day = LocalDate.ofInstant(at, Period.LIBRARY_TIME);
        if (Facts.update("INSERT INTO patron_period (period_kind, period, patron_key) VALUES ('d', ?1, ?2)"
                + " ON CONFLICT DO NOTHING", day, patronKey) == 0) {
            return; // the patron's day is counted already
        }
        Facts.update("""
                WITH around AS (
                  SELECT COALESCE((SELECT max(period) FROM patron_period
                                   WHERE period_kind = 'd' AND patron_key = ?1 AND period < ?2), DATE '-infinity') AS previous_day,
                         (SELECT min(period) FROM patron_period
                          WHERE period_kind = 'd' AND patron_key = ?1 AND period > ?2) AS next_day)
                INSERT INTO patron_return (day, previous_day, patrons)
                SELECT ?2, previous_day, 1 FROM around
                UNION ALL SELECT next_day, previous_day, -1 FROM around WHERE next_day IS NOT NULL
                UNION ALL SELECT next_day, ?2, 1 FROM around WHERE next_day IS NOT NULL
                ON CONFLICT (day, previous_day) DO UPDATE SET patrons = patron_return.patrons + EXCLUDED.patrons""",
                patronKey, day);
    }
}
