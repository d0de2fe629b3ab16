package org.tanyapustaka.routing.handover;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalTime;

/** A period of a weekday (1 = Monday) when librarians answer, in Asia/Jakarta time. */
@Entity
@Table(name = "service_period")
public class ServicePeriod extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public int weekday;

    /** Minutes after midnight. */
    @Column(nullable = false)
    public int opens;

    /** Minutes after midnight; 1440 is 24:00. */
    @Column(nullable = false)
    public int closes;

    public boolean covers(LocalTime time) {
        int minute = time.getHour() * 60 + time.getMinute();
        return minute >= opens && minute < closes;
    }

    public LocalTime opensAt() {
        return LocalTime.of(opens / 60, opens % 60);
    }

    /** 08:00; 24:00 for the end of the day. */
    public static String clock(int minutes) {
        return String.format(java.util.Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }
}
