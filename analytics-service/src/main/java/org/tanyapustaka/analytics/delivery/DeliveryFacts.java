package org.tanyapustaka.analytics.delivery;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tanyapustaka.analytics.figures.FactStore;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.patron.PatronPseudonym;
import org.tanyapustaka.events.DeliveryStatus;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.SendResult;
import org.tanyapustaka.events.Topics;

/**
 * What happened to the library's messages: send results ({@code whatsapp.sent}), delivery statuses
 * ({@code whatsapp.status}) and who wanted each message sent ({@code whatsapp.outbound}), each event once.
 *
 * <p>Each message is counted once in the hourly rollup, under its current status in the hour of its first known
 * status. A status that arrives late moves it: from the old (hour, status) to the new one, in the same
 * transaction. A status never goes backwards: a late "delivered" after "read" changes nothing, and after "failed"
 * nothing changes any more.
 */
@ApplicationScoped
public class DeliveryFacts {

    /** WhatsApp's error when a free-form message falls outside the 24-hour customer service window. */
    public static final int OUTSIDE_24_HOUR_WINDOW = 131047;

    @Inject
    FactStore store;

    @Inject
    PatronPseudonym pseudonym;

    @Incoming(Topics.WHATSAPP_STATUS)
    @Blocking
    public void onStatus(DeliveryStatus status) {
        store.untilStored("delivery status " + (status == null ? null : status.id()), () -> recordStatus(status));
    }

    /** One attempt, in one transaction: a database restart rolls it back and the attempt is repeated whole. */
    @Transactional
    void recordStatus(DeliveryStatus status) {
        if (status == null || status.id() == null || status.wamid() == null || status.status() == null || status.at() == null) {
            throw new IllegalArgumentException("A delivery status without id, wamid, status or time");
        }
        if (!Facts.firstTime(status.id())) {
            return;
        }
        long message = pseudonym.keyOfMessage(status.wamid());
        DeliveryState reported = DeliveryState.of(status.status());
        List<Object[]> known = Facts.rows("SELECT first_at, state FROM delivery WHERE message_key = ?1 FOR UPDATE", message);
        if (known.isEmpty()) {
            Facts.update("INSERT INTO delivery (message_key, first_at, state) VALUES (?1, ?2, ?3)",
                    message, status.at(), (short) reported.rank);
            Facts.count("delivery", reported.dimension, status.at(), 1);
        } else {
            Instant firstAt = instant(known.get(0)[0]);
            DeliveryState was = DeliveryState.ofRank(((Number) known.get(0)[1]).intValue());
            Instant newFirstAt = status.at().isBefore(firstAt) ? status.at() : firstAt;
            DeliveryState now = was.then(reported);
            if (now != was || !newFirstAt.equals(firstAt)) {
                Facts.count("delivery", was.dimension, firstAt, -1);
                Facts.count("delivery", now.dimension, newFirstAt, 1);
                Facts.update("UPDATE delivery SET first_at = ?2, state = ?3 WHERE message_key = ?1",
                        message, newFirstAt, (short) now.rank);
            }
        }
        if (reported == DeliveryState.FAILED) {
            int code = status.error() == null ? 0 : status.error().code();
            Facts.count("failure", "status:" + code, status.at(), 1);
        }
    }

    @Incoming(Topics.WHATSAPP_SENT)
    @Blocking
    public void onSendResult(SendResult result) {
        store.untilStored("send result of " + (result == null ? null : result.commandId()),
                () -> recordSendResult(result));
    }

    /** One attempt, in one transaction: a database restart rolls it back and the attempt is repeated whole. */
    @Transactional
    void recordSendResult(SendResult result) {
        if (result == null || result.commandId() == null || result.sentAt() == null) {
            throw new IllegalArgumentException("A send result without commandId or sentAt");
        }
        if (!Facts.firstTime(EventIds.derive(result.commandId(), "analytics:send-result"))) {
            return;
        }
        if (result.wamid() != null) {
            Facts.count("message_out", "", result.sentAt(), 1);
            joinOrigin(result.commandId(), null, result.sentAt());
        }
        if (result.error() != null) {
            Facts.count("failure", "send:" + result.error().code(), result.sentAt(), 1);
        }
    }

    @Incoming(Topics.WHATSAPP_OUTBOUND)
    @Blocking
    public void onOutbound(OutboundMessage command) {
        store.untilStored("outbound command " + (command == null ? null : command.commandId()),
                () -> recordOutbound(command));
    }

    /** One attempt, in one transaction: a database restart rolls it back and the attempt is repeated whole. */
    @Transactional
    void recordOutbound(OutboundMessage command) {
        if (command == null || command.commandId() == null) {
            throw new IllegalArgumentException("An outbound message without commandId");
        }
        if (command.kind() == OutboundMessage.Kind.MARK_READ || command.origin() == null) {
            return;
        }
        joinOrigin(command.commandId(), command.origin().name().toLowerCase(java.util.Locale.ROOT), null);
    }

    /**
     * The command and its send result arrive on two topics in either order: whichever comes second finds the
     * other in the same row (the upsert locks it, so two consumers cannot both miss or both count) and counts the
     * message under its origin, once.
     */
    private static void joinOrigin(java.util.UUID commandId, String origin, Instant sentAt) {
        List<Object[]> merged = origin != null
                ? Facts.rows("""
                        INSERT INTO outbound_message (command_id, origin) VALUES (?1, ?2)
                        ON CONFLICT (command_id) DO UPDATE SET origin = COALESCE(outbound_message.origin, EXCLUDED.origin)
                        RETURNING origin, sent_at, counted""", commandId, origin)
                : Facts.rows("""
                        INSERT INTO outbound_message (command_id, sent_at) VALUES (?1, ?2)
                        ON CONFLICT (command_id) DO UPDATE SET sent_at = COALESCE(outbound_message.sent_at, EXCLUDED.sent_at)
                        RETURNING origin, sent_at, counted""", commandId, sentAt);
        Object[] row = merged.get(0);
        if (row[0] != null && row[1] != null && !((Boolean) row[2])) {
            Facts.update("UPDATE outbound_message SET counted = true WHERE command_id = ?1", commandId);
            Facts.count("message_out_origin", (String) row[0], instant(row[1]), 1);
        }
    }

    static Instant instant(Object value) {
        if (value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof java.time.OffsetDateTime) {
            return ((java.time.OffsetDateTime) value).toInstant();
        }
        if (value instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) value).toInstant();
        }
        throw new IllegalStateException("Unexpected time type " + value.getClass());
    }
}
