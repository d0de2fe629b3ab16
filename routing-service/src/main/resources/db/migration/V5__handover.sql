-- Librarians who answer handed-over conversations. The username is the staff token's upn.
CREATE TABLE librarian (
    username          text PRIMARY KEY,
    display_name      text        NOT NULL,
    status            text        NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
    capacity          integer     NOT NULL DEFAULT 5 CHECK (capacity BETWEEN 0 AND 100),
    last_assigned_at  timestamptz,
    status_changed_at timestamptz NOT NULL DEFAULT now()
);

-- One request for a librarian within a conversation, from the request to the close (and the rating after it).
CREATE TABLE handover (
    id               uuid PRIMARY KEY,
    conversation_id  uuid        NOT NULL REFERENCES conversation (id),
    wa_id            text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('queued', 'assigned', 'closed')),
    reason           text        NOT NULL,
    requested_at     timestamptz NOT NULL,
    out_of_hours     boolean     NOT NULL DEFAULT false,
    librarian        text REFERENCES librarian (username),
    assigned_at      timestamptz,
    assignments      integer     NOT NULL DEFAULT 0,
    queued_times     integer     NOT NULL DEFAULT 0,
    first_reply_at   timestamptz,
    last_activity_at timestamptz NOT NULL,
    queue_notice_at  timestamptz,
    closed_at        timestamptz,
    closed_by        text,
    close_reason     text,
    rating           integer CHECK (rating BETWEEN 1 AND 5),
    rated_at         timestamptz
);

CREATE INDEX handover_open ON handover (status, requested_at) WHERE status <> 'closed';
CREATE INDEX handover_librarian ON handover (librarian) WHERE status = 'assigned';
CREATE UNIQUE INDEX handover_one_open_per_conversation ON handover (conversation_id) WHERE status <> 'closed';

ALTER TABLE conversation ADD COLUMN active_handover_id uuid;
-- After a close the bot asks for a rating: the handover that rating belongs to.
ALTER TABLE conversation ADD COLUMN rating_handover_id uuid;
-- The bot's last answer and how often the patron rejected it; the "not understood" list was shown.
ALTER TABLE conversation ADD COLUMN last_answer_intent text;
ALTER TABLE conversation ADD COLUMN rejections integer NOT NULL DEFAULT 0;
ALTER TABLE conversation ADD COLUMN fallback_shown boolean NOT NULL DEFAULT false;

-- Everything said in a conversation: patron messages, bot and catalogue answers, librarian replies and
-- internal notes, with the delivery status of each message sent to the patron.
CREATE TABLE transcript_entry (
    id              uuid PRIMARY KEY,
    conversation_id uuid        NOT NULL,
    wa_id           text        NOT NULL,
    handover_id     uuid,
    at              timestamptz NOT NULL,
    author          text        NOT NULL CHECK (author IN ('patron', 'routing', 'catalog', 'librarian', 'note')),
    librarian       text,
    kind            text        NOT NULL,
    body            text,
    media_id        text,
    wamid           text,
    delivery        text CHECK (delivery IN ('accepted', 'sent', 'delivered', 'read', 'failed')),
    error_code      integer,
    error_title     text
);

CREATE INDEX transcript_conversation ON transcript_entry (conversation_id, at);
CREATE INDEX transcript_wamid ON transcript_entry (wamid) WHERE wamid IS NOT NULL;

-- Delivery statuses that arrived before the send result told us which message they belong to.
CREATE TABLE early_delivery_status (
    wamid       text PRIMARY KEY,
    status      text        NOT NULL,
    error_code  integer,
    error_title text,
    at          timestamptz NOT NULL
);

-- When librarians answer: a weekly schedule in Asia/Jakarta (several periods a day for breaks) and closed dates.
-- Times are minutes after midnight, so that a period can end at 24:00.
CREATE TABLE service_period (
    id       bigserial PRIMARY KEY,
    weekday  integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens    integer NOT NULL CHECK (opens BETWEEN 0 AND 1439),
    closes   integer NOT NULL CHECK (closes BETWEEN 1 AND 1440),
    CHECK (opens < closes)
);

CREATE TABLE closed_date (
    day    date PRIMARY KEY,
    reason text NOT NULL
);

-- The default a library adjusts: Mon-Thu 08.00-16.00, Fri 08.00-11.30 and 13.00-16.30, Sat 08.00-12.00 WIB
-- (the same hours as the opening_hours answer of the knowledge base).
INSERT INTO service_period (weekday, opens, closes) VALUES
    (1, 480, 960), (2, 480, 960), (3, 480, 960), (4, 480, 960),
    (5, 480, 690), (5, 780, 990),
    (6, 480, 720);
