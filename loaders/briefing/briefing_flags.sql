-- The problem flags (article 72) of the plan year the briefing's quarter belongs to, as
-- persisted by loaders/analysis (table flags); flags are judged per plan year.
SELECT rule, period, product_category, region_code, region_name, item,
       CAST(inspected AS INTEGER) AS inspected, CAST(failed AS INTEGER) AS failed,
       CAST(rate AS DOUBLE) AS rate, CAST(expected AS DOUBLE) AS expected, CAST("limit" AS DOUBLE) AS "limit",
       CAST(q AS DOUBLE) AS q, CAST(article AS INTEGER) AS article, sentence
FROM flags
WHERE period = $period
ORDER BY rule, q, product_category, region_code
