-- Every (period, category, region) cell of the regional funnels (article 72), as the
-- analysis persisted them (loaders/analysis/flags.ts), for the funnel-plot page. Only
-- what the page cannot recompute is shipped: the page takes the rate from the counts
-- and the limits from funnel_targets (expected, τ²), the same formula as the analysis.
SELECT
  period, product_category, region_code,
  CAST(inspected AS INTEGER) AS inspected, CAST(failed AS INTEGER) AS failed,
  CAST(round(z, 3) AS DOUBLE) AS z, CAST(q AS DOUBLE) AS q, flagged
FROM funnel_points
ORDER BY period, product_category, region_code
