-- One conversation per patron.
CREATE TABLE conversation (
    id              uuid PRIMARY KEY,
    wa_id           text        NOT NULL UNIQUE,
    profile_name    text,
    language        text        NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
    messages_in     integer     NOT NULL DEFAULT 0,
    last_inbound_at timestamptz,
    created_at      timestamptz NOT NULL
);

CREATE INDEX conversation_last_inbound ON conversation (last_inbound_at DESC);

-- Events already handled: a redelivered event has no second effect.
CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    topic        text        NOT NULL,
    processed_at timestamptz NOT NULL
);
