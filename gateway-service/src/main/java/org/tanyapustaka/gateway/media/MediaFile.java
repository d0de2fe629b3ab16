package org.tanyapustaka.gateway.media;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An attachment a patron sent (a Turnitin file, a scanned approval page), kept for librarians. */
@Entity
@Table(name = "media_file")
public class MediaFile extends PanacheEntityBase {

    @Id
    @Column(name = "media_id")
    public String mediaId;

    @Column(nullable = false)
    public String wamid;

    @Column(name = "wa_id", nullable = false)
    public String waId;

    @Column(name = "mime_type")
    public String mimeType;

    public String filename;

    public String sha256;

    @Column(nullable = false)
    public long size;

    @Column(nullable = false)
    public byte[] content;

    @Column(name = "stored_at", nullable = false)
    public Instant storedAt;
}
