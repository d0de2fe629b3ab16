-- Facts and rollups behind the dashboards. Patrons and WhatsApp message ids appear only as keyed hashes
-- (the first 8 bytes of an HMAC-SHA256, as a bigint); no phone number, name or message text is stored, except
-- the normalised terms of catalogue searches (collection development needs them).

-- Every event counted, by its deterministic id: a redelivered event changes nothing.
CREATE TABLE processed_event (
    event_id uuid PRIMARY KEY
);

-- Additive figures, counted once per event at ingest into the hour the event happened (not when it arrived).
-- Asia/Jakarta is UTC+7 all year, so a UTC hour is a Jakarta hour and days, weeks and months are unions of hours.
--   message_in          patron messages                      dimension ''
--   message_out         messages WhatsApp accepted (wamid)   dimension ''
--   message_out_origin  the same, by who sent them           dimension routing | catalog | librarian
--   intent              classified patron messages           dimension the intent
--   delivery            library messages by current status, in the hour of their first status
--                                                            dimension sent | delivered | read | failed
--   failure             send errors and failed statuses      dimension send:<code> | status:<code>
CREATE TABLE hourly_count (
    metric    text        NOT NULL,
    hour      timestamptz NOT NULL,
    dimension text        NOT NULL DEFAULT '',
    n         bigint      NOT NULL,
    PRIMARY KEY (metric, hour, dimension)
);

-- The same counts per Jakarta day: a year of a figure is then 365 rows per dimension, not 8,760.
CREATE TABLE daily_count (
    metric    text   NOT NULL,
    day       date   NOT NULL,
    dimension text   NOT NULL DEFAULT '',
    n         bigint NOT NULL,
    PRIMARY KEY (metric, day, dimension)
);

-- Patrons: first message ever (new vs returning), and on which Jakarta days, weeks, months and years they wrote
-- (unique patrons without scanning every message). period_kind: d = day, w = ISO week (its Monday), m = month,
-- y = year; period = the first day. patron_count holds the number of rows of each period, kept at ingest.
CREATE TABLE patron (
    patron_key bigint PRIMARY KEY,
    first_seen timestamptz NOT NULL
);
CREATE INDEX patron_first_seen ON patron (first_seen);

CREATE TABLE patron_period (
    period_kind char(1) NOT NULL,
    period      date    NOT NULL,
    patron_key  bigint  NOT NULL,
    PRIMARY KEY (period_kind, period, patron_key)
);

CREATE TABLE patron_count (
    period_kind char(1) NOT NULL,
    period      date    NOT NULL,
    patrons     bigint  NOT NULL,
    PRIMARY KEY (period_kind, period)
);

-- One row per handover, merged from its events whatever order they arrive in.
CREATE TABLE handover (
    handover_id       uuid PRIMARY KEY,
    requested_at      timestamptz,
    request_reason    text,
    out_of_hours      boolean NOT NULL DEFAULT false,
    queued            boolean NOT NULL DEFAULT false,
    first_assigned_at timestamptz,
    last_assigned_at  timestamptz,
    last_assigned_to  text,
    first_replied_at  timestamptz,
    closed_at         timestamptz,
    closed_by         text,
    close_reason      text,
    rating            smallint,
    rated_at          timestamptz
);
CREATE INDEX handover_requested_at ON handover (requested_at);
CREATE INDEX handover_closed_at ON handover (closed_at);

-- Catalogue searches: normalised terms, hits and time taken, no patron.
CREATE TABLE search_fact (
    event_id    uuid PRIMARY KEY,
    searched_at timestamptz NOT NULL,
    terms       text        NOT NULL,
    hits        integer     NOT NULL,
    took_ms     integer     NOT NULL
);
CREATE INDEX search_fact_searched_at ON search_fact (searched_at) INCLUDE (hits, took_ms);

-- Hits and time taken per Jakarta day and value (h = hits, t = milliseconds): exact medians of long ranges from a
-- few thousand rows instead of every search.
CREATE TABLE search_value_daily (
    day     date    NOT NULL,
    measure char(1) NOT NULL,
    value   integer NOT NULL,
    n       bigint  NOT NULL,
    PRIMARY KEY (day, measure, value)
);

-- Searches per normalised terms, per day and per month (month = its first day).
CREATE TABLE search_terms_monthly (
    month          date   NOT NULL,
    terms          text   NOT NULL,
    searches       bigint NOT NULL,
    without_result bigint NOT NULL,
    PRIMARY KEY (month, terms)
);

CREATE TABLE search_terms_daily (
    day            date   NOT NULL,
    terms          text   NOT NULL,
    searches       bigint NOT NULL,
    without_result bigint NOT NULL,
    PRIMARY KEY (day, terms)
);

-- Each library message's delivery: its first status time and its status, which never goes backwards
-- (1 sent < 2 delivered < 3 read; 4 failed is final).
CREATE TABLE delivery (
    message_key bigint PRIMARY KEY,
    first_at    timestamptz NOT NULL,
    state       smallint    NOT NULL
);

-- Outbound commands joined with their send result, to count messages out by origin once both are known.
CREATE TABLE outbound_message (
    command_id uuid PRIMARY KEY,
    origin     text,
    sent_at    timestamptz,
    counted    boolean NOT NULL DEFAULT false
);
