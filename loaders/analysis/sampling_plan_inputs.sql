-- Inputs of next year's sampling plan (article 11: 年度市级监督抽查计划), one row per product
-- category and channel (生产 / 流通 / 电商, article 15), every category of the window with all
-- three channels (zeros where a channel was not sampled):
--   base_batches       sampled batches (抽样结果 已抽样) of the base plan year $base_year — "this
--                      year", what the plan is compared with and the historical share
--   window_inspected   batches with a final conclusion in the window [$first_year, $base_year],
--   window_failed      and those whose final conclusion is 不合格 — the channel's own record
--   producers          distinct producers (标称生产者: USCC when given, else name) sampled in the
--                      category in the window, all channels — its market exposure (the same on
--                      the category's three rows)
-- why (article 10): the window is the catalogue's — the three plan years before the year planned
-- (the plan follows the catalogue, article 11), so $first_year = $base_year − 2.
WITH sampled AS (
  SELECT product_category, channel, plan_year, final_conclusion,
         coalesce(producer_uscc, producer_name) AS producer
  FROM batch_results
  -- why (articles 24, 27, 28): 终止抽样 / 拒检 / 无法抽样 are not batches of product
  WHERE outcome = '已抽样'
    AND plan_year BETWEEN $first_year::INTEGER AND $base_year::INTEGER
),
categories AS (
  SELECT product_category, count(DISTINCT producer) AS producers
  FROM sampled
  GROUP BY product_category
),
-- why (article 15): the three channels the plan must weigh, always all three
channels AS (
  SELECT * FROM (VALUES ('生产', 1), ('流通', 2), ('电商', 3)) AS t(channel, channel_order)
),
counts AS (
  SELECT product_category, channel,
         count(*) FILTER (WHERE plan_year = $base_year::INTEGER) AS base_batches,
         count(*) FILTER (WHERE final_conclusion IS NOT NULL) AS window_inspected,
         count(*) FILTER (WHERE final_conclusion = '不合格') AS window_failed
  FROM sampled
  GROUP BY ALL
)
SELECT
  c.product_category,
  ch.channel,
  CAST(coalesce(n.base_batches, 0) AS INTEGER) AS base_batches,
  CAST(coalesce(n.window_inspected, 0) AS INTEGER) AS window_inspected,
  CAST(coalesce(n.window_failed, 0) AS INTEGER) AS window_failed,
  CAST(c.producers AS INTEGER) AS producers
FROM categories c
CROSS JOIN channels ch
LEFT JOIN counts n ON n.product_category = c.product_category AND n.channel = ch.channel
ORDER BY c.product_category, ch.channel_order
