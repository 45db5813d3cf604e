-- public_fields: the descriptive fields of every batch that may appear in a published row,
-- with region codes turned into the names the public reads (article 5's 41 units; a
-- producer outside Chongqing shows its province). Selects nothing outside the P4 whitelist
-- (loaders/disclosure/whitelist.ts); the gate columns come from disclosure_status.
SELECT
  b.sample_id,
  b.quarter,
  CAST(b.sampling_date AS VARCHAR)                   AS sampling_date,
  b.level,
  b.organizer,
  b.product_category,
  b.product_name,
  b.brand,
  b.model,
  b.batch_no,
  b.producer_name,
  b.producer_address,
  CASE
    WHEN b.producer_region IS NULL THEN NULL
    WHEN starts_with(b.producer_region, '市外:') THEN '市外（' || substr(b.producer_region, 4) || '）'
    ELSE coalesce(pr.name, b.producer_region)
  END                                                AS producer_region,
  b.sampled_name,
  coalesce(sr.name, b.sampled_region)                AS sampled_region,
  b.channel,
  b.platform,
  b.inspection_agency,
  coalesce(b.failed_items, [])                       AS failed_items
FROM batch_results b
LEFT JOIN regions pr ON pr.code = b.producer_region
LEFT JOIN regions sr ON sr.code = b.sampled_region
ORDER BY b.sample_id
