-- What the gateway has accepted from webhooks: a message (by wamid) or a status (by wamid and status) has an
-- effect once, however many copies Meta delivers, to however many gateway replicas. A receipt is PENDING while
-- its item is being published and PUBLISHED once Kafka acknowledged it.
CREATE TABLE webhook_receipt (
    receipt_key text PRIMARY KEY,
    state       text        NOT NULL CHECK (state IN ('PENDING', 'PUBLISHED')),
    received_at timestamptz NOT NULL
);

CREATE INDEX webhook_receipt_received_at ON webhook_receipt (received_at);
