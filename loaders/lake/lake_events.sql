-- Every step of a batch's life after sampling, partitioned by the year of the step
-- (event_year=2025/), the free extra columns left out as for batches.
SELECT sample_id, event, date, result, agency, note, ingest_id, CAST(year(date) AS INTEGER) AS event_year
FROM events
ORDER BY event_year, sample_id, date, event
