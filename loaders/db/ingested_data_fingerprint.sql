-- What the derived tables are computed from: the files ingest has written and the rows
-- of the two data tables. Every data write of the one writer (an ingest) adds its row to
-- ingest_log in the same transaction, so any write changes files / last_ingest_id /
-- ingest_log_sha256; the row counts also show a write that bypassed ingest. The refresh
-- stores this row in meta ('derived_from') in the transaction that writes the derived
-- tables; derivedTablesState compares it with the current one (loaders/README.md,
-- "Derived tables follow the data").
SELECT
  CAST((SELECT count(*) FROM ingest_log) AS INTEGER) AS files,
  CAST((SELECT coalesce(max(ingest_id), 0) FROM ingest_log) AS INTEGER) AS last_ingest_id,
  (SELECT coalesce(sha256(string_agg(CAST(ingest_id AS VARCHAR) || ':' || content_sha256, ',' ORDER BY ingest_id)), '')
   FROM ingest_log) AS ingest_log_sha256,
  CAST((SELECT count(*) FROM batches) AS INTEGER) AS batches,
  CAST((SELECT count(*) FROM events) AS INTEGER) AS events;
