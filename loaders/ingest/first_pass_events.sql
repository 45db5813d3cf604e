-- First pass over an events file: events are narrow, so every checked row is kept, with whether
-- its batch is known (the good ones go to events, the others wait in pending_events); the rows
-- that cannot be taken, with their problems, go to checked_summary (as for batches).
CREATE OR REPLACE TEMP TABLE checked_event_rows AS
SELECT c.*, EXISTS (SELECT 1 FROM batches b WHERE b.sample_id = c.sample_id) AS batch_known
FROM checked_events() c;

-- the file as read is no longer needed: its memory goes to the next steps (issue 13: peak memory)
DROP TABLE staged_event_rows;

CREATE OR REPLACE TEMP TABLE checked_summary AS
SELECT source_row, sample_id, problems FROM checked_event_rows WHERE len(problems) > 0;

-- The rows to land (upsert_events.sql): a view, not a third copy of the file (peak memory).
CREATE OR REPLACE TEMP VIEW good_events AS
SELECT * EXCLUDE (problems) FROM checked_event_rows WHERE len(problems) = 0;
