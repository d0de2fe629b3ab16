package org.tanyapustaka.routing.faq;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An answer of the knowledge base: what the bot says to one kind of question, in Indonesian and English. */
@Entity
@Table(name = "faq_answer")
public class FaqAnswer extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The intent it answers (opening_hours, clearance …). */
    @Column(nullable = false)
    public String intent;

    @Column(nullable = false)
    public String title;

    /** Questions as patrons ask them, for librarians maintaining the answer. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] examples = new String[0];

    @Column(name = "answer_id", nullable = false)
    public String answerId;

    @Column(name = "answer_en", nullable = false)
    public String answerEn;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @PrePersist
    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    /** The active answer for an intent. */
    public static Optional<FaqAnswer> forIntent(String intent) {
        return find("intent = ?1 AND active = true ORDER BY id", intent).firstResultOptional();
    }

    public static List<FaqAnswer> all() {
        return list("ORDER BY intent, id");
    }

    public String answerIn(String language) {
        return "en".equals(language) ? answerEn : answerId;
    }
}
