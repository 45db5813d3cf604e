-- published_rows: what the public sees — batches that passed gates P1–P3 (persisted table
-- disclosure_status) with the whitelisted fields (view public_fields, P4) and the final
-- conclusion; all of them, or one product category ($category, NULL = all), or one sampling
-- year ($year, 'YYYY', NULL = all: the site export reads a year at a time, so its memory holds one year).
SELECT
  f.*,
  d.conclusion,
  d.conclusion_by,
  d.approved_on,
  d.final_on
FROM disclosure_status d
JOIN public_fields f USING (sample_id)
WHERE d.published
  AND ($category IS NULL OR f.product_category = $category)
  AND ($year IS NULL OR left(f.sampling_date, 4) = $year)
ORDER BY f.sampling_date DESC, f.sample_id
