-- A document or image command is sent by the media id its file got when uploaded to the Graph API: kept with the
-- send, so a retry of the send (e.g. after a rate limit) does not upload the file again.
ALTER TABLE outbound_send ADD COLUMN media_id text;
