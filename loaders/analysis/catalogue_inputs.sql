-- Inputs of the key-product catalogue draft (article 10): per product category and plan
-- year of the window [$first_year, $last_year] (the three plan years before the catalogue
-- year), batches with a final conclusion, failures, and failures with a serious quality
-- problem (严重质量问题, article 71).
SELECT
  product_category,
  CAST(plan_year AS INTEGER) AS plan_year,
  CAST(count(*) AS INTEGER) AS inspected,
  CAST(count(*) FILTER (WHERE final_conclusion = '不合格') AS INTEGER) AS failed,
  CAST(count(*) FILTER (WHERE final_conclusion = '不合格' AND serious) AS INTEGER) AS serious
FROM batch_results
WHERE final_conclusion IS NOT NULL
  AND plan_year BETWEEN $first_year::INTEGER AND $last_year::INTEGER
GROUP BY ALL
ORDER BY product_category, plan_year
