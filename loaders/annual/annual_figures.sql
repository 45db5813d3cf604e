-- annual_figures: the counts of an annual report (issue 14), for $year and the four years
-- before it (the five-year chart of 一、总体情况; the other sections read $year, and the
-- enterprise sizes the three years the national announcement shows), in one pass:
--   dimension 'total'    one row per year: 一、总体情况
--   dimension 'region'   per sampled region (被抽样单位所在区县): 二、区域分布
--   dimension 'size'     per enterprise size (企业规模): 三、大中小型企业
--   dimension 'channel'  per 抽样环节 (生产 / 流通 / 电商, article 15): 四、生产、流通、电商
--   dimension 'category' per product category: 五、产品
-- 不合格发现率 = 不合格 batches / batches with a conclusion in the scope (data-contract.md).
-- share = the cell's batches / the year's batches (each dimension's cells add up to the year).
WITH scoped AS (
  SELECT * FROM annual_batches($published_only::BOOLEAN)
  -- why: five years for the trend chart (the year and up to four before, as the national announcement)
  WHERE year BETWEEN $year::INTEGER - 4 AND $year::INTEGER
),
cells AS (
  SELECT
    year,
    CASE
      WHEN grouping(sampled_region) = 0 THEN 'region'
      WHEN grouping(enterprise_size) = 0 THEN 'size'
      WHEN grouping(channel) = 0 THEN 'channel'
      WHEN grouping(product_category) = 0 THEN 'category'
      ELSE 'total'
    END                                                            AS dimension,
    coalesce(sampled_region, enterprise_size, channel, product_category) AS value,
    count(*)                                                       AS batches,
    count(*) FILTER (WHERE failed)                                 AS failed,
    count(DISTINCT producer_key)                                   AS enterprises,
    count(DISTINCT producer_key) FILTER (WHERE failed)             AS failed_enterprises,
    count(DISTINCT product_category)                               AS categories,
    count(DISTINCT sampled_region)                                 AS regions
  FROM scoped
  GROUP BY GROUPING SETS ((year), (year, sampled_region), (year, enterprise_size), (year, channel), (year, product_category))
)
SELECT
  CAST(c.year AS INTEGER)                                          AS year,
  c.dimension,
  c.value,
  -- a region's name (regions, article 5); the other dimensions are their own label
  coalesce(r.name, c.value)                                        AS label,
  CAST(c.batches AS INTEGER)                                       AS batches,
  CAST(c.failed AS INTEGER)                                        AS failed,
  CAST(c.failed AS DOUBLE) / c.batches                             AS rate,
  CAST(c.batches AS DOUBLE) / sum(c.batches) OVER (PARTITION BY c.year, c.dimension) AS share,
  CAST(c.enterprises AS INTEGER)                                   AS enterprises,
  CAST(c.failed_enterprises AS INTEGER)                            AS failed_enterprises,
  CAST(c.categories AS INTEGER)                                    AS categories,
  CAST(c.regions AS INTEGER)                                       AS regions,
  -- 五、产品: the national announcement's bands of products by 不合格发现率. Compared on the
  -- integer counts, so a boundary is exact (3 of 30 is 10%, not 0.1 ± a rounding error).
  -- The bands are "none failed", "< 10%", "10–20%", "> 20%": with < and > strict, a rate of
  -- exactly 10% or exactly 20% falls in 10–20% (both ends inclusive) — the only reading in
  -- which every rate has a band.
  CASE
    WHEN c.dimension <> 'category' THEN NULL
    WHEN c.failed = 0 THEN 'none'
    WHEN c.failed * 10 < c.batches THEN 'under_10'   -- why: below 10%
    WHEN c.failed * 5 <= c.batches THEN '10_to_20'   -- why: 10% to 20%, both inclusive
    ELSE 'over_20'                                   -- why: above 20%
  END                                                              AS band
FROM cells c
LEFT JOIN regions r ON c.dimension = 'region' AND r.code = c.value
ORDER BY c.year, c.dimension, rate DESC, failed DESC, batches DESC, c.value
