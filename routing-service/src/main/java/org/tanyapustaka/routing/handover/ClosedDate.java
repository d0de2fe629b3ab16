package org.tanyapustaka.routing.handover;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A day the library is closed although the weekly schedule says open: a holiday or cuti bersama. */
@Entity
@Table(name = "closed_date")
public class ClosedDate extends PanacheEntityBase {

    @Id
    public LocalDate day;

    @Column(nullable = false)
    public String reason;
}
