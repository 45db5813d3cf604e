-- 不合格发现率 (non-conformity rate) with a Wilson score interval, grouped by any
-- combination of the whitelisted dimensions (rates.ts: RATE_DIMENSIONS).
-- One fixed query: $by_<dimension> switches a dimension on; a switched-off dimension
-- is a constant NULL and does not split the groups, so no identifier is ever spliced.
-- Rate on final conclusions (data-contract.md, "Derived terms"): the 复检结论 when there
-- is one (article 58), a revoked (撤销, article 54) conclusion is left out.
WITH scoped AS (
  SELECT
    CASE WHEN $by_product_category THEN product_category END AS product_category,
    CASE WHEN $by_sampled_region   THEN sampled_region   END AS sampled_region,
    CASE WHEN $by_channel          THEN channel          END AS channel,
    CASE WHEN $by_plan_year        THEN plan_year        END AS plan_year,
    CASE WHEN $by_quarter          THEN quarter          END AS quarter,
    CASE WHEN $by_level            THEN level            END AS level,
    CASE WHEN $by_kind             THEN kind             END AS kind,
    CASE WHEN $by_enterprise_size  THEN enterprise_size  END AS enterprise_size,
    -- producer_region as a dimension is inside / outside the city (市内 / 市外)
    CASE WHEN $by_producer_region  THEN producer_scope   END AS producer_region,
    final_conclusion = '不合格' AS is_failed
  FROM batch_results
  WHERE final_conclusion IS NOT NULL
    -- --year is the plan year (计划年度); --quarter the sampling quarter ('2025Q3')
    AND ($year::INTEGER IS NULL OR plan_year = $year::INTEGER)
    AND ($quarter::VARCHAR IS NULL OR quarter = $quarter::VARCHAR)
    AND ($filter_product_category::VARCHAR IS NULL OR product_category = $filter_product_category::VARCHAR)
    AND ($filter_sampled_region::VARCHAR IS NULL OR sampled_region = $filter_sampled_region::VARCHAR)
    AND ($filter_channel::VARCHAR IS NULL OR channel = $filter_channel::VARCHAR)
    AND ($filter_plan_year::VARCHAR IS NULL OR CAST(plan_year AS VARCHAR) = $filter_plan_year::VARCHAR)
    AND ($filter_quarter::VARCHAR IS NULL OR quarter = $filter_quarter::VARCHAR)
    AND ($filter_level::VARCHAR IS NULL OR level = $filter_level::VARCHAR)
    AND ($filter_kind::VARCHAR IS NULL OR kind = $filter_kind::VARCHAR)
    AND ($filter_enterprise_size::VARCHAR IS NULL OR enterprise_size = $filter_enterprise_size::VARCHAR)
    AND ($filter_producer_region::VARCHAR IS NULL OR producer_scope = $filter_producer_region::VARCHAR)
),
counted AS (
  SELECT
    product_category, sampled_region, channel, plan_year, quarter, level, kind, enterprise_size, producer_region,
    count(*) AS inspected,
    count(*) FILTER (WHERE is_failed) AS failed
  FROM scoped
  GROUP BY ALL
),
with_rate AS (
  SELECT *, failed / inspected AS p, 1 + $z * $z / inspected AS d FROM counted
)
SELECT
  w.product_category,
  w.sampled_region,
  r.name AS sampled_region_name,
  w.channel,
  CAST(w.plan_year AS INTEGER) AS plan_year,
  w.quarter,
  w.level,
  w.kind,
  w.enterprise_size,
  w.producer_region,
  CAST(w.inspected AS INTEGER) AS inspected,
  CAST(w.failed AS INTEGER) AS failed,
  CAST(w.p AS DOUBLE) AS rate,
  -- Wilson score interval (statistics-oracles.md); $z = 1.959964 for 95%. With no failures the
  -- lower limit is exactly 0, with all failing the upper exactly 1 (centre = half-width there);
  -- computed, they come out as 5.6e-17 and 1 − 1.1e-16, so those ends are set.
  CAST(CASE WHEN w.failed = 0 THEN 0 ELSE greatest(0, (w.p + $z * $z / (2 * w.inspected)) / w.d
       - $z / w.d * sqrt(w.p * (1 - w.p) / w.inspected + $z * $z / (4 * w.inspected * w.inspected))) END AS DOUBLE) AS ci_low,
  CAST(CASE WHEN w.failed = w.inspected THEN 1 ELSE least(1, (w.p + $z * $z / (2 * w.inspected)) / w.d
       + $z / w.d * sqrt(w.p * (1 - w.p) / w.inspected + $z * $z / (4 * w.inspected * w.inspected))) END AS DOUBLE) AS ci_high
FROM with_rate w
LEFT JOIN regions r ON r.code = w.sampled_region
ORDER BY w.product_category, w.sampled_region, w.channel, w.plan_year, w.quarter, w.level, w.kind,
         w.enterprise_size, w.producer_region
