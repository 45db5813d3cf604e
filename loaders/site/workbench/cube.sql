-- The explorer's cubes: inspected and failed batches for every non-empty combination of
-- the dimensions analysts slice by. The browser sums cells for any choice of dimensions
-- and filters and computes rates and Wilson intervals itself, so the page ships counts,
-- never a batch.
-- One cube over all eight dimensions would have about as many cells as batches at the
-- scale of a full year (a million), so there are three overlapping cubes, each small:
--   category_region  category × region × quarter × channel (the heat map and tile grid)
--   category_detail  category × quarter × channel × level × kind × producer scope × size
--   region_detail    region × quarter × channel × level × kind × producer scope × size
-- The page uses the smallest cube that holds every dimension it groups or filters by.
-- Denominator = inspected batches with a final conclusion (data-contract.md, 不合格发现率):
-- a conclusion revoked by an 异议结论 of 撤销 (article 54) has none and is left out.
WITH finals AS MATERIALIZED (
  SELECT
    product_category,
    sampled_region                    AS region_code,
    channel,
    quarter,
    level,
    kind,
    coalesce(producer_scope, '未填')  AS producer_scope,
    coalesce(enterprise_size, '未填') AS enterprise_size,
    final_conclusion = '不合格'        AS is_failed
  FROM batch_results
  WHERE final_conclusion IS NOT NULL
)
SELECT
  CASE
    WHEN grouping(level) = 1 THEN 'category_region'
    WHEN grouping(region_code) = 1 THEN 'category_detail'
    ELSE 'region_detail'
  END                                                      AS cube,
  product_category, region_code, channel, quarter, level, kind, producer_scope, enterprise_size,
  CAST(count(*) AS INTEGER)                                AS inspected,
  CAST(count(*) FILTER (WHERE is_failed) AS INTEGER)       AS failed
FROM finals
GROUP BY GROUPING SETS (
  (product_category, region_code, quarter, channel),
  (product_category, quarter, channel, level, kind, producer_scope, enterprise_size),
  (region_code, quarter, channel, level, kind, producer_scope, enterprise_size)
)
