-- The send log: each outbound command is sent to WhatsApp at most once.
CREATE TABLE outbound_send (
    command_id   uuid PRIMARY KEY,
    wa_id        text        NOT NULL,
    kind         text        NOT NULL,
    state        text        NOT NULL CHECK (state IN ('SENDING', 'SENT', 'FAILED', 'UNCERTAIN')),
    wamid        text,
    error_code   integer,
    error_title  text,
    attempts     integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    completed_at timestamptz
);

CREATE INDEX outbound_send_wa_id ON outbound_send (wa_id, created_at);
CREATE UNIQUE INDEX outbound_send_wamid ON outbound_send (wamid) WHERE wamid IS NOT NULL;
