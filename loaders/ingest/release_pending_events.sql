-- Events that waited for their batch are taken in once a later ingest brings it.
CREATE OR REPLACE TEMP TABLE released_events AS
SELECT p.* FROM pending_events p WHERE EXISTS (SELECT 1 FROM batches b WHERE b.sample_id = p.sample_id);

DELETE FROM events e USING released_events r
WHERE e.sample_id = r.sample_id AND e.event = r.event AND e.date = r.date;

INSERT INTO events BY NAME SELECT * FROM released_events;

DELETE FROM pending_events p USING released_events r
WHERE p.sample_id = r.sample_id AND p.event = r.event AND p.date = r.date;
