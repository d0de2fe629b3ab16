package org.tanyapustaka.routing.handover;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One request for a librarian within a conversation: queued, assigned to a librarian, closed (then rated). */
@Entity
@Table(name = "handover")
public class Handover extends PanacheEntityBase {

    public static final String QUEUED = "queued";
    public static final String ASSIGNED = "assigned";
    public static final String CLOSED = "closed";

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    @Column(name = "wa_id", nullable = false)
    public String waId;

    @Column(nullable = false)
    public String status;

    /** Why it was opened: patron_asked, answer_rejected, not_understood. */
    @Column(nullable = false)
    public String reason;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "out_of_hours", nullable = false)
    public boolean outOfHours;

    public String librarian;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    /** How often it was assigned (transfers and returns to the queue count): numbers the assignment events. */
    @Column(nullable = false)
    public int assignments;

    /** How often it (re)entered the queue: numbers the queue events. */
    @Column(name = "queued_times", nullable = false)
    public int queuedTimes;

    @Column(name = "first_reply_at")
    public Instant firstReplyAt;

    /** The last message of the patron or the librarian: the idle timeout counts from here. */
    @Column(name = "last_activity_at", nullable = false)
    public Instant lastActivityAt;

    /** When the patron was last reminded that they are in the queue (at most one reminder every few minutes). */
    @Column(name = "queue_notice_at")
    public Instant queueNoticeAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    /** librarian or idle_timeout. */
    @Column(name = "close_reason")
    public String closeReason;

    public Integer rating;

    @Column(name = "rated_at")
    public Instant ratedAt;

    public boolean isOpen() {
        return !CLOSED.equals(status);
    }

    public static Optional<Handover> locked(UUID id) {
        return Optional.ofNullable(Handover.<Handover>getEntityManager().find(Handover.class, id,
                LockModeType.PESSIMISTIC_WRITE));
    }

    public static List<Handover> waiting() {
        return list("status = ?1 ORDER BY requestedAt, id", QUEUED);
    }

    /** 1 for the first in the queue. */
    public long queuePosition() {
        return count("status = ?1 AND (requestedAt < ?2 OR (requestedAt = ?2 AND id <= ?3))", QUEUED, requestedAt, id);
    }

    public static long openFor(String librarian) {
        return count("status = ?1 AND librarian = ?2", ASSIGNED, librarian);
    }
}
