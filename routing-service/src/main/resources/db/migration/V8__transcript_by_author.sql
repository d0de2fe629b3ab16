-- The desk's inbox asks, per open conversation, for the librarian's latest line and the patron's lines after a
-- moment: with the author in the index both are short index range scans instead of reads of the whole history.
CREATE INDEX transcript_conversation_author ON transcript_entry (conversation_id, author, at);
