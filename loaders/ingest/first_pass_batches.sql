-- First pass over a batches file: each row's key and problems (narrow, so it stays small).
-- The good rows then go from parsed_batch_rows (checked_batches.sql) into batches (upsert_batches.sql).
-- A key repeated within the file keeps its first row; later ones are quarantined. This is
-- found here, on three columns, rather than by a window over the wide rows.
CREATE OR REPLACE TEMP TABLE checked_summary AS
WITH numbered AS (
  SELECT source_row, sample_id, problems,
    row_number() OVER (PARTITION BY sample_id ORDER BY source_row) AS occurrence,
    min(source_row) OVER (PARTITION BY sample_id) AS first_row
  FROM checked_batches()
)
SELECT source_row, sample_id,
  CASE WHEN sample_id IS NOT NULL AND occurrence > 1
       THEN list_append(problems, problem(true, 'sample_id', sample_id, 'duplicate_key', '样品编号在本文件中重复（首次出现于第' || first_row || '行）'))
       ELSE problems END AS problems
FROM numbered;
