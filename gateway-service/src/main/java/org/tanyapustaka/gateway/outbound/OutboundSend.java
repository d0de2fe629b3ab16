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

    /** Stores the command unless it was stored before; true when it is new. */
    public static boolean enqueue(UUID commandId, String waId, String kind, String commandJson) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO outbound_send (command_id, wa_id, kind, command, state, attempts, created_at)
                VALUES (?1, ?2, ?3, ?4, 'QUEUED', 0, now())
                ON CONFLICT (command_id) DO NOTHING""")
                .setParameter(1, commandId).setParameter(2, waId).setParameter(3, kind).setParameter(4, commandJson)
                .executeUpdate() == 1;
    }

    /** Claims a queued command for one attempt; false when it is not queued (done, or claimed elsewhere). */
    public static boolean claim(UUID commandId) {
        return getEntityManager().createNativeQuery("""
                UPDATE outbound_send SET state = 'SENDING', attempts = attempts + 1, attempt_started_at = now()
                WHERE command_id = ?1 AND state = 'QUEUED'""")
                .setParameter(1, commandId).executeUpdate() == 1;
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
