-- Lands the good rows of an events file (good_events, first_pass_events.sql): events of known batches in events, the
-- others in pending_events until their batch arrives. Key: (sample_id, event, date).
-- Params: $ingest_id, $file_name.
DELETE FROM events e USING good_events g
WHERE e.sample_id = g.sample_id AND e.event = g.event AND e.date = g.date;

DELETE FROM pending_events p USING good_events g
WHERE p.sample_id = g.sample_id AND p.event = g.event AND p.date = g.date;

INSERT INTO events BY NAME
SELECT * EXCLUDE (batch_known), $file_name AS source_file, $ingest_id AS ingest_id FROM good_events WHERE batch_known;

INSERT INTO pending_events BY NAME
SELECT * EXCLUDE (batch_known), $file_name AS source_file, $ingest_id AS ingest_id FROM good_events WHERE NOT batch_known;
