-- What every handover figure reads, computed once when a handover's row changes instead of on every request: its
-- Jakarta request and closing days (the buckets, without a time-zone conversion per row and request), who handled it
-- (who closed it, or, while open or closed by the idle timeout, who it was last assigned to), and its three
-- durations in seconds (null while unknown, or when the events disagree about the order).
ALTER TABLE handover
    ADD COLUMN requested_day date GENERATED ALWAYS AS (CAST(requested_at AT TIME ZONE 'Asia/Jakarta' AS date)) STORED,
    ADD COLUMN closed_day date GENERATED ALWAYS AS (CAST(closed_at AT TIME ZONE 'Asia/Jakarta' AS date)) STORED,
    ADD COLUMN handled_by text GENERATED ALWAYS AS (COALESCE(closed_by, last_assigned_to)) STORED,
    ADD COLUMN wait_seconds float8 GENERATED ALWAYS AS (
        CASE WHEN first_assigned_at >= requested_at THEN date_part('epoch', first_assigned_at - requested_at) END) STORED,
    ADD COLUMN first_response_seconds float8 GENERATED ALWAYS AS (
        CASE WHEN first_replied_at >= requested_at THEN date_part('epoch', first_replied_at - requested_at) END) STORED,
    ADD COLUMN resolution_seconds float8 GENERATED ALWAYS AS (
        CASE WHEN closed_at >= requested_at THEN date_part('epoch', closed_at - requested_at) END) STORED;

DROP INDEX handover_requested_at;
DROP INDEX handover_closed_at;
CREATE INDEX handover_requested_day ON handover (requested_day);
CREATE INDEX handover_closed_day ON handover (closed_day);
