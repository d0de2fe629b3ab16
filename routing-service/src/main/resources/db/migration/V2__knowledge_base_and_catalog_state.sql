-- The knowledge base: one answer per question type, in Indonesian and English, maintained by librarians.
CREATE TABLE faq_answer (
    id          bigserial PRIMARY KEY,
    intent      text        NOT NULL,
    title       text        NOT NULL,
    examples    text[]      NOT NULL DEFAULT '{}',
    answer_id   text        NOT NULL,
    answer_en   text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX faq_answer_intent ON faq_answer (intent) WHERE active;

-- What the conversation is waiting for: the result list the patron sees ("lagi" and "2" refer to it), or the
-- words of a search after the patron chose "Cari koleksi".
ALTER TABLE conversation ADD COLUMN open_query_id uuid;
ALTER TABLE conversation ADD COLUMN awaiting text;
