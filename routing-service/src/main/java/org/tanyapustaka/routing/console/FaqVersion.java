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
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.tanyapustaka.routing.faq.FaqAnswer;

/** One saved state of a knowledge-base answer: what it said after a change, who made the change and when. */
@Entity
@Table(name = "faq_answer_version")
public class FaqVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "faq_id", nullable = false)
    public long faqId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String intent;

    @Column(nullable = false)
    public String title;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] examples = new String[0];

    @Column(name = "answer_id", nullable = false)
    public String answerId;

    @Column(name = "answer_en", nullable = false)
    public String answerEn;

    @Column(nullable = false)
    public boolean active;

    /** created, edited, retired, reactivated, restored, deleted or initial (the state before the console). */
    @Column(nullable = false)
    public String change;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** The answer's versions, newest first. */
    public static List<FaqVersion> of(long faqId) {
        return list("faqId = ?1 ORDER BY version DESC", faqId);
    }

    public static Optional<FaqVersion> of(long faqId, int version) {
        return find("faqId = ?1 AND version = ?2", faqId, version).firstResultOptional();
    }

    /** Records the answer as it is now as its next version (in the caller's transaction). */
    static FaqVersion record(FaqAnswer answer, String change, String actor) {
        Integer last = find("SELECT max(v.version) FROM FaqVersion v WHERE v.faqId = ?1", answer.id)
                .project(Integer.class).firstResult();
        FaqVersion v = new FaqVersion();
        v.faqId = answer.id;
        v.version = last == null ? 1 : last + 1;
        v.intent = answer.intent;
        v.title = answer.title;
        v.examples = answer.examples == null ? new String[0] : answer.examples.clone();
        v.answerId = answer.answerId;
        v.answerEn = answer.answerEn;
        v.active = answer.active;
        v.change = change;
        v.changedBy = actor;
        v.changedAt = Instant.now();
        v.persist();
        return v;
    }

    public String examplesText() {
        return String.join("\n", examples);
    }
}
