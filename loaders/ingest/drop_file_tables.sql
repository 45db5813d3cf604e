-- The temporary tables of one file (checked_<kind>.sql, first_pass_<kind>.sql, upsert_<kind>.sql),
-- dropped once the file is done: a batches file's parsed rows are most of the memory limit, and
-- the next file would otherwise be read while they are still held (issue 13: peak memory).
DROP TABLE IF EXISTS parsed_batch_rows;
DROP TABLE IF EXISTS invalid_usccs;
DROP TABLE IF EXISTS staged_event_rows;
DROP VIEW IF EXISTS good_events;
DROP TABLE IF EXISTS checked_event_rows;
DROP TABLE IF EXISTS checked_summary;
DROP TABLE IF EXISTS released_events;
