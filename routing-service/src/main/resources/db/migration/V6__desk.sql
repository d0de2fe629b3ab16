-- The librarians' desk pages.

-- The intent the bot saw for a patron message (set when the message is classified).
ALTER TABLE transcript_entry ADD COLUMN intent text;

-- Until when a librarian has seen a conversation: patron messages after it are unread for them.
CREATE TABLE desk_seen (
    conversation_id uuid        NOT NULL,
    username        text        NOT NULL,
    seen_at         timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, username)
);

-- The patron message last marked read on WhatsApp (blue ticks), so each message is marked once.
CREATE TABLE desk_read_receipt (
    conversation_id uuid PRIMARY KEY,
    message_id      uuid        NOT NULL,
    at              timestamptz NOT NULL
);

-- Live desk: every committed change of a handover, a transcript line or a librarian is announced on the
-- channel tanya_desk (NOTIFY is delivered at commit, to every routing replica listening on the same database;
-- identical payloads within one transaction are sent once). Payload: kind ':' conversation id.
CREATE FUNCTION desk_notify() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'librarian' THEN
        PERFORM pg_notify('tanya_desk', 'l:');
    ELSE
        PERFORM pg_notify('tanya_desk', TG_ARGV[0] || ':' || NEW.conversation_id::text);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER handover_desk_notify AFTER INSERT OR UPDATE ON handover
    FOR EACH ROW EXECUTE FUNCTION desk_notify('h');
CREATE TRIGGER transcript_desk_notify AFTER INSERT OR UPDATE ON transcript_entry
    FOR EACH ROW EXECUTE FUNCTION desk_notify('t');
CREATE TRIGGER librarian_desk_notify AFTER INSERT OR UPDATE ON librarian
    FOR EACH ROW EXECUTE FUNCTION desk_notify('l');
