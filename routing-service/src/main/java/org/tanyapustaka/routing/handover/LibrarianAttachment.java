package org.tanyapustaka.routing.handover;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A file a librarian sent to a patron, kept so the gateway can fetch it (claim check) and the desk can show it. Its
 * id is the command id of the WhatsApp message that carries it.
 */
@Entity
@Table(name = "librarian_attachment")
public class LibrarianAttachment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "handover_id", nullable = false)
    public UUID handoverId;

    @Column(nullable = false)
    public String librarian;

    @Column(nullable = false)
    public String filename;

    @Column(name = "mime_type", nullable = false)
    public String mimeType;

    @Column(nullable = false)
    public int size;

    /** SHA-256 of the content, lowercase hex. */
    @Column(nullable = false)
    public String sha256;

    public String caption;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    public byte[] content;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
