-- First pass over an events file: events are narrow, so every checked row is kept; the rows
-- that cannot be taken, with their problems, go to checked_summary (as for batches).
CREATE OR REPLACE TEMP TABLE checked_event_rows AS
SELECT * FROM checked_events();

-- the file as read is no longer needed: its memory goes to the next steps (issue 13: peak memory)
DROP TABLE staged_event_rows;

CREATE OR REPLACE TEMP TABLE checked_summary AS
SELECT source_row, sample_id, problems FROM checked_event_rows WHERE len(problems) > 0;
