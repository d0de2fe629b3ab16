-- Events the catalog has handled (catalog.queries): a redelivered query is answered once.
CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    topic        text        NOT NULL,
    processed_at timestamptz NOT NULL
);
