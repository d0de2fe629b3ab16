package org.tanyapustaka.catalog.importjob;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One import of a catalogue file or harvest, with its progress. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    public enum State {
        QUEUED, RUNNING, DONE, FAILED
    }

    @Id
    public UUID id;

    /** marc, marcxml, csv, oai. */
    @Column(nullable = false)
    public String kind;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "read_count")
    public int read;

    public int imported;

    public int updated;

    public int deleted;

    public int failed;

    /** Why the whole job stopped (an unreadable file, an OAI-PMH protocol error); per-record errors are failures. */
    public String error;

    @Column(name = "started_by")
    public String startedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public static List<ImportJob> recent(int limit) {
        return find("ORDER BY createdAt DESC").page(0, limit).list();
    }
}
