-- Files librarians send to patrons (a clearance letter, a Turnitin report). The gateway fetches each one by its id
-- (claim check: files do not travel through Kafka) to upload it to WhatsApp; the desk shows it in the transcript.
-- The id is the command id of the message that carries it, derived from the client's Idempotency-Key.
CREATE TABLE librarian_attachment (
    id          uuid PRIMARY KEY,
    handover_id uuid        NOT NULL REFERENCES handover (id),
    librarian   text        NOT NULL,
    filename    text        NOT NULL,
    mime_type   text        NOT NULL,
    size        integer     NOT NULL CHECK (size > 0),
    sha256      text        NOT NULL,
    caption     text,
    content     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX librarian_attachment_handover ON librarian_attachment (handover_id);
