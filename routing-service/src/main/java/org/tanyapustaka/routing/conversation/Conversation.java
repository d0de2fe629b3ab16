package org.tanyapustaka.routing.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One patron's conversation with the library: who they are, their language, and when they last wrote. */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    /** WhatsApp accepts free-form messages only this long after the patron's last message. */
    public static final Duration CUSTOMER_SERVICE_WINDOW = Duration.ofHours(24);

    @Id
    public UUID id;

    @Column(name = "wa_id", nullable = false, unique = true)
    public String waId;

    @Column(name = "profile_name")
    public String profileName;

    /** {@code id} or {@code en}: the language of the patron's last message. */
    @Column(nullable = false)
    public String language;

    @Column(name = "messages_in", nullable = false)
    public int messagesIn;

    @Column(name = "last_inbound_at")
    public Instant lastInboundAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The result list the patron sees: "lagi" and a number refer to it. */
    @Column(name = "open_query_id")
    public UUID openQueryId;

    /** What the bot asked for and waits for, e.g. {@code catalog_query} after "Cari koleksi". */
    public String awaiting;

    @Column(name = "burst_started_at")
    public Instant burstStartedAt;

    /** Messages since {@link #burstStartedAt}. */
    @Column(name = "burst_count", nullable = false)
    public int burstCount;

    /** The patron said STOP: the library starts no conversation with them (they can still write). */
    @Column(name = "opted_out", nullable = false)
    public boolean optedOut;

    /** The handover in progress (queued or with a librarian): the bot stays silent while it is open. */
    @Column(name = "active_handover_id")
    public UUID activeHandoverId;

    /** The closed handover whose rating the bot asked for; the next message may be the rating. */
    @Column(name = "rating_handover_id")
    public UUID ratingHandoverId;

    /** The intent of the bot's last knowledge-base answer, which the patron may reject. */
    @Column(name = "last_answer_intent")
    public String lastAnswerIntent;

    /** How often the patron said the bot's answers did not help; the second time a librarian is asked. */
    @Column(nullable = false)
    public int rejections;

    /** The bot said it did not understand and showed the list; another unclear message goes to a librarian. */
    @Column(name = "fallback_shown", nullable = false)
    public boolean fallbackShown;

    /** Whether WhatsApp still takes free-form messages to this patron at {@code now}. */
    public boolean windowOpen(Instant now) {
        return lastInboundAt != null && lastInboundAt.plus(CUSTOMER_SERVICE_WINDOW).isAfter(now);
    }

    /** When the 24-hour window closes; null before the patron's first message. */
    public Instant windowClosesAt() {
        return lastInboundAt == null ? null : lastInboundAt.plus(CUSTOMER_SERVICE_WINDOW);
    }

    public static Optional<Conversation> findFor(String waId) {
        return find("waId", waId).firstResultOptional();
    }

    /** The patron's conversation, opened on their first message. The id is derived from the wa_id. */
    public static Conversation openFor(String waId) {
        // Locked: the catalogue's judgement of an earlier message (CatalogueJudgements) may settle meanwhile.
        return Conversation.<Conversation>find("waId", waId).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseGet(() -> {
            Conversation conversation = new Conversation();
            conversation.id = UUID.nameUUIDFromBytes(("conversation:" + waId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            conversation.waId = waId;
            conversation.language = "id";
            conversation.createdAt = Instant.now();
            conversation.persist();
            return conversation;
        });
    }

    /** The conversation, locked until the transaction ends. */
    public static Optional<Conversation> locked(UUID id) {
        return Optional.ofNullable(Conversation.<Conversation>getEntityManager().find(Conversation.class, id,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    public static List<Conversation> mostRecent(int limit) {
        return find("ORDER BY lastInboundAt DESC NULLS LAST").page(0, limit).list();
    }
}
