-- The last ingested files, newest first.
SELECT
  ingest_id, file_name, file_kind, encoding, rows_read, rows_loaded, rows_rejected, rows_pending,
  events_released, extra_columns, strftime(ingested_at, '%Y-%m-%d %H:%M') AS ingested_at,
  left(content_sha256, 12) AS sha256_prefix
FROM ingest_log
ORDER BY ingest_id DESC
LIMIT $limit;
