-- Flood control: a burst of messages from one patron gets one notice, not a reply to each.
ALTER TABLE conversation ADD COLUMN burst_started_at timestamptz;
ALTER TABLE conversation ADD COLUMN burst_count integer NOT NULL DEFAULT 0;
-- "STOP" / "berhenti": no message the library would start (templates, reminders) goes to this patron.
ALTER TABLE conversation ADD COLUMN opted_out boolean NOT NULL DEFAULT false;
