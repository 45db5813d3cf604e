-- Quarantined rows by file, column and reason (what to fix in the next export).
SELECT
  file_name, file_kind, column_name, reason_code, any_value(reason) AS reason,
  CAST(count(*) AS INTEGER) AS cells,
  CAST(count(DISTINCT row_number) AS INTEGER) AS rows,
  list(row_number ORDER BY row_number)[1:5] AS example_rows
FROM rejected_rows
GROUP BY file_name, file_kind, column_name, reason_code
ORDER BY cells DESC, file_name, column_name;
