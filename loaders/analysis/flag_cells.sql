-- Every cell the problem-flag tests (article 72) need, in one query on batch_results:
--   kind 'region'   (period, category, sampled region): inspected, failed — the regional funnels
--   kind 'category' (period, category): inspected, failed, and how far the failures spread:
--                   failing_regions, failing_producers (USCC when given, else name) — the industry funnel
--   kind 'item'     (plan year, category, test item): inspected = the category's failing batches
--                   in the year, failed = those that list the item; baseline_inspected and
--                   baseline_failed = the same over the two plan years before (Y−2, Y−1), the
--                   recent past the year is compared with. An item listed twice in a batch counts once.
-- The run covers the window of the three latest plan years up to $last_year (NULL: the latest
-- in the database), why (article 10): the same window as the catalogue draft. A period is one
-- plan year of the window, or 'all': the window pooled, only when $pool. Item cells are per plan
-- year only (their baseline may reach two years before the window). Final conclusions only
-- (data-contract.md).
WITH finals AS (
  SELECT
    plan_year,
    product_category,
    sampled_region,
    final_conclusion = '不合格' AS is_failed,
    CASE WHEN final_conclusion = '不合格' THEN coalesce(producer_uscc, producer_name) END AS failing_producer,
    CASE WHEN final_conclusion = '不合格' THEN list_distinct(failed_items) END AS failing_items
  FROM batch_results
  WHERE final_conclusion IS NOT NULL
    AND plan_year <= coalesce($last_year::INTEGER, plan_year)
),
-- counts per (year, category, region), with the failing batches' producers carried along
-- as a list (a few per cell), unnested below on the small result
cells AS MATERIALIZED (
  SELECT plan_year, product_category, sampled_region,
         count(*) AS inspected,
         count(*) FILTER (WHERE is_failed) AS failed,
         list(failing_producer) FILTER (WHERE is_failed) AS failing_producers
  FROM finals
  GROUP BY ALL
),
yearly AS (
  SELECT plan_year, product_category, sampled_region, inspected, failed FROM cells
),
-- the window: the three latest plan years
years AS (
  SELECT DISTINCT plan_year FROM yearly WHERE plan_year > (SELECT max(plan_year) FROM yearly) - 3
),
periods AS (
  SELECT plan_year, CAST(plan_year AS VARCHAR) AS period FROM years
  UNION ALL
  SELECT plan_year, 'all' AS period FROM years WHERE $pool::BOOLEAN
),
region_cells AS (
  SELECT p.period, y.product_category, y.sampled_region,
         sum(y.inspected) AS inspected, sum(y.failed) AS failed,
         min(y.plan_year) AS first_year, max(y.plan_year) AS last_year
  FROM yearly y JOIN periods p USING (plan_year)
  GROUP BY ALL
),
producer_spread AS (
  SELECT p.period, f.product_category, count(DISTINCT f.producer) AS failing_producers
  FROM (SELECT plan_year, product_category, unnest(failing_producers) AS producer FROM cells) f
  JOIN periods p USING (plan_year)
  GROUP BY ALL
),
category_cells AS (
  SELECT period, product_category,
         sum(inspected) AS inspected, sum(failed) AS failed,
         count(*) FILTER (WHERE failed > 0) AS failing_regions,
         min(first_year) AS first_year, max(last_year) AS last_year
  FROM region_cells
  GROUP BY ALL
),
category_year AS (
  SELECT plan_year, product_category, sum(failed) AS failing FROM yearly GROUP BY ALL
),
item_year AS (
  SELECT plan_year, product_category, item, count(*) AS failing
  FROM (SELECT plan_year, product_category, unnest(failing_items) AS item FROM finals WHERE is_failed)
  WHERE item IS NOT NULL AND item <> ''
  GROUP BY ALL
),
item_cells AS (
  SELECT i.plan_year, i.product_category, i.item, c.failing AS inspected, i.failing AS failed,
         (SELECT sum(b.failing) FROM category_year b
           WHERE b.product_category = i.product_category AND b.plan_year BETWEEN i.plan_year - 2 AND i.plan_year - 1) AS baseline_inspected,
         (SELECT sum(b.failing) FROM item_year b
           WHERE b.product_category = i.product_category AND b.item = i.item AND b.plan_year BETWEEN i.plan_year - 2 AND i.plan_year - 1) AS baseline_failed
  FROM item_year i
  JOIN category_year c USING (plan_year, product_category)
  WHERE i.plan_year IN (SELECT plan_year FROM years)
)
SELECT
  'region' AS kind, c.period, c.product_category, c.sampled_region AS region_code, r.name AS region_name,
  CAST(NULL AS VARCHAR) AS item,
  CAST(c.inspected AS INTEGER) AS inspected, CAST(c.failed AS INTEGER) AS failed,
  CAST(NULL AS INTEGER) AS failing_regions, CAST(NULL AS INTEGER) AS failing_producers,
  CAST(NULL AS INTEGER) AS baseline_inspected, CAST(NULL AS INTEGER) AS baseline_failed,
  CAST(c.first_year AS INTEGER) AS first_year, CAST(c.last_year AS INTEGER) AS last_year
FROM region_cells c
LEFT JOIN regions r ON r.code = c.sampled_region
UNION ALL
SELECT
  'category', c.period, c.product_category, NULL, NULL, NULL,
  CAST(c.inspected AS INTEGER), CAST(c.failed AS INTEGER),
  CAST(c.failing_regions AS INTEGER), CAST(coalesce(s.failing_producers, 0) AS INTEGER),
  NULL, NULL, CAST(c.first_year AS INTEGER), CAST(c.last_year AS INTEGER)
FROM category_cells c
LEFT JOIN producer_spread s USING (period, product_category)
UNION ALL
SELECT
  'item', CAST(plan_year AS VARCHAR), product_category, NULL, NULL, item,
  CAST(inspected AS INTEGER), CAST(failed AS INTEGER), NULL, NULL,
  CAST(coalesce(baseline_inspected, 0) AS INTEGER), CAST(coalesce(baseline_failed, 0) AS INTEGER),
  CAST(plan_year AS INTEGER), CAST(plan_year AS INTEGER)
FROM item_cells
ORDER BY kind, period, product_category, region_code, item
