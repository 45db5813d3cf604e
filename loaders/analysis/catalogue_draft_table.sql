-- The key-product catalogue draft (article 10), one row per product category, ranked.
-- Written only by writeCatalogueTable (catalogue.ts). score = rate_points + serious_points
-- + flag_points + trend_points + uncertainty_points; loaders/analysis/README.md explains each.
CREATE OR REPLACE TABLE catalogue_draft (
  rank                INTEGER,
  product_category    VARCHAR,
  catalogue_year      INTEGER,   -- the year the catalogue is for
  window_years        VARCHAR,   -- the plan years it is computed from, e.g. '2023-2025'
  score               DOUBLE,
  batches             INTEGER,   -- inspected batches in the window
  failed              INTEGER,
  raw_rate            DOUBLE,
  shrunken_rate       DOUBLE,    -- empirical-Bayes posterior mean
  own_weight          DOUBLE,    -- n/(n+M): weight of the category's own data in shrunken_rate
  probability_above   DOUBLE,    -- P(rate > all-category rate) under the posterior
  serious_count       INTEGER,   -- failing batches with a serious quality problem (article 71)
  flag_count          INTEGER,   -- distinct problem flags in the window (article 72)
  trend               DOUBLE,    -- change of the shrunken yearly rate, percentage points per year
  rate_points         DOUBLE,
  serious_points      DOUBLE,
  flag_points         DOUBLE,
  trend_points        DOUBLE,
  uncertainty_points  DOUBLE,
  explanation         VARCHAR
);
