-- The explorer's cube: inspected and failed batches for every non-empty combination
-- of the dimensions analysts slice by. The browser sums cells for any choice of
-- dimensions and filters and computes rates and Wilson intervals itself, so the page
-- ships these counts, never a batch.
-- Denominator = inspected batches with a final conclusion (data-contract.md, 不合格发现率):
-- a conclusion revoked by an 异议结论 of 撤销 (article 54) has none and is left out.
SELECT
  product_category,
  sampled_region                                                    AS region_code,
  channel,
  quarter,
  level,
  kind,
  coalesce(producer_scope, '未填')                                   AS producer_scope,
  coalesce(enterprise_size, '未填')                                  AS enterprise_size,
  CAST(count(*) AS INTEGER)                                         AS inspected,
  CAST(count(*) FILTER (WHERE final_conclusion = '不合格') AS INTEGER) AS failed
FROM batch_results
WHERE final_conclusion IS NOT NULL
GROUP BY ALL
ORDER BY ALL
