package org.tanyapustaka.analytics.messages;

import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** One patron message, as analytics keeps it: when, what type, and whose (pseudonymous) — never the text. */
public final class InboundMessageFact {

    public static final ZoneId LIBRARY_TIME = ZoneId.of("Asia/Jakarta");

    private InboundMessageFact() {
    }

    /** Records the message once; a redelivered event changes nothing (and answers false). */
    public static boolean record(UUID eventId, String patronHash, String type, Instant sentAt, Instant receivedAt) {
        return Panache.getEntityManager().createNativeQuery("""
                INSERT INTO inbound_message_fact (event_id, patron_hash, message_type, sent_at, received_at)
                VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, eventId).setParameter(2, patronHash).setParameter(3, type)
                .setParameter(4, sentAt).setParameter(5, receivedAt)
                .executeUpdate() == 1;
    }

    public record DailyCount(LocalDate date, long messages) {
    }

    /** Messages per Asia/Jakarta day, every day of the range included (zero when none). */
    @SuppressWarnings("unchecked")
    public static List<DailyCount> perDay(LocalDate from, LocalDate to) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                SELECT to_char(d.day, 'YYYY-MM-DD'), count(f.event_id)
                FROM (SELECT CAST(g AS date) AS day
                      FROM generate_series(CAST(?1 AS timestamp), CAST(?2 AS timestamp), interval '1 day') AS g) AS d
                LEFT JOIN inbound_message_fact f
                  ON f.sent_at >= (CAST(d.day AS timestamp) AT TIME ZONE 'Asia/Jakarta')
                 AND f.sent_at < (CAST(d.day + 1 AS timestamp) AT TIME ZONE 'Asia/Jakarta')
                GROUP BY d.day
                ORDER BY d.day""")
                .setParameter(1, from).setParameter(2, to)
                .getResultList();
        return rows.stream().map(r -> new DailyCount(LocalDate.parse((String) r[0]), ((Number) r[1]).longValue())).toList();
    }
}
