-- Lands the good rows of checked_batches in batches, replacing rows with the same
-- sample_id (an export may be re-run after corrections: data-contract.md).
-- Params: $ingest_id, $file_name.
DELETE FROM batches WHERE sample_id IN (SELECT sample_id FROM checked_batches WHERE len(problems) = 0);

INSERT INTO batches BY NAME
SELECT * EXCLUDE (problems), $file_name AS source_file, $ingest_id AS ingest_id
FROM checked_batches
WHERE len(problems) = 0;
