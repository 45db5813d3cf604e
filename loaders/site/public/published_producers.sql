-- The published results by producer (issue 14, /public/producer/<key>): every batch that
-- passed every publication gate (disclosure_status.published: P1 approval, article 62; P2 a
-- result row; P3 a conclusion in force, articles 52, 54, 58) with the whitelisted fields the
-- producer page shows (view public_fields, P4), and the producer it belongs to. The producer
-- is its USCC when the batch has one, else its name — the identity of the workbench and the
-- repeat-offender list; producer_id is only grouped and hashed into the page's address
-- (paths.ts producerPagePath), never shown: a USCC is not a published field.
-- One sampling year ($year, 'YYYY'): the export reads a year at a time.
SELECT
  coalesce(b.producer_uscc, 'name:' || b.producer_name) AS producer_id,
  f.sample_id,
  f.sampling_date,
  f.quarter,
  f.product_category,
  f.product_name,
  f.brand,
  f.model,
  f.producer_name,
  f.producer_region,
  d.conclusion,
  d.conclusion_by,
  -- failing items only with a 不合格 conclusion (as toPublishedRow: a 复检 that found the product conforming leaves none)
  CASE WHEN d.conclusion = '不合格' THEN f.failed_items ELSE [] END AS failed_items
FROM disclosure_status d
JOIN public_fields f USING (sample_id)
JOIN batches b USING (sample_id)
WHERE d.published
  AND left(f.sampling_date, 4) = $year
ORDER BY f.sampling_date DESC, f.sample_id
