package org.tanyapustaka.routing.handover;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One line of a conversation's transcript: a patron message (id = the message's event id), a message sent to the
 * patron (id = the command id, with its delivery status), or a librarian's internal note.
 */
@Entity
@Table(name = "transcript_entry")
public class TranscriptEntry extends PanacheEntityBase {

    public static final String PATRON = "patron";
    public static final String LIBRARIAN = "librarian";
    public static final String NOTE = "note";

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    @Column(name = "wa_id", nullable = false)
    public String waId;

    @Column(name = "handover_id")
    public UUID handoverId;

    @Column(nullable = false)
    public Instant at;

    /** patron, routing, catalog, librarian or note. */
    @Column(nullable = false)
    public String author;

    public String librarian;

    /** The WhatsApp type of the message (text, list, image…) or {@code note}. */
    @Column(nullable = false)
    public String kind;

    public String body;

    @Column(name = "media_id")
    public String mediaId;

    public String wamid;

    /** Of a message to the patron: accepted (by the Graph API), sent, delivered, read or failed. */
    public String delivery;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "error_title")
    public String errorTitle;

    /** Of a patron message: the intent the bot saw in it (when the bot, not a librarian, answered it). */
    public String intent;

    /**
     * A line of a handover's transcript written at the desk ({@code author}: {@link #LIBRARIAN} for what goes to the
     * patron, {@link #NOTE} for an internal note), not yet persisted.
     */
    static TranscriptEntry atDesk(UUID id, Handover handover, String author, String librarian, String kind,
            String body, Instant at) {
        TranscriptEntry entry = new TranscriptEntry();
        entry.id = id;
        entry.conversationId = handover.conversationId;
        entry.waId = handover.waId;
        entry.handoverId = handover.id;
        entry.at = at;
        entry.author = author;
        entry.librarian = librarian;
        entry.kind = kind;
        entry.body = body;
        return entry;
    }

    public static List<TranscriptEntry> of(UUID conversationId, int limit) {
        List<TranscriptEntry> newest = new ArrayList<>(
                find("conversationId = ?1 ORDER BY at DESC, id DESC", conversationId).page(0, limit).list());
        Collections.reverse(newest);
        return newest;
    }
}
