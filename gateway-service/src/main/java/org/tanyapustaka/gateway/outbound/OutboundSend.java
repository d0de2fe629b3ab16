package org.tanyapustaka.gateway.outbound;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The send log and queue: one row per {@code commandId}, stored before the command's Kafka offset is committed
 * and claimed by one sender before the Graph API is called, so that a command is sent to WhatsApp at most once,
 * also when Kafka delivers it again after a crash or another gateway replica sees it.
 */
@Entity
@Table(name = "outbound_send")
public class OutboundSend extends PanacheEntityBase {

    public enum State {
        /** Waiting to be sent (first attempt, or a retry after {@code nextAttemptAt}). */
        QUEUED,
        /** Claimed by a sender; the Graph API call is under way. */
        SENDING,
        SENT,
        FAILED,
        /** The call got no answer: WhatsApp may or may not have accepted it. Never retried blindly. */
        UNCERTAIN
    }

    @Id
    @Column(name = "command_id")
    public UUID commandId;

    /** Arrival order; a patron's messages are sent in this order. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "wa_id", nullable = false)
    public String waId;

    @Column(nullable = false)
    public String kind;

    /** The command as JSON, so a restarted gateway can send what it had queued. */
    public String command;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public State state;

    public String wamid;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "error_title")
    public String errorTitle;

    public Boolean retryable;

    public int attempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "attempt_started_at")
    public Instant attemptStartedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** For document and image commands: the Graph API media id of the uploaded file, once uploaded. */
    @Column(name = "media_id")
    public String mediaId;

    /** Stores the command unless it was stored before; true when it is new. */
    public static boolean enqueue(UUID commandId, String waId, String kind, String commandJson) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO outbound_send (command_id, wa_id, kind, command, state, attempts, created_at)
                VALUES (?1, ?2, ?3, ?4, 'QUEUED', 0, now())
                ON CONFLICT (command_id) DO NOTHING""")
                .setParameter(1, commandId).setParameter(2, waId).setParameter(3, kind).setParameter(4, commandJson)
                .executeUpdate() == 1;
    }

    /**
     * A command claimed for one attempt: what to send, to whom, which attempt this is, and the media id of its file
     * if an earlier attempt uploaded it.
     */
    public record Claimed(String waId, String command, int attempts, String mediaId) {
    }

    /** A command settled by WhatsApp's status: to whom it went and after how many attempts. */
    public record Settled(String waId, int attempts) {
    }

    /**
     * Claims a queued command for one attempt and reads it in the same statement; empty when it is not queued
     * (done, or claimed elsewhere).
     */
    public static java.util.Optional<Claimed> claim(UUID commandId) {
        List<?> rows = getEntityManager().createNativeQuery("""
                UPDATE outbound_send SET state = 'SENDING', attempts = attempts + 1, attempt_started_at = now()
                WHERE command_id = ?1 AND state = 'QUEUED'
                RETURNING wa_id, command, attempts, media_id""")
                .setParameter(1, commandId).getResultList();
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return java.util.Optional.of(new Claimed((String) row[0], (String) row[1], ((Number) row[2]).intValue(),
                (String) row[3]));
    }

    /**
     * Records the outcome of the attempt in flight, only if it is still in flight (a sweep and a late answer cannot
     * both record one); the attempts made, or empty when it was no longer in flight.
     */
    public static java.util.Optional<Integer> finish(UUID commandId, State state, String wamid, Integer errorCode,
            String errorTitle, Boolean retryable) {
        List<?> rows = getEntityManager().createNativeQuery("""
                UPDATE outbound_send SET state = ?2, wamid = ?3, error_code = ?4, error_title = ?5, retryable = ?6,
                    completed_at = now(), next_attempt_at = NULL
                WHERE command_id = ?1 AND state = 'SENDING'
                RETURNING attempts""")
                .setParameter(1, commandId).setParameter(2, state.name()).setParameter(3, wamid)
                .setParameter(4, errorCode).setParameter(5, errorTitle).setParameter(6, retryable)
                .getResultList();
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(((Number) rows.get(0)).intValue());
    }

    /**
     * WhatsApp reported a status of the command's message, so it took it: a send whose outcome is not recorded yet
     * (in flight, or its sender could not record the answer, e.g. while the database restarted), is uncertain, or is
     * queued to be sent again after being uncertain, is sent, under this wamid. The command as it was settled, or
     * empty when its outcome was recorded already.
     */
    public static java.util.Optional<Settled> confirm(UUID commandId, String wamid) {
        List<?> rows = getEntityManager().createNativeQuery("""
                UPDATE outbound_send SET state = 'SENT', wamid = ?2, error_code = NULL, error_title = NULL,
                    retryable = NULL, completed_at = now(), next_attempt_at = NULL
                WHERE command_id = ?1 AND state IN ('SENDING', 'UNCERTAIN', 'QUEUED') AND attempts > 0
                RETURNING wa_id, attempts""")
                .setParameter(1, commandId).setParameter(2, wamid).getResultList();
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return java.util.Optional.of(new Settled((String) row[0], ((Number) row[1]).intValue()));
    }

    /** The file of the command in flight was uploaded under this media id. */
    public static void uploaded(UUID commandId, String mediaId) {
        getEntityManager().createNativeQuery("UPDATE outbound_send SET media_id = ?2 WHERE command_id = ?1")
                .setParameter(1, commandId).setParameter(2, mediaId).executeUpdate();
    }

    /** Queued commands, in arrival order. */
    public static List<OutboundSend> queued() {
        return list("state = ?1 ORDER BY seq", State.QUEUED);
    }

    /** Commands still marked in flight although their attempt started before the cutoff. */
    public static List<OutboundSend> uncertainSince(Instant cutoff) {
        return list("state = ?1 AND completedAt < ?2 ORDER BY seq", State.UNCERTAIN, cutoff);
    }

    public static List<OutboundSend> inFlightSince(Instant cutoff) {
        return list("state = ?1 AND attemptStartedAt < ?2 ORDER BY seq", State.SENDING, cutoff);
    }
}
