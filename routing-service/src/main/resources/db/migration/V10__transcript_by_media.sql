-- The desk's media proxy asks which conversations name a file before it shows it to a librarian (ReadAccess):
-- by index, not by reading every transcript line.
CREATE INDEX transcript_media ON transcript_entry (media_id) WHERE media_id IS NOT NULL;
