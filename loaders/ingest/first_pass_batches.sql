-- First pass over a batches file: the rows that cannot be taken, with their problems (few, so
-- this stays small). The good rows then go from parsed_batch_rows (checked_batches.sql) into
-- batches (upsert_batches.sql).
-- A key repeated within the file keeps its first row; later ones are quarantined. The repeated
-- keys are found by grouping the key column (a hash aggregate on every thread) rather than by a
-- window that sorts every row by its key (issue 13: that sort was most of this pass).
CREATE OR REPLACE TEMP TABLE checked_summary AS
WITH repeated_keys AS (
  SELECT sample_id, CAST(min(rowid) + 2 AS INTEGER) AS first_row
  FROM parsed_batch_rows
  WHERE sample_id IS NOT NULL
  GROUP BY sample_id
  HAVING count(*) > 1
),
repeated_rows AS (
  SELECT CAST(p.rowid + 2 AS INTEGER) AS source_row, p.sample_id, r.first_row
  FROM parsed_batch_rows p
  JOIN repeated_keys r ON r.sample_id = p.sample_id
  WHERE p.rowid + 2 > r.first_row
)
SELECT coalesce(c.source_row, d.source_row) AS source_row, coalesce(c.sample_id, d.sample_id) AS sample_id,
  CASE WHEN d.source_row IS NULL THEN c.problems
       ELSE list_append(coalesce(c.problems, []), problem(true, 'sample_id', d.sample_id, 'duplicate_key', '样品编号在本文件中重复（首次出现于第' || d.first_row || '行）'))
  END AS problems
FROM batch_problems() c
FULL JOIN repeated_rows d ON d.source_row = c.source_row;
