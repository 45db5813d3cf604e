-- published_rows_of_year: what the public sees of one sampling year ($year, 'YYYY') — the
-- batches that passed gates P1–P3 (disclosure_status) with the whitelisted fields (view
-- public_fields, P4) and the final conclusion, newest first. The export reads the published
-- rows once, a year at a time, so its memory is bounded by one year's rows.
SELECT
  f.*,
  d.conclusion,
  d.conclusion_by,
  d.approved_on,
  d.final_on
FROM disclosure_status d
JOIN public_fields f USING (sample_id)
WHERE d.published
  AND left(f.sampling_date, 4) = $year
ORDER BY f.sampling_date DESC, f.sample_id
