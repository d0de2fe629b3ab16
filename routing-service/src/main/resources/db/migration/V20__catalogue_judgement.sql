-- Messages the bot did not understand, waiting for the catalogue's judgement (catalog.judgements) or for the
-- bounded wait to run out. Whichever comes first settles the row (settled_at, outcome) and sends the one reply.
CREATE TABLE catalogue_judgement (
    id              uuid PRIMARY KEY,          -- the judge request's id, derived from the patron message
    conversation_id uuid NOT NULL REFERENCES conversation (id),
    wa_id           text NOT NULL,
    message         text NOT NULL,             -- the patron message as JSON (PatronMessage)
    confidence      double precision NOT NULL, -- the classifier's confidence in 'other'
    asked_at        timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,      -- then "not understood", without the catalogue
    settled_at      timestamptz,
    outcome         text                       -- search, not_understood, silent (a librarian took over meanwhile)
);

CREATE INDEX catalogue_judgement_due ON catalogue_judgement (due_at) WHERE settled_at IS NULL;
