package org.tanyapustaka.catalog.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** One physical copy (eksemplar) of a record, with its barcode, shelf and status. */
@Entity
@Table(name = "copy")
public class Copy extends PanacheEntityBase {

    public enum Status {
        AVAILABLE, ON_LOAN, RESERVED, LOST, IN_PROCESSING
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @JsonIgnore
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "record_id")
    public CatalogRecord record;

    @Column(nullable = false, unique = true)
    public String barcode;

    @Column(name = "call_number")
    public String callNumber;

    public String location;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.AVAILABLE;

    @Column(name = "due_date")
    public LocalDate dueDate;
}
