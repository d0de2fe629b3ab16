package org.tanyapustaka.routing.handover;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A librarian who answers handed-over conversations; the username is the staff token's {@code upn}. */
@Entity
@Table(name = "librarian")
public class Librarian extends PanacheEntityBase {

    public static final String ONLINE = "online";
    public static final String AWAY = "away";
    public static final String OFFLINE = "offline";
    public static final List<String> STATUSES = List.of(ONLINE, AWAY, OFFLINE);
    public static final int DEFAULT_CAPACITY = 5;

    @Id
    public String username;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(nullable = false)
    public String status;

    /** How many conversations the librarian handles at once; auto-assignment never goes beyond it. */
    @Column(nullable = false)
    public int capacity;

    @Column(name = "last_assigned_at")
    public Instant lastAssignedAt;

    @Column(name = "status_changed_at", nullable = false)
    public Instant statusChangedAt;

    public static Optional<Librarian> byUsername(String username) {
        return findByIdOptional(username);
    }

    /** The account of a staff member, made on first use with a name derived from the username. */
    public static Librarian account(String username) {
        return Librarian.<Librarian>findByIdOptional(username).orElseGet(() -> {
            Librarian librarian = new Librarian();
            librarian.username = username;
            librarian.displayName = nameOf(username);
            librarian.status = OFFLINE;
            librarian.capacity = DEFAULT_CAPACITY;
            librarian.statusChangedAt = Instant.now();
            librarian.persist();
            return librarian;
        });
    }

    /** "dewi.lestari@perpustakaan.ac.id" → "Dewi Lestari". */
    static String nameOf(String username) {
        String local = username.contains("@") ? username.substring(0, username.indexOf('@')) : username;
        StringBuilder name = new StringBuilder();
        for (String part : local.split("[._\\-]+")) {
            if (!part.isEmpty()) {
                name.append(name.length() == 0 ? "" : " ")
                        .append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return name.length() == 0 ? username : name.toString();
    }

    public static List<Librarian> all() {
        return list("ORDER BY displayName");
    }
}
