-- Patron messages with an attachment wait here, durably, until the gateway has downloaded the attachment from
-- WhatsApp (or given up); then they are published on whatsapp.inbound with the media marked available or not.
CREATE TABLE pending_media_message (
    wamid        text PRIMARY KEY,
    message      text        NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    received_at  timestamptz NOT NULL
);

-- Downloaded attachments, served to librarians at GET /media/{id}.
CREATE TABLE media_file (
    media_id     text PRIMARY KEY,
    wamid        text        NOT NULL,
    wa_id        text        NOT NULL,
    mime_type    text,
    filename     text,
    sha256       text,
    size         bigint      NOT NULL,
    content      bytea       NOT NULL,
    stored_at    timestamptz NOT NULL
);
