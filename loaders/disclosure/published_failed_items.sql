-- published_failed_items: how many published 不合格 batches failed each test item, by
-- quarter × category, by category and by quarter. A batch that a re-inspection found
-- conforming (article 58) has no failing item.
WITH items AS (
  SELECT b.quarter, b.product_category, trim(item) AS item
  FROM disclosure_status d
  JOIN batch_results b USING (sample_id), unnest(coalesce(b.failed_items, [])) AS t(item)
  WHERE d.published AND d.conclusion = '不合格'
)
SELECT
  CASE WHEN grouping(quarter) = 0 THEN quarter END                    AS quarter,
  CASE WHEN grouping(product_category) = 0 THEN product_category END  AS product_category,
  item,
  CAST(count(*) AS INTEGER)                                           AS batches
FROM items
GROUP BY GROUPING SETS ((quarter, product_category, item), (product_category, item), (quarter, item))
ORDER BY quarter NULLS LAST, product_category NULLS FIRST, batches DESC, item
