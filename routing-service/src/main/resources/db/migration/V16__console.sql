-- The library's console: every version of a knowledge-base answer (who changed it, when, and to what), and the
-- audit log of admin changes.

-- One row per saved state of an answer; version 1 of each seeded answer is its state when the console arrived.
-- No foreign key: an answer deleted over the REST API keeps its history.
CREATE TABLE faq_answer_version (
    id          bigserial   PRIMARY KEY,
    faq_id      bigint      NOT NULL,
    version     integer     NOT NULL,
    intent      text        NOT NULL,
    title       text        NOT NULL,
    examples    text[]      NOT NULL DEFAULT '{}',
    answer_id   text        NOT NULL,
    answer_en   text        NOT NULL,
    active      boolean     NOT NULL,
    -- created, edited, retired, reactivated, restored, deleted, initial
    change      text        NOT NULL,
    changed_by  text        NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (faq_id, version)
);

INSERT INTO faq_answer_version (faq_id, version, intent, title, examples, answer_id, answer_en, active, change,
                                changed_by, changed_at)
SELECT id, 1, intent, title, examples, answer_id, answer_en, active, 'initial', 'system', updated_at
FROM faq_answer;

-- Who changed what, when: knowledge base, service hours, librarians (console pages and the REST API).
CREATE TABLE audit_log (
    id        bigserial   PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL,
    -- e.g. faq.edited, faq.retired, faq.restored
    action    text        NOT NULL,
    -- what was changed, e.g. "faq 7 (book_suggestion)"
    subject   text        NOT NULL,
    detail    text        NOT NULL DEFAULT '',
    -- console or api
    via       text        NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at DESC);
