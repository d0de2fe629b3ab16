package org.tanyapustaka.gateway.outbound;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The send log: one row per {@code commandId}, claimed before the Graph API is called, so that a command is
 * sent to WhatsApp at most once, also when Kafka delivers it again after a crash.
 */
@Entity
@Table(name = "outbound_send")
public class OutboundSend extends PanacheEntityBase {

    public enum State {
        /** Claimed; the Graph API call is under way, or the gateway stopped during it (outcome unknown). */
        SENDING,
        SENT,
        FAILED,
        /** The call timed out: WhatsApp may or may not have accepted it. Never retried blindly. */
        UNCERTAIN
    }

    @Id
    @Column(name = "command_id")
    public UUID commandId;

    @Column(name = "wa_id", nullable = false)
    public String waId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;

    public String wamid;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "error_title")
    public String errorTitle;

    public int attempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** Claims the command atomically; false when it was claimed before (by this or another replica). */
    public static boolean claim(UUID commandId, String waId, String kind) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO outbound_send (command_id, wa_id, kind, state, attempts, created_at)
                VALUES (?1, ?2, ?3, 'SENDING', 0, now())
                ON CONFLICT (command_id) DO NOTHING""")
                .setParameter(1, commandId).setParameter(2, waId).setParameter(3, kind)
                .executeUpdate() == 1;
    }
}
