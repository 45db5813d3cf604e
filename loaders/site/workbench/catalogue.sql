-- The key-product catalogue draft (article 10) with its score and the parts it adds up
-- from, as persisted by loaders/analysis/catalogue.ts.
SELECT
  CAST(catalogue_year AS INTEGER) AS catalogue_year, window_years, CAST(rank AS INTEGER) AS rank, product_category,
  CAST(score AS DOUBLE) AS score, CAST(batches AS INTEGER) AS batches, CAST(failed AS INTEGER) AS failed,
  CAST(raw_rate AS DOUBLE) AS raw_rate, CAST(shrunken_rate AS DOUBLE) AS shrunken_rate, CAST(own_weight AS DOUBLE) AS own_weight,
  CAST(probability_above AS DOUBLE) AS probability_above, CAST(serious_count AS INTEGER) AS serious_count,
  CAST(flag_count AS INTEGER) AS flag_count, CAST(trend AS DOUBLE) AS trend,
  CAST(rate_points AS DOUBLE) AS rate_points, CAST(serious_points AS DOUBLE) AS serious_points,
  CAST(flag_points AS DOUBLE) AS flag_points, CAST(trend_points AS DOUBLE) AS trend_points,
  CAST(uncertainty_points AS DOUBLE) AS uncertainty_points, explanation
FROM catalogue_draft
ORDER BY rank
