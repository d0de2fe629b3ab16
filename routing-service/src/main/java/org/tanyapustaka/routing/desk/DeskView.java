package org.tanyapustaka.routing.desk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
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

        /**
         * Where the row stands in the lists (state, holder, place in the queue): a row sent live replaces the one a
         * page shows only when this is the same, since a move between the lists comes with a reload of the lists.
         */
        public String shape() {
            return status + "/" + (holder == null ? "" : holder) + "/" + (position == null ? "" : position);
        }

        /**
         * The row as a reader sees it: a colleague's conversation shows its patron and holder but not its last
         * message to a librarian who is not an admin (the conversation's content is its holder's, see
         * {@link org.tanyapustaka.routing.handover.ReadAccess}; opening it is refused unless they handled it).
         */
        public Row forReader(String me, boolean admin) {
            if (admin || holder == null || me.equals(holder)) {
                return this;
            }
            return new Row(handoverId, conversationId, patron, waId, status, reason, outOfHours, position, requestedAt,
                    holder, holderName, null, null, lastAt, unread, windowClosesAt, mine);
        }
    }

    public record Inbox(List<Row> waiting, List<Row> mine, List<Row> colleagues) {
    }

    /** The header's figures: conversations waiting, mine (their handover ids) and my unread messages in them. */
    public record Counts(long waiting, List<UUID> mine, long unreadMine) {
    }

    /**
     * A conversation's inbox row as it changed, for every reader: {@code row} as a librarian who has not opened the
     * conversation sees it, {@code unreadBy} the unread counts of those who have.
     */
    public record Changed(Row row, Map<String, Long> unreadBy) {

        /** The row as this librarian sees it. */
        public Row rowFor(String me, boolean admin) {
            Row r = row;
            return new Row(r.handoverId(), r.conversationId(), r.patron(), r.waId(), r.status(), r.reason(),
                    r.outOfHours(), r.position(), r.requestedAt(), r.holder(), r.holderName(), r.preview(),
                    r.previewAuthor(), r.lastAt(), unreadBy.getOrDefault(me, r.unread()), r.windowClosesAt(),
                    me.equals(r.holder())).forReader(me, admin);
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

    /**
     * Every open conversation as a row, in the order of the requests: the patron, the handover, the last line that
     * a patron or a librarian wrote (not the bot's notices), the 24-hour window and, for {@code reader}, the unread
     * count. One statement; {@code %s} is the queue position (or NULL) and any further condition.
     */
    private static final String ROWS = """
            SELECT h.id, h.conversation_id, coalesce(c.profile_name, c.wa_id), c.wa_id, h.status, h.reason,
                   h.out_of_hours, %s, h.requested_at, h.librarian, coalesce(l.display_name, h.librarian),
                   t.at, t.author, t.body, t.kind, c.last_inbound_at,
                   desk_unread(h.conversation_id, h.requested_at, s.seen_at)
            FROM handover h
            JOIN conversation c ON c.id = h.conversation_id
            LEFT JOIN librarian l ON l.username = h.librarian
            LEFT JOIN desk_seen s ON s.conversation_id = h.conversation_id AND s.username = ?1
            LEFT JOIN LATERAL (SELECT at, author, body, kind FROM transcript_entry
                               WHERE conversation_id = h.conversation_id AND author IN ('patron', 'librarian')
                               ORDER BY at DESC, id DESC LIMIT 1) t ON true
            WHERE h.status <> 'closed' %s
            ORDER BY h.requested_at, h.id""";

    /** The place in the queue of a waiting handover, counted as {@link Handover#queuePosition()} does. */
    private static final String POSITION = """
            CASE WHEN h.status = 'queued' THEN (SELECT count(*) FROM handover q WHERE q.status = 'queued'
                AND (q.requested_at, q.id) <= (h.requested_at, h.id)) END""";

    public Inbox inbox(String me, boolean admin) {
        List<Row> waiting = new ArrayList<>();
        List<Row> mine = new ArrayList<>();
        List<Row> colleagues = new ArrayList<>();
        long position = 0;
        for (Object[] r : rows(ROWS.formatted("NULL", ""), me, null)) {
            Row row = row(r, Handover.QUEUED.equals(r[4]) ? ++position : null, me);
            if (row.position() != null) {
                waiting.add(row);
            } else if (row.mine()) {
                mine.add(row);
            } else {
                colleagues.add(row.forReader(me, admin));
            }
        }
        mine.sort((a, b) -> compareLast(b, a));
        return new Inbox(waiting, mine, colleagues);
    }

    /**
     * The inbox rows of these conversations as they are now (the open ones; a closed one has left the lists), for
     * every librarian at once: the unread count differs per reader, the rest does not.
     */
    public List<Changed> changed(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return List.of();
        }
        String ids = uuidArray(conversationIds);
        @SuppressWarnings("unchecked")
        List<Object[]> seen = em.createNativeQuery("""
                SELECT h.conversation_id, d.username, desk_unread(h.conversation_id, h.requested_at, d.seen_at)
                FROM handover h JOIN desk_seen d ON d.conversation_id = h.conversation_id
                WHERE h.status <> 'closed' AND h.conversation_id = ANY(CAST(?1 AS uuid[]))""").setParameter(1, ids)
                .getResultList();
        Map<UUID, Map<String, Long>> unreadBy = new HashMap<>();
        seen.forEach(r -> unreadBy.computeIfAbsent((UUID) r[0], k -> new HashMap<>()).put((String) r[1],
                ((Number) r[2]).longValue()));
        // Nobody is called "" : every reader without a desk_seen row gets the count of the row itself.
        return rows(ROWS.formatted(POSITION, "AND h.conversation_id = ANY(CAST(?2 AS uuid[]))"), "", ids).stream()
                .map(r -> new Changed(row(r, r[7] == null ? null : ((Number) r[7]).longValue(), ""),
                        unreadBy.getOrDefault((UUID) r[1], Map.of())))
                .toList();
    }

    /** What the header shows: how many wait, and my conversations with their unread counts. */
    public Counts counts(String me) {
        long waiting = ((Number) em.createNativeQuery("SELECT count(*) FROM handover WHERE status = 'queued'")
                .getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> mine = em.createNativeQuery("""
                SELECT h.id, desk_unread(h.conversation_id, h.requested_at, s.seen_at) FROM handover h
                LEFT JOIN desk_seen s ON s.conversation_id = h.conversation_id AND s.username = ?1
                WHERE h.status = 'assigned' AND h.librarian = ?1
                ORDER BY h.assigned_at, h.id""").setParameter(1, me).getResultList();
        return new Counts(waiting, mine.stream().map(r -> (UUID) r[0]).toList(),
                mine.stream().mapToLong(r -> ((Number) r[1]).longValue()).sum());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String reader, String ids) {
        var query = em.createNativeQuery(sql).setParameter(1, reader);
        if (ids != null) {
            query.setParameter(2, ids);
        }
        return query.getResultList();
    }

    private static Row row(Object[] r, Long position, String me) {
        String holder = (String) r[9];
        return new Row((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                (Boolean) r[6], position, instant(r[8]), holder, (String) r[10],
                r[11] == null ? null : preview((String) r[13], (String) r[14]), (String) r[12], instant(r[11]),
                ((Number) r[16]).longValue(),
                r[15] == null ? null : instant(r[15]).plus(Conversation.CUSTOMER_SERVICE_WINDOW),
                me.equals(holder));
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

    private static String uuidArray(Collection<UUID> ids) {
        StringBuilder s = new StringBuilder("{");
        for (UUID id : ids) {
            s.append(s.length() == 1 ? "" : ",").append(id);
        }
        return s.append('}').toString();
    }
}
