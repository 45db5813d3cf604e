-- Lands the good rows of checked_event_rows (first_pass_events.sql): events of known batches in events, the
-- others in pending_events until their batch arrives. Key: (sample_id, event, date).
-- Params: $ingest_id, $file_name.
CREATE OR REPLACE TEMP TABLE good_events AS
SELECT c.* EXCLUDE (problems), $file_name AS source_file, $ingest_id AS ingest_id,
       EXISTS (SELECT 1 FROM batches b WHERE b.sample_id = c.sample_id) AS batch_known
FROM checked_event_rows c
WHERE len(c.problems) = 0;

-- every row the steps below need is in good_events (issue 13: peak memory)
DROP TABLE checked_event_rows;

DELETE FROM events e USING good_events g
WHERE e.sample_id = g.sample_id AND e.event = g.event AND e.date = g.date;

DELETE FROM pending_events p USING good_events g
WHERE p.sample_id = g.sample_id AND p.event = g.event AND p.date = g.date;

INSERT INTO events BY NAME SELECT * EXCLUDE (batch_known) FROM good_events WHERE batch_known;

INSERT INTO pending_events BY NAME SELECT * EXCLUDE (batch_known) FROM good_events WHERE NOT batch_known;
