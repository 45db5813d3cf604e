-- published_years: the sampling years with published results (gates P1–P3, table
-- disclosure_status; view public_fields), newest first — one results shard and one pair of
-- downloads each.
SELECT DISTINCT left(f.sampling_date, 4) AS year
FROM disclosure_status d
JOIN public_fields f USING (sample_id)
WHERE d.published
ORDER BY year DESC
