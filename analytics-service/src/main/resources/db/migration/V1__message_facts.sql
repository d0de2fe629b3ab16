-- Patron messages, pseudonymous: an HMAC of the wa_id, never the number, the name or the text.
CREATE TABLE inbound_message_fact (
    event_id     uuid PRIMARY KEY,
    patron_hash  text        NOT NULL,
    message_type text        NOT NULL,
    sent_at      timestamptz NOT NULL,
    received_at  timestamptz
);

CREATE INDEX inbound_message_fact_sent_at ON inbound_message_fact (sent_at);
