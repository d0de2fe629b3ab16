-- Patron privacy (UU 27/2022): a receipt names the patron its webhook item is about, so that an erasure finds it
-- (receipts taken before this migration have none; they are forgotten after WebhookReceipt.KEPT anyway).
ALTER TABLE webhook_receipt ADD COLUMN wa_id text;
CREATE INDEX webhook_receipt_wa_id ON webhook_receipt (wa_id) WHERE wa_id IS NOT NULL;
CREATE INDEX media_file_wa_id ON media_file (wa_id);

-- Erasures (patron.erasure) the gateway has obeyed: a redelivered erasure does not delete what the patron sent
-- after it.
CREATE TABLE processed_erasure (
    erasure_id   uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL
);
