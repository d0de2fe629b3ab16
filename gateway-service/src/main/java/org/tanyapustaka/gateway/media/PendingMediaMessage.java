package org.tanyapustaka.gateway.media;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A patron message whose attachment is being fetched; published once the fetch succeeded or was given up. */
@Entity
@Table(name = "pending_media_message")
public class PendingMediaMessage extends PanacheEntityBase {

    @Id
    public String wamid;

    /** The PatronMessage as JSON. */
    @Column(nullable = false)
    public String message;

    public int attempts;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    public static List<PendingMediaMessage> oldestFirst() {
        return list("ORDER BY receivedAt");
    }
}
