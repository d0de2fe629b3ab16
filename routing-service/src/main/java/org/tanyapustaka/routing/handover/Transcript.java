package org.tanyapustaka.routing.handover;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tanyapustaka.events.DeliveryStatus;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.SendResult;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.routing.conversation.Conversation;

/**
 * Keeps each conversation's transcript: the patron's messages (written by the message listener), every message sent
 * to the patron whoever sent it (read back from {@code whatsapp.outbound}), what the Graph API answered
 * ({@code whatsapp.sent}) and how far delivery got ({@code whatsapp.status}). The three topics arrive in any order:
 * each write is an idempotent upsert and a delivery status only ever moves forward (sent, delivered, read; failed
 * is final). The records of one poll are written in one transaction ({@link BatchWriter}).
 */
@ApplicationScoped
public class Transcript {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Transcript.class);

    /** Order of delivery states; a status never replaces one of higher rank. */
    static final String RANK = """
            CASE %s WHEN 'accepted' THEN 1 WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 WHEN 'read' THEN 4
                    WHEN 'failed' THEN 5 ELSE 0 END""";

    /** The first key of the transcript's advisory locks (the second is the hash of a wamid). */
    static final int LOCK_SPACE = 0x7472616e; // "tran"

    @Inject
    EntityManager em;

    /** The patron's message, in the caller's transaction. */
    public void patronWrote(PatronMessage message, Conversation conversation) {
        if (TranscriptEntry.findById(message.id()) != null) {
            return;
        }
        TranscriptEntry entry = new TranscriptEntry();
        entry.id = message.id();
        entry.conversationId = conversation.id;
        entry.waId = message.waId();
        entry.handoverId = conversation.activeHandoverId;
        entry.at = message.sentAt() != null ? message.sentAt() : Instant.now();
        entry.author = TranscriptEntry.PATRON;
        entry.kind = message.type() == null ? "unknown" : message.type().name().toLowerCase(java.util.Locale.ROOT);
        entry.body = describe(message);
        entry.mediaId = message.media() == null ? null : message.media().id();
        entry.wamid = message.wamid();
        entry.persist();
    }

    /** The intent the bot saw in the patron's message, for librarians reading the transcript. */
    public void classified(PatronMessage message, String intent) {
        TranscriptEntry entry = TranscriptEntry.findById(message.id());
        if (entry != null) {
            entry.intent = intent;
        }
    }

    private static String describe(PatronMessage message) {
        if (message.text() != null && !message.text().isBlank()) {
            return message.text();
        }
        if (message.replyTitle() != null) {
            return message.replyTitle();
        }
        if (message.location() != null) {
            return "📍 " + message.location().latitude() + ", " + message.location().longitude()
                    + (message.location().name() == null ? "" : " (" + message.location().name() + ")");
        }
        if (message.media() != null && message.media().filename() != null) {
            return message.media().filename();
        }
        return null;
    }

    // A batch writes its rows in the order of their ids (commands) or wamids (statuses), so that two batches
    // writing the same rows take their locks in the same order and never wait for each other in a circle.
    @Incoming("transcript-outbound")
    @Blocking
    public CompletionStage<Void> onSentToPatron(KafkaRecordBatch<String, OutboundMessage> batch) {
        return BatchWriter.store(batch, messages -> messages.stream()
                .sorted(Comparator.comparing(OutboundMessage::commandId, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(this::sentToPatron), LOG, "OutboundMessage for the transcript");
    }

    /** In the batch's transaction. */
    void sentToPatron(OutboundMessage message) {
        if (message.commandId() == null) {
            return;
        }
        if (message.kind() == OutboundMessage.Kind.MARK_READ) {
            // Not a message; a failed send result of it may have arrived first and left a placeholder.
            em.createNativeQuery("DELETE FROM transcript_entry WHERE id = ?1 AND kind = 'unknown'")
                    .setParameter(1, message.commandId()).executeUpdate();
            return;
        }
        UUID conversationId = message.conversationId() != null ? message.conversationId()
                : Conversation.findFor(message.waId()).map(c -> c.id).orElse(null);
        if (conversationId == null) {
            return; // a message to someone who never wrote (nothing to attach it to)
        }
        String author = message.origin() == null ? "routing" : message.origin().name().toLowerCase(java.util.Locale.ROOT);
        em.createNativeQuery("""
                INSERT INTO transcript_entry (id, conversation_id, wa_id, at, author, kind, body, delivery)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'accepted')
                ON CONFLICT (id) DO UPDATE SET author = EXCLUDED.author, kind = EXCLUDED.kind, body = EXCLUDED.body,
                    conversation_id = EXCLUDED.conversation_id
                WHERE transcript_entry.body IS NULL""")
                .setParameter(1, message.commandId())
                .setParameter(2, conversationId)
                .setParameter(3, message.waId())
                .setParameter(4, Instant.now())
                .setParameter(5, author)
                .setParameter(6, message.kind().name().toLowerCase(java.util.Locale.ROOT))
                .setParameter(7, bodyOf(message))
                .executeUpdate();
    }

    /** The text a librarian reads for a message: the body, the buttons or list rows offered, a template's name. */
    static String bodyOf(OutboundMessage message) {
        StringBuilder body = new StringBuilder(message.body() == null ? "" : message.body());
        if (message.buttons() != null && !message.buttons().isEmpty()) {
            body.append("\n[").append(message.buttons().stream().map(OutboundMessage.Button::title)
                    .collect(Collectors.joining(" | "))).append("]");
        }
        if (message.list() != null && message.list().sections() != null) {
            body.append("\n[").append(message.list().sections().stream().flatMap(s -> s.rows().stream())
                    .map(OutboundMessage.Row::title).collect(Collectors.joining(" | "))).append("]");
        }
        if (message.template() != null) {
            body.append("template ").append(message.template().name()).append(" (")
                    .append(message.template().language()).append(")");
        }
        return body.toString().strip();
    }

    @Incoming("transcript-sent")
    @Blocking
    public CompletionStage<Void> onSendResult(KafkaRecordBatch<String, SendResult> batch) {
        return BatchWriter.store(batch, results -> {
            lockMessages(results.stream().map(SendResult::wamid));
            results.stream().sorted(Comparator.comparing(SendResult::commandId,
                    Comparator.nullsFirst(Comparator.naturalOrder()))).forEach(this::sendResult);
        }, LOG, "SendResult for the transcript");
    }

    /** In the batch's transaction, after {@link #lockMessages}. */
    void sendResult(SendResult result) {
        if (result.commandId() == null || (result.wamid() == null && result.error() == null)) {
            return; // read receipts and typing indicators are answered without a message id
        }
        boolean failed = result.error() != null;
        String delivery = failed ? "failed" : "accepted";
        Integer code = failed ? result.error().code() : null;
        String title = failed ? result.error().title() : null;
        // Usually the message is on the transcript already (read back from whatsapp.outbound): one update.
        int updated = em.createNativeQuery("""
                UPDATE transcript_entry SET wamid = ?2, error_code = ?3, error_title = ?4,
                    delivery = CASE WHEN %s >= %s THEN CAST(?5 AS text) ELSE delivery END
                WHERE id = ?1""".formatted(RANK.formatted("CAST(?5 AS text)"), RANK.formatted("delivery")))
                .setParameter(1, result.commandId()).setParameter(2, result.wamid()).setParameter(3, code)
                .setParameter(4, title).setParameter(5, delivery).executeUpdate();
        if (updated == 0) {
            // The result came first: a placeholder the outbound message fills in.
            Optional<Conversation> conversation = Conversation.findFor(result.waId());
            if (conversation.isEmpty()) {
                return;
            }
            em.createNativeQuery("""
                    INSERT INTO transcript_entry (id, conversation_id, wa_id, at, author, kind, wamid, delivery,
                                                  error_code, error_title)
                    VALUES (?1, ?2, ?3, ?4, 'routing', 'unknown', ?5, ?6, ?7, ?8)
                    ON CONFLICT (id) DO UPDATE SET wamid = EXCLUDED.wamid, error_code = EXCLUDED.error_code,
                        error_title = EXCLUDED.error_title,
                        delivery = CASE WHEN %s >= %s THEN EXCLUDED.delivery ELSE transcript_entry.delivery END"""
                    .formatted(RANK.formatted("EXCLUDED.delivery"), RANK.formatted("transcript_entry.delivery")))
                    .setParameter(1, result.commandId())
                    .setParameter(2, conversation.get().id)
                    .setParameter(3, result.waId())
                    .setParameter(4, result.sentAt() != null ? result.sentAt() : Instant.now())
                    .setParameter(5, result.wamid())
                    .setParameter(6, delivery)
                    .setParameter(7, code)
                    .setParameter(8, title)
                    .executeUpdate();
        }
        if (result.wamid() != null) {
            // A status that came before this result, taken and applied in one statement.
            em.createNativeQuery("""
                    WITH early AS (DELETE FROM early_delivery_status WHERE wamid = ?2 RETURNING *)
                    UPDATE transcript_entry t SET delivery = e.status, error_code = coalesce(e.error_code, t.error_code),
                        error_title = coalesce(e.error_title, t.error_title)
                    FROM early e
                    WHERE t.id = ?1 AND %s > %s"""
                    .formatted(RANK.formatted("e.status"), RANK.formatted("t.delivery")))
                    .setParameter(1, result.commandId()).setParameter(2, result.wamid()).executeUpdate();
        }
    }

    @Incoming("transcript-status")
    @Blocking
    public CompletionStage<Void> onDeliveryStatus(KafkaRecordBatch<String, DeliveryStatus> batch) {
        return BatchWriter.store(batch, statuses -> {
            lockMessages(statuses.stream().map(DeliveryStatus::wamid));
            statuses.stream().sorted(Comparator.comparing(DeliveryStatus::wamid,
                    Comparator.nullsFirst(Comparator.naturalOrder()))).forEach(this::deliveryStatus);
        }, LOG, "DeliveryStatus for the transcript");
    }

    /**
     * Takes a transaction lock per message (wamid), in one order, so that a send result and a status of the same
     * message are never written at the same time: otherwise a status could find neither the message nor, once
     * committed as an early status, be found by the send result committing at the same moment - and stay unapplied.
     */
    void lockMessages(Stream<String> wamids) {
        String keys = wamids.filter(Objects::nonNull).map(String::hashCode).distinct().sorted()
                .map(String::valueOf).collect(Collectors.joining(","));
        if (!keys.isEmpty()) {
            em.createNativeQuery("SELECT count(pg_advisory_xact_lock(" + LOCK_SPACE + ", CAST(k AS integer))) "
                    + "FROM unnest(string_to_array(?1, ',')) AS k").setParameter(1, keys).getSingleResult();
        }
    }

    /** In the batch's transaction, after {@link #lockMessages}. */
    void deliveryStatus(DeliveryStatus status) {
        if (status.wamid() == null || status.status() == null) {
            return;
        }
        String value = status.status().name().toLowerCase(java.util.Locale.ROOT);
        Integer code = status.error() == null ? null : status.error().code();
        String title = status.error() == null ? null : status.error().title();
        int updated = em.createNativeQuery("""
                UPDATE transcript_entry SET delivery = ?2, error_code = coalesce(?3, error_code),
                    error_title = coalesce(?4, error_title)
                WHERE wamid = ?1 AND author <> 'patron' AND %s > %s"""
                .formatted(RANK.formatted("CAST(?2 AS text)"), RANK.formatted("delivery")))
                .setParameter(1, status.wamid()).setParameter(2, value).setParameter(3, code).setParameter(4, title)
                .executeUpdate();
        boolean known = updated > 0 || ((Number) em.createNativeQuery(
                "SELECT count(*) FROM transcript_entry WHERE wamid = ?1 AND author <> 'patron'")
                .setParameter(1, status.wamid()).getSingleResult()).longValue() > 0;
        if (!known) {
            em.createNativeQuery("""
                    INSERT INTO early_delivery_status (wamid, status, error_code, error_title, at)
                    VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT (wamid) DO UPDATE SET status = EXCLUDED.status,
                        error_code = coalesce(EXCLUDED.error_code, early_delivery_status.error_code),
                        error_title = coalesce(EXCLUDED.error_title, early_delivery_status.error_title)
                    WHERE %s > %s""".formatted(RANK.formatted("EXCLUDED.status"),
                    RANK.formatted("early_delivery_status.status")))
                    .setParameter(1, status.wamid()).setParameter(2, value).setParameter(3, code)
                    .setParameter(4, title).setParameter(5, status.at() != null ? status.at() : Instant.now())
                    .executeUpdate();
        }
    }
}
