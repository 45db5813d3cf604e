-- Lands the good rows of a batches file in batches, replacing rows with the same
-- sample_id (an export may be re-run after corrections: data-contract.md).
-- Params: $ingest_id, $file_name (the rows come from parsed_batch_rows, read once by checked_batches.sql;
-- checked_summary, first_pass_batches.sql, holds the rows that cannot be taken).
DELETE FROM batches WHERE sample_id IN (
  SELECT sample_id FROM parsed_batch_rows
  WHERE CAST(rowid + 2 AS INTEGER) NOT IN (SELECT source_row FROM checked_summary));

INSERT INTO batches BY NAME
SELECT *, $file_name AS source_file, $ingest_id AS ingest_id
FROM normalized_batches()
WHERE source_row NOT IN (SELECT source_row FROM checked_summary);
