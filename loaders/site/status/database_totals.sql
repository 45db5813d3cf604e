-- Headline counts of what the database holds.
SELECT
  (SELECT CAST(count(*) AS INTEGER) FROM batches)         AS batches,
  (SELECT CAST(count(*) AS INTEGER) FROM events)          AS events,
  (SELECT CAST(count(*) AS INTEGER) FROM pending_events)  AS pending_events,
  (SELECT CAST(count(DISTINCT (ingest_id, row_number)) AS INTEGER) FROM rejected_rows) AS rejected_rows,
  (SELECT CAST(count(*) AS INTEGER) FROM ingest_log)      AS ingested_files,
  (SELECT CAST(min(sampling_date) AS VARCHAR) FROM batches) AS first_sampling_date,
  (SELECT CAST(max(sampling_date) AS VARCHAR) FROM batches) AS last_sampling_date,
  (SELECT value FROM meta WHERE key = 'as_of')            AS as_of;
