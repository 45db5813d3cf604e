-- One funnel per (period, category): its target rate and overdispersion, enough to draw
-- the limits as a function of the batch count n (loaders/analysis/flags_tables.sql):
-- limit(n) = expected ± z·√(expected(1−expected)/n + tau2).
SELECT
  period, product_category,
  CAST(expected AS DOUBLE) AS expected, CAST(phi AS DOUBLE) AS phi, CAST(tau2 AS DOUBLE) AS tau2,
  CAST(chi_square_p AS DOUBLE) AS chi_square_p, CAST(cells AS INTEGER) AS cells,
  CAST(inspected AS INTEGER) AS inspected, CAST(failed AS INTEGER) AS failed, CAST(min_batches AS INTEGER) AS min_batches
FROM funnel_targets
ORDER BY period, product_category
