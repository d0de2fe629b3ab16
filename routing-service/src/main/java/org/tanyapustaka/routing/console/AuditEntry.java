package org.tanyapustaka.routing.console;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One admin change, as the audit log keeps it: who, when, what ({@code action} on {@code subject}, with a short
 * {@code detail}), and whether it came through the console or the REST API. Written in the transaction of the change
 * itself, so there is no change without its entry and no entry for a change that was refused.
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    public static final String CONSOLE = "console";
    public static final String API = "api";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String detail;

    @Column(nullable = false)
    public String via;

    public static AuditEntry record(String actor, String action, String subject, String detail, String via) {
        AuditEntry e = new AuditEntry();
        e.at = Instant.now();
        e.actor = actor;
        e.action = action;
        e.subject = subject;
        e.detail = detail == null ? "" : detail;
        e.via = via;
        e.persist();
        return e;
    }

    /** The newest entries first, those whose actor, action, subject or detail contain {@code text} if given. */
    public static List<AuditEntry> latest(String text, int limit) {
        if (text == null || text.isBlank()) {
            return find("ORDER BY at DESC, id DESC").page(0, limit).list();
        }
        String like = "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return find("lower(actor) LIKE ?1 OR lower(action) LIKE ?1 OR lower(subject) LIKE ?1 OR lower(detail) LIKE ?1 "
                + "ORDER BY at DESC, id DESC", like).page(0, limit).list();
    }
}
