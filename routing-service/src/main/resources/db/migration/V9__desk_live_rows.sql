-- The desk's live feed tells apart what changed, so that an open inbox is not rebuilt for every line
-- (V6 announced every change of a table the same way). Payload: kind ':' conversation id, where kind is
--   h  the inbox's lists changed: a handover asked for, claimed, transferred or closed (the pages reload the lists)
--   r  one conversation's inbox row changed: a patron's or a librarian's line (the row itself is sent to the pages)
--   c  only the conversation's own page changed: a delivery status, the bot's lines, a note, the intent the bot saw,
--      the handover's bookkeeping (last activity, queue reminder)
--   l  a librarian's status, name or capacity (payload 'l:')
-- An update that changes nothing is not announced at all.
CREATE OR REPLACE FUNCTION desk_notify() RETURNS trigger AS $$
DECLARE
    kind text;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'librarian' THEN
        PERFORM pg_notify('tanya_desk', 'l:');
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'handover' THEN
        kind := CASE WHEN TG_OP = 'INSERT'
                       OR (OLD.status, OLD.librarian, OLD.reason, OLD.out_of_hours, OLD.requested_at, OLD.conversation_id)
                          IS DISTINCT FROM
                          (NEW.status, NEW.librarian, NEW.reason, NEW.out_of_hours, NEW.requested_at, NEW.conversation_id)
                     THEN 'h' ELSE 'c' END;
    ELSE
        kind := CASE WHEN NEW.author IN ('patron', 'librarian')
                      AND (TG_OP = 'INSERT'
                           OR (OLD.author, OLD.body, OLD.kind, OLD.at, OLD.conversation_id)
                              IS DISTINCT FROM (NEW.author, NEW.body, NEW.kind, NEW.at, NEW.conversation_id))
                     THEN 'r' ELSE 'c' END;
    END IF;
    PERFORM pg_notify('tanya_desk', kind || ':' || NEW.conversation_id::text);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- A librarian's unread count in one conversation: the patron's lines since the request that the librarian has not
-- seen (desk_seen) and that no librarian has answered yet. One short range of the V8 index per call; the inbox,
-- the pushed rows and the header's counts all count with it.
CREATE FUNCTION desk_unread(conversation uuid, since timestamptz, seen timestamptz) RETURNS bigint AS $$
    SELECT count(*) FROM transcript_entry t
    WHERE t.conversation_id = conversation AND t.author = 'patron' AND t.at >= since
      AND t.at > coalesce(seen, '-infinity'::timestamptz)
      AND t.at > coalesce((SELECT max(l.at) FROM transcript_entry l
                           WHERE l.conversation_id = conversation AND l.author = 'librarian'),
                          '-infinity'::timestamptz)
$$ LANGUAGE sql STABLE;
