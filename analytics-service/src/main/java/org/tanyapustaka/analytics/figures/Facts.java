package org.tanyapustaka.analytics.figures;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Native SQL over the fact tables, and the two things every consumer does: skip a seen event, count into an hour. */
public final class Facts {

    private Facts() {
    }

    /** Remembers the event; false if it was counted before (a redelivery), so the caller does nothing. */
    public static boolean firstTime(UUID eventId) {
        return update("INSERT INTO processed_event (event_id) VALUES (?1) ON CONFLICT (event_id) DO NOTHING", eventId) == 1;
    }

    /** Adds {@code delta} to a metric in the hour and the Jakarta day of {@code at} (see V2__figures.sql). */
    public static void count(String metric, String dimension, Instant at, long delta) {
        update("""
                INSERT INTO hourly_count (metric, hour, dimension, n) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (metric, hour, dimension) DO UPDATE SET n = hourly_count.n + EXCLUDED.n""",
                metric, at.truncatedTo(ChronoUnit.HOURS), dimension, delta);
        update("""
                INSERT INTO daily_count (metric, day, dimension, n) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (metric, day, dimension) DO UPDATE SET n = daily_count.n + EXCLUDED.n""",
                metric, LocalDate.ofInstant(at, Period.LIBRARY_TIME), dimension, delta);
    }

    public static int update(String sql, Object... parameters) {
        return query(sql, parameters).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public static List<Object[]> rows(String sql, Object... parameters) {
        return query(sql, parameters).getResultList();
    }

    /** The one value a query answers. */
    public static Object single(String sql, Object... parameters) {
        return query(sql, parameters).getSingleResult();
    }

    private static Query query(String sql, Object... parameters) {
        Query query = Panache.getEntityManager().createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                // An untyped null would be bound as bytea; every nullable parameter here is text.
                query.unwrap(NativeQuery.class).setParameter(i + 1, null, String.class);
            } else {
                query.setParameter(i + 1, parameters[i]);
            }
        }
        return query;
    }

    public static long asLong(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** A duration or average from SQL, rounded to one decimal; null stays null (nothing to measure). */
    public static Double asDecimal(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
    }

    /** {@code part / whole} rounded to three decimals; null when there is no whole. */
    public static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
