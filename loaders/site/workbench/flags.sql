-- The problem flags (article 72) of every period, as persisted by loaders/analysis/flags.ts.
SELECT
  rule, period, product_category, region_code, region_name, item,
  CAST(inspected AS INTEGER) AS inspected, CAST(failed AS INTEGER) AS failed,
  CAST(rate AS DOUBLE) AS rate, CAST(expected AS DOUBLE) AS expected, CAST("limit" AS DOUBLE) AS "limit",
  CAST(p AS DOUBLE) AS p, CAST(q AS DOUBLE) AS q, CAST(article AS INTEGER) AS article, sentence
FROM flags
ORDER BY period DESC, rule, q, product_category, region_code, item
