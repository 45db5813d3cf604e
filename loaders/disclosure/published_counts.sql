-- published_counts: the headline figures of the public pages, over published batches only
-- (persisted table disclosure_status: every gate P1–P3 passed as of its as_of date), by
-- quarter, by quarter × product category, by category, and overall.
-- 不合格发现率 = final 不合格 / published batches (all have a final conclusion, P2 and P3).
WITH pub AS (
  SELECT
    d.conclusion,
    d.conclusion_by,
    greatest(d.approved_on, d.final_on) AS settled_on,
    b.quarter,
    b.product_category,
    b.sampled_region,
    coalesce(b.producer_uscc, b.producer_name) AS producer_key
  FROM disclosure_status d
  JOIN batch_results b USING (sample_id)
  WHERE d.published
)
SELECT
  CASE WHEN grouping(quarter) = 0 THEN quarter END                         AS quarter,
  CASE WHEN grouping(product_category) = 0 THEN product_category END       AS product_category,
  CAST(count(*) AS INTEGER)                                                AS batches,
  CAST(count(*) FILTER (WHERE conclusion = '不合格') AS INTEGER)            AS failed,
  CAST(count(*) FILTER (WHERE conclusion = '不合格') AS DOUBLE) / count(*)  AS rate,
  CAST(count(*) FILTER (WHERE conclusion_by = '复检') AS INTEGER)           AS decided_by_recheck,
  CAST(count(DISTINCT sampled_region) AS INTEGER)                          AS regions,
  CAST(count(DISTINCT producer_key) AS INTEGER)                            AS producers,
  CAST(count(DISTINCT product_category) AS INTEGER)                        AS categories,
  -- the day the newest result of the group was approved or became final: its announcement date
  max(settled_on)                                                          AS updated
FROM pub
GROUP BY GROUPING SETS ((quarter), (quarter, product_category), (product_category), ())
ORDER BY quarter NULLS LAST, product_category NULLS FIRST
