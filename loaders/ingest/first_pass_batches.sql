-- First pass over a batches file: each row's key and problems (narrow, so it stays small).
-- The good rows then go from parsed_batch_rows (checked_batches.sql) into batches (upsert_batches.sql).
-- A key repeated within the file keeps its first row; later ones are quarantined. The repeated
-- keys are found by grouping the two narrow columns (a hash aggregate on every thread) rather
-- than by a window that sorts every row by its key (issue 13: that sort was most of this pass).
CREATE OR REPLACE TEMP TABLE checked_summary AS
WITH repeated_keys AS (
  SELECT sample_id, min(source_row) AS first_row
  FROM numbered_batch_rows()
  WHERE sample_id IS NOT NULL
  GROUP BY sample_id
  HAVING count(*) > 1
)
SELECT c.source_row, c.sample_id,
  CASE WHEN c.source_row > r.first_row
       THEN list_append(c.problems, problem(true, 'sample_id', c.sample_id, 'duplicate_key', '样品编号在本文件中重复（首次出现于第' || r.first_row || '行）'))
       ELSE c.problems END AS problems
FROM checked_batches() c
LEFT JOIN repeated_keys r ON r.sample_id = c.sample_id;
