package org.tanyapustaka.routing.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tanyapustaka.events.problem.ProblemException;
import org.tanyapustaka.routing.faq.FaqAnswer;
import org.tanyapustaka.routing.intent.Intent;

/**
 * Changes to the knowledge base with their history and audit entry: every save, retirement and restore writes the
 * answer, its new {@link FaqVersion} and an {@link AuditEntry} in one transaction, after checking the whole draft
 * (so an answer is saved whole or not at all).
 */
@ApplicationScoped
public class KnowledgeBase {

    /**
     * WhatsApp's limit for the body of a message with reply buttons. The bot sends every answer with two buttons
     * ("Menu", "Tanya pustakawan"), so this is the limit of an answer.
     */
    public static final int MAX_WITH_BUTTONS = 1024;
    /** WhatsApp's limit for a plain text message. */
    public static final int MAX_TEXT = 4096;
    public static final int MAX_TITLE = 100;
    public static final int MAX_EXAMPLE = 300;

    /** An answer as the console's form (or the REST API) gives it. */
    public record Draft(String intent, String title, List<String> examples, String answerId, String answerEn,
            boolean active) {

        public static Draft of(FaqAnswer a) {
            return new Draft(a.intent, a.title, Arrays.asList(a.examples), a.answerId, a.answerEn, a.active);
        }

        public static Draft of(FaqVersion v) {
            return new Draft(v.intent, v.title, Arrays.asList(v.examples), v.answerId, v.answerEn, v.active);
        }

        /** Examples from a text box, one a line. */
        public static List<String> lines(String text) {
            return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }

        Draft stripped() {
            return new Draft(strip(intent), strip(title), examples == null ? List.of()
                    : examples.stream().map(KnowledgeBase::strip).filter(e -> !e.isEmpty()).toList(),
                    strip(answerId), strip(answerEn), active);
        }
    }

    /** Why a draft cannot be saved: which field, what is wrong, its length and the limit where that matters. */
    public record Issue(String field, Kind kind, int length, int limit) {
    }

    public enum Kind {
        EMPTY, TOO_LONG, UNKNOWN_INTENT
    }

    /** Everything wrong with a draft (empty when it may be saved). */
    public static List<Issue> check(Draft raw) {
        Draft d = raw.stripped();
        List<Issue> issues = new ArrayList<>();
        if (Intent.fromWireName(d.intent()).isEmpty()) {
            issues.add(new Issue("intent", Kind.UNKNOWN_INTENT, 0, 0));
        }
        limit(issues, "title", d.title(), MAX_TITLE);
        for (String example : d.examples()) {
            if (length(example) > MAX_EXAMPLE) {
                issues.add(new Issue("examples", Kind.TOO_LONG, length(example), MAX_EXAMPLE));
            }
        }
        limit(issues, "answerId", d.answerId(), MAX_WITH_BUTTONS);
        limit(issues, "answerEn", d.answerEn(), MAX_WITH_BUTTONS);
        return issues;
    }

    private static void limit(List<Issue> issues, String field, String value, int max) {
        if (value.isEmpty()) {
            issues.add(new Issue(field, Kind.EMPTY, 0, max));
        } else if (length(value) > max) {
            issues.add(new Issue(field, Kind.TOO_LONG, length(value), max));
        }
    }

    /** Characters as WhatsApp counts them (an emoji made of one code point is one). */
    public static int length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    /**
     * Saves a new answer ({@code id} null) or a new text for an answer, as a new version. Refused whole, with the
     * issues, when anything is wrong; a draft equal to the answer as it is changes nothing.
     */
    @Transactional
    public FaqAnswer save(Long id, Draft raw, String actor, String via) {
        List<Issue> issues = check(raw);
        if (!issues.isEmpty()) {
            throw new ProblemException(400, "Answer not saved", "The answer was not saved: " + issues + ".");
        }
        Draft d = raw.stripped();
        FaqAnswer answer = id == null ? new FaqAnswer() : find(id);
        boolean created = id == null;
        Draft before = created ? null : Draft.of(answer);
        if (!created && before.equals(d)) {
            return answer;
        }
        answer.intent = Intent.fromWireName(d.intent()).orElseThrow().wireName();
        answer.title = d.title();
        answer.examples = d.examples().toArray(String[]::new);
        answer.answerId = d.answerId();
        answer.answerEn = d.answerEn();
        answer.active = d.active();
        if (created) {
            answer.persist();
        }
        answer.updatedAt = java.time.Instant.now();
        String change = created ? "created" : before.active() != d.active() ? (d.active() ? "reactivated" : "retired")
                : "edited";
        changed(answer, change, created ? "" : describe(before, d), actor, via);
        return answer;
    }

    /** Retires an answer (the bot stops using it) or brings it back. */
    @Transactional
    public FaqAnswer setActive(long id, boolean active, String actor, String via) {
        FaqAnswer answer = find(id);
        if (answer.active == active) {
            return answer;
        }
        answer.active = active;
        answer.updatedAt = java.time.Instant.now();
        changed(answer, active ? "reactivated" : "retired", "", actor, via);
        return answer;
    }

    /** Makes an earlier version the answer's current text again, as a new version. */
    @Transactional
    public FaqAnswer restore(long id, int version, String actor, String via) {
        FaqAnswer answer = find(id);
        FaqVersion earlier = FaqVersion.of(id, version)
                .orElseThrow(() -> ProblemException.notFound("Answer " + id + " has no version " + version + "."));
        Draft before = Draft.of(answer);
        Draft after = Draft.of(earlier);
        answer.intent = earlier.intent;
        answer.title = earlier.title;
        answer.examples = earlier.examples.clone();
        answer.answerId = earlier.answerId;
        answer.answerEn = earlier.answerEn;
        answer.active = earlier.active;
        answer.updatedAt = java.time.Instant.now();
        changed(answer, "restored", "version " + version + "; " + describe(before, after), actor, via);
        return answer;
    }

    /**
     * Records a change the REST API made ({@code FaqResource}): the answer's new version and the audit entry, in the
     * API's transaction.
     */
    public void recordApiChange(FaqAnswer answer, String change, String actor) {
        changed(answer, change, "", actor, AuditEntry.API);
    }

    /** Records that the REST API deleted an answer: its last state stays in the history. */
    public void recordApiDeletion(FaqAnswer answer, String actor) {
        changed(answer, "deleted", "", actor, AuditEntry.API);
    }

    private static void changed(FaqAnswer answer, String change, String detail, String actor, String via) {
        FaqVersion v = FaqVersion.record(answer, change, actor);
        AuditEntry.record(actor, "faq." + change, subject(answer),
                ("version " + v.version + (detail.isEmpty() ? "" : "; " + detail)), via);
    }

    static String subject(FaqAnswer answer) {
        return "faq " + answer.id + " (" + answer.intent + ": " + answer.title + ")";
    }

    /** Which fields changed, e.g. "answer (id) 410 → 398 characters; title". */
    static String describe(Draft before, Draft after) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(before.intent(), after.intent())) {
            changes.add("intent " + before.intent() + " → " + after.intent());
        }
        if (!Objects.equals(before.title(), after.title())) {
            changes.add("title \"" + before.title() + "\" → \"" + after.title() + "\"");
        }
        if (!Objects.equals(before.examples(), after.examples())) {
            changes.add("examples " + before.examples().size() + " → " + after.examples().size());
        }
        if (!Objects.equals(before.answerId(), after.answerId())) {
            changes.add("answer (id) " + length(before.answerId()) + " → " + length(after.answerId()) + " characters");
        }
        if (!Objects.equals(before.answerEn(), after.answerEn())) {
            changes.add("answer (en) " + length(before.answerEn()) + " → " + length(after.answerEn()) + " characters");
        }
        if (before.active() != after.active()) {
            changes.add(after.active() ? "active" : "retired");
        }
        return String.join("; ", changes);
    }

    static FaqAnswer find(long id) {
        return FaqAnswer.<FaqAnswer>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No knowledge-base answer " + id + "."));
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
