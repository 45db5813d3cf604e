-- annual_failed_items: the main failing test items (主要不合格项目) of each product category
-- in $year, in the scope (annual_batches): how many 不合格 batches failed each item, the three
-- most frequent per category (ties: the item's name). The national announcement names them per
-- product family (大类); the data contract has no family column, so the group is the
-- catalogue's product category (产品类别, the finest level the data carries).
WITH items AS (
  SELECT product_category, trim(item) AS item
  FROM annual_batches($published_only::BOOLEAN), unnest(failed_items) AS t(item)
  WHERE year = $year::INTEGER AND failed AND trim(item) <> ''
),
counted AS (
  SELECT product_category, item, count(*) AS batches
  FROM items
  GROUP BY ALL
)
SELECT product_category, item, CAST(batches AS INTEGER) AS batches
FROM counted
-- why: three items per category, as the announcement's "主要不合格项目为……" lists a few
QUALIFY row_number() OVER (PARTITION BY product_category ORDER BY batches DESC, item) <= 3
ORDER BY product_category, batches DESC, item
