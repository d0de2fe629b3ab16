package org.tanyapustaka.routing.desk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.routing.conversation.Conversation;
import org.tanyapustaka.routing.conversation.Outbox;
import org.tanyapustaka.routing.handover.Handover;
import org.tanyapustaka.routing.handover.Librarian;
import org.tanyapustaka.routing.handover.TranscriptEntry;

/**
 * What the desk pages show, read from the same tables the REST desk uses: the inbox rows (waiting, mine,
 * colleagues'), a conversation's transcript, and the reading state of each librarian (unread counts, WhatsApp's
 * read receipt sent once per patron message). Called inside the page's transaction.
 */
@ApplicationScoped
public class DeskView {

    /** Preview length in the inbox. */
    static final int PREVIEW = 90;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    /** One conversation in the inbox; its last message is the patron's or a librarian's (not the bot's notices). */
    public record Row(UUID handoverId, UUID conversationId, String patron, String waId, String status, String reason,
            boolean outOfHours, Long position, Instant requestedAt, String holder, String holderName, String preview,
            String previewAuthor, Instant lastAt, long unread, Instant windowClosesAt, boolean mine) {

        public boolean windowOpen() {
            return windowClosesAt != null && windowClosesAt.isAfter(Instant.now());
        }
    }

    public record Inbox(List<Row> waiting, List<Row> mine, List<Row> colleagues) {

        public long unreadMine() {
            return mine.stream().mapToLong(Row::unread).sum();
        }
    }

    /** One line of a transcript as the page shows it. */
    public record Line(UUID id, Instant at, String author, String who, String kind, String body, String mediaId,
            String delivery, Integer errorCode, String errorTitle, String intent) {

        public boolean image() {
            return mediaId != null && ("image".equals(kind) || "sticker".equals(kind));
        }

        public boolean download() {
            return mediaId != null && !image();
        }

        public boolean outgoing() {
            return !"patron".equals(author) && !"note".equals(author);
        }

        /** A file a librarian sent: its line's body is the file name, then the caption on the next line. */
        public boolean sentFile() {
            return mediaId != null && "librarian".equals(author);
        }

        /** The name of a file a librarian sent, shown on its document card; null otherwise. */
        public String fileName() {
            if (!sentFile() || body == null) {
                return null;
            }
            int newline = body.indexOf('\n');
            return newline < 0 ? body : body.substring(0, newline);
        }

        /** The text shown under the line: the message, or the caption of a file a librarian sent. */
        public String text() {
            if (!sentFile() || body == null) {
                return body;
            }
            int newline = body.indexOf('\n');
            return newline < 0 ? null : body.substring(newline + 1);
        }
    }

    /** An earlier (closed) handover of the same patron. */
    public record Earlier(UUID id, Instant requestedAt, Instant closedAt, String librarian, String reason,
            Integer rating) {
    }

    /** A colleague one can transfer to, with their load. */
    public record Colleague(String username, String displayName, String status, long open, int capacity) {
    }

    public Inbox inbox(String me, boolean admin) {
        List<Handover> open = Handover.list("status <> ?1 ORDER BY requestedAt, id", Handover.CLOSED);
        List<UUID> conversationIds = open.stream().map(h -> h.conversationId).distinct().toList();
        Map<UUID, Conversation> conversations = new HashMap<>();
        Map<UUID, Object[]> last = new HashMap<>();
        Map<UUID, Long> unread = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        if (!conversationIds.isEmpty()) {
            Conversation.<Conversation>list("id IN ?1", conversationIds).forEach(c -> conversations.put(c.id, c));
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT c.id, t.at, t.author, t.body, t.kind
                    FROM unnest(CAST(?1 AS uuid[])) AS c(id)
                    CROSS JOIN LATERAL (SELECT at, author, body, kind FROM transcript_entry
                                        WHERE conversation_id = c.id AND author IN ('patron', 'librarian')
                                        ORDER BY at DESC, id DESC LIMIT 1) t""").setParameter(1, uuidArray(conversationIds))
                    .getResultList();
            rows.forEach(r -> last.put((UUID) r[0], r));
            @SuppressWarnings("unchecked")
            List<Object[]> counts = em.createNativeQuery("""
                    SELECT h.id, count(t.id) FROM handover h
                    LEFT JOIN desk_seen s ON s.conversation_id = h.conversation_id AND s.username = ?1
                    CROSS JOIN LATERAL (SELECT max(l.at) AS at FROM transcript_entry l
                                        WHERE l.conversation_id = h.conversation_id AND l.author = 'librarian') ll
                    JOIN transcript_entry t ON t.conversation_id = h.conversation_id AND t.author = 'patron'
                                            AND t.at >= h.requested_at
                                            AND t.at > coalesce(s.seen_at, '-infinity'::timestamptz)
                                            AND t.at > coalesce(ll.at, '-infinity'::timestamptz)
                    WHERE h.status <> 'closed'
                    GROUP BY h.id""").setParameter(1, me).getResultList();
            counts.forEach(r -> unread.put((UUID) r[0], ((Number) r[1]).longValue()));
            Librarian.<Librarian>listAll().forEach(l -> names.put(l.username, l.displayName));
        }
        List<Row> waiting = new ArrayList<>();
        List<Row> mine = new ArrayList<>();
        List<Row> colleagues = new ArrayList<>();
        long position = 0;
        for (Handover h : open) {
            Conversation c = conversations.get(h.conversationId);
            Object[] l = last.get(h.conversationId);
            boolean isMine = me.equals(h.librarian);
            Long queuePosition = Handover.QUEUED.equals(h.status) ? ++position : null;
            Row row = new Row(h.id, h.conversationId, c.profileName == null ? c.waId : c.profileName, c.waId, h.status,
                    h.reason, h.outOfHours, queuePosition, h.requestedAt, h.librarian,
                    h.librarian == null ? null : names.getOrDefault(h.librarian, h.librarian),
                    l == null ? null : preview((String) l[3], (String) l[4]), l == null ? null : (String) l[2],
                    l == null ? null : instant(l[1]), unread.getOrDefault(h.id, 0L), windowClosesAt(c), isMine);
            if (queuePosition != null) {
                waiting.add(row);
            } else if (isMine) {
                mine.add(row);
            } else {
                colleagues.add(row);
            }
        }
        mine.sort((a, b) -> compareLast(b, a));
        return new Inbox(waiting, mine, colleagues);
    }

    private static int compareLast(Row a, Row b) {
        Instant x = a.lastAt() == null ? Instant.EPOCH : a.lastAt();
        Instant y = b.lastAt() == null ? Instant.EPOCH : b.lastAt();
        return x.compareTo(y);
    }

    public Row row(Handover h, String me) {
        Conversation c = Conversation.findById(h.conversationId);
        Long position = Handover.QUEUED.equals(h.status) ? h.queuePosition() : null;
        String holderName = h.librarian == null ? null
                : Librarian.byUsername(h.librarian).map(l -> l.displayName).orElse(h.librarian);
        return new Row(h.id, h.conversationId, c.profileName == null ? c.waId : c.profileName, c.waId, h.status,
                h.reason, h.outOfHours, position, h.requestedAt, h.librarian, holderName, null, null, null, 0,
                windowClosesAt(c), me.equals(h.librarian));
    }

    public List<Line> transcript(UUID conversationId) {
        Map<String, String> names = new HashMap<>();
        Librarian.<Librarian>listAll().forEach(l -> names.put(l.username, l.displayName));
        return TranscriptEntry.of(conversationId, 500).stream().map(e -> new Line(e.id, e.at, e.author,
                e.librarian == null ? null : names.getOrDefault(e.librarian, e.librarian), e.kind, e.body, e.mediaId,
                e.delivery, e.errorCode, e.errorTitle, e.intent)).toList();
    }

    public List<Earlier> earlier(Handover current) {
        return Handover.<Handover>find("conversationId = ?1 AND status = ?2 AND id <> ?3 ORDER BY requestedAt DESC",
                current.conversationId, Handover.CLOSED, current.id).page(0, 20).list().stream()
                .map(h -> new Earlier(h.id, h.requestedAt, h.closedAt, h.librarian, h.reason, h.rating)).toList();
    }

    /** Every librarian with status and load, for the head of library's view of the team. */
    public List<Colleague> team() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT l.username, l.display_name, l.status, count(h.id), l.capacity FROM librarian l
                LEFT JOIN handover h ON h.librarian = l.username AND h.status = 'assigned'
                GROUP BY l.username ORDER BY l.status DESC, l.display_name""").getResultList();
        return rows.stream().map(r -> new Colleague((String) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).longValue(), ((Number) r[4]).intValue())).toList();
    }

    public List<Colleague> colleagues(String me) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT l.username, l.display_name, l.status, count(h.id), l.capacity FROM librarian l
                LEFT JOIN handover h ON h.librarian = l.username AND h.status = 'assigned'
                WHERE l.status <> 'offline' AND l.username <> ?1
                GROUP BY l.username ORDER BY l.status DESC, count(h.id), l.display_name""").setParameter(1, me)
                .getResultList();
        return rows.stream().map(r -> new Colleague((String) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).longValue(), ((Number) r[4]).intValue())).toList();
    }

    /** The librarian has seen the conversation up to now. */
    public void seen(UUID conversationId, String me) {
        em.createNativeQuery("""
                INSERT INTO desk_seen (conversation_id, username, seen_at) VALUES (?1, ?2, now())
                ON CONFLICT (conversation_id, username) DO UPDATE SET seen_at = EXCLUDED.seen_at""")
                .setParameter(1, conversationId).setParameter(2, me).executeUpdate();
    }

    /**
     * The holder has the conversation open: WhatsApp's read receipt (blue ticks) for the patron's latest message,
     * once per message (the row lock of the upsert lets only one page send it; the command id is derived from the
     * message, so even a repeat is one receipt at the gateway).
     */
    public void markRead(Handover handover) {
        Optional<TranscriptEntry> latest = TranscriptEntry.<TranscriptEntry>find(
                "conversationId = ?1 AND author = ?2 AND wamid IS NOT NULL ORDER BY at DESC, id DESC",
                handover.conversationId, TranscriptEntry.PATRON).firstResultOptional();
        if (latest.isEmpty()) {
            return;
        }
        TranscriptEntry message = latest.get();
        int changed = em.createNativeQuery("""
                INSERT INTO desk_read_receipt (conversation_id, message_id, at) VALUES (?1, ?2, now())
                ON CONFLICT (conversation_id) DO UPDATE SET message_id = EXCLUDED.message_id, at = EXCLUDED.at
                WHERE desk_read_receipt.message_id <> EXCLUDED.message_id""")
                .setParameter(1, handover.conversationId).setParameter(2, message.id).executeUpdate();
        if (changed > 0) {
            outbox.send(OutboundMessage.markRead(EventIds.derive(message.id, "mark-read"), message.waId, message.wamid,
                    false, handover.conversationId, handover.id));
        }
    }

    static Instant windowClosesAt(Conversation c) {
        return c.windowClosesAt();
    }

    static String preview(String body, String kind) {
        String text = body == null || body.isBlank() ? "[" + kind + "]" : body.replaceAll("\\s+", " ").strip();
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW - 1) + "…";
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return null;
    }

    private static String uuidArray(List<UUID> ids) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < ids.size(); i++) {
            s.append(i == 0 ? "" : ",").append(ids.get(i));
        }
        return s.append('}').toString();
    }
}
