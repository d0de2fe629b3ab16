-- The send log becomes the send queue: a command is stored (QUEUED) before its Kafka offset is committed, then
-- claimed (SENDING) by exactly one sender before the Graph API is called, so it is sent at most once.
ALTER TABLE outbound_send DROP CONSTRAINT outbound_send_state_check;
ALTER TABLE outbound_send ADD CONSTRAINT outbound_send_state_check
    CHECK (state IN ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN'));
ALTER TABLE outbound_send ADD COLUMN seq bigserial;
ALTER TABLE outbound_send ADD COLUMN command text;
ALTER TABLE outbound_send ADD COLUMN next_attempt_at timestamptz;
ALTER TABLE outbound_send ADD COLUMN attempt_started_at timestamptz;
ALTER TABLE outbound_send ADD COLUMN retryable boolean;

CREATE INDEX outbound_send_pending ON outbound_send (state, seq) WHERE state IN ('QUEUED', 'SENDING');
