-- The circular-style headline (publication-formats.md, national announcement) of a period,
-- the period before and the same period a year before, in one scan: product categories,
-- producers, batches, failures and 不合格发现率, overall and by channel (生产 / 流通 / 电商,
-- article 15).
-- A period is a sampling quarter ($..._quarter = '2025Q3': plans run by quarter, article 11)
-- when given, else a plan year ($..._year, 计划年度). One batch may belong to two of the
-- three periods (for a year, 'previous' and 'year_ago' are the same year).
-- batches = sampled batches (outcome 已抽样; 拒检, 终止抽样 and 无法抽样 are not batches of
-- product, articles 24, 27, 28); inspected = those with a final conclusion; the rate is
-- failed / inspected on final conclusions (data-contract.md).
WITH sampled AS (
  SELECT
    product_category,
    channel,
    final_conclusion,
    producer_name,
    producer_uscc,
    unnest(list_filter([
      CASE WHEN CASE WHEN $current_quarter::VARCHAR IS NULL THEN plan_year = $current_year::INTEGER
                     ELSE quarter = $current_quarter::VARCHAR END THEN 'current' END,
      CASE WHEN CASE WHEN $previous_quarter::VARCHAR IS NULL THEN plan_year = $previous_year::INTEGER
                     ELSE quarter = $previous_quarter::VARCHAR END THEN 'previous' END,
      CASE WHEN CASE WHEN $year_ago_quarter::VARCHAR IS NULL THEN plan_year = $year_ago_year::INTEGER
                     ELSE quarter = $year_ago_quarter::VARCHAR END THEN 'year_ago' END
    ], k -> k IS NOT NULL)) AS period_key
  FROM batch_results
  WHERE outcome = '已抽样'
),
keyed AS (
  SELECT
    *,
    -- a producer is its USCC when any of its batches in the period carries one, else its name
    coalesce(max(producer_uscc) OVER (PARTITION BY period_key, producer_name), producer_name) AS producer_key
  FROM sampled
)
SELECT
  period_key,
  CASE WHEN grouping(channel) = 1 THEN '全部' ELSE channel END AS scope,
  CAST(count(DISTINCT product_category) AS INTEGER)                   AS categories,
  CAST(count(DISTINCT producer_key) AS INTEGER)                       AS producers,
  CAST(count(*) AS INTEGER)                                           AS batches,
  CAST(count(final_conclusion) AS INTEGER)                            AS inspected,
  CAST(count(*) FILTER (WHERE final_conclusion = '不合格') AS INTEGER) AS failed
FROM keyed
GROUP BY GROUPING SETS ((period_key), (period_key, channel))
ORDER BY period_key, grouping(channel) DESC, channel
