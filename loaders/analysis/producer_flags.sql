-- The problem flags (article 72) touching a producer (issue 14): a flag whose cell holds one
-- of its batches, with the batches it holds. A flag's cell is what flag_cells.sql counted:
--   regional  the plan year (or 'all': the years of the pooled window), the category and the
--             sampled region — batches with a final conclusion;
--   industry  the plan year (or 'all') and the category — batches with a final conclusion;
--   item      the plan year and the category — batches finally 不合格 that list the item.
-- The pooled window's years are the periods of the persisted funnel_points (every region
-- cell of every year of the run). One producer ($producer_id) or all (NULL).
WITH mine AS (
  SELECT coalesce(producer_uscc, 'name:' || producer_name) AS producer_id,
    sample_id, plan_year, product_category, sampled_region, final_conclusion, coalesce(failed_items, []) AS failed_items
  FROM batch_results
  WHERE final_conclusion IS NOT NULL
    AND sampling_date <= $as_of::DATE
    AND ($producer_id IS NULL OR coalesce(producer_uscc, 'name:' || producer_name) = $producer_id)
),
pooled_years AS (
  SELECT DISTINCT CAST(period AS INTEGER) AS plan_year FROM funnel_points WHERE period <> 'all'
),
touching AS (
  SELECT m.producer_id, f.rule, f.period, f.product_category, f.region_code, f.item, m.sample_id
  FROM flags f
  JOIN mine m
    ON m.product_category = f.product_category
   AND (CAST(m.plan_year AS VARCHAR) = f.period
        OR (f.period = 'all' AND m.plan_year IN (SELECT plan_year FROM pooled_years)))
   AND (f.rule <> 'regional' OR m.sampled_region = f.region_code)
   AND (f.rule <> 'item' OR (m.final_conclusion = '不合格' AND list_contains(m.failed_items, f.item)))
)
SELECT
  t.producer_id,
  f.rule,
  f.period,
  f.product_category,
  f.region_code,
  f.region_name,
  f.item,
  CAST(f.inspected AS INTEGER) AS inspected,
  CAST(f.failed AS INTEGER) AS failed,
  CAST(f.rate AS DOUBLE) AS rate,
  CAST(f.q AS DOUBLE) AS q,
  f.sentence,
  list_sort(list(t.sample_id)) AS sample_ids
FROM touching t
JOIN flags f
  ON f.rule = t.rule AND f.period = t.period AND f.product_category = t.product_category
 AND f.region_code IS NOT DISTINCT FROM t.region_code AND f.item IS NOT DISTINCT FROM t.item
GROUP BY ALL
ORDER BY t.producer_id, f.period, f.rule, f.product_category, f.region_code, f.item
