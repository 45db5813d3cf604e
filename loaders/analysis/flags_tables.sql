-- The persisted problem flags (article 72) and the funnel-plot data behind them, so the
-- site, the briefings and the CLI read the same ones. Written only by writeFlagsTable
-- (flags.ts) from the refresh step. Periods: a plan year ('2025') or 'all' (the pooled
-- three latest plan years). Column meanings: loaders/analysis/README.md.
CREATE OR REPLACE TABLE flags (
  rule              VARCHAR,   -- regional | industry | item
  period            VARCHAR,
  product_category  VARCHAR,
  region_code       VARCHAR,   -- regional flags only
  region_name       VARCHAR,
  item              VARCHAR,   -- item flags only
  inspected         INTEGER,   -- item flags: the category's failing batches in the year
  failed            INTEGER,   -- item flags: those that list the item
  rate              DOUBLE,    -- failed / inspected
  expected          DOUBLE,    -- the benchmark the rate is compared with
  "limit"           DOUBLE,    -- the 99.8% upper limit at this batch count
  p                 DOUBLE,    -- one-sided p-value
  q                 DOUBLE,    -- Benjamini–Hochberg adjusted p within the family (rule, period)
  article           INTEGER,   -- 72
  sentence          VARCHAR    -- the flag in one plain Chinese sentence
);

-- Every (period, category, region) cell of the regional funnels, flagged or not.
CREATE OR REPLACE TABLE funnel_points (
  period            VARCHAR,
  product_category  VARCHAR,
  region_code       VARCHAR,
  region_name       VARCHAR,
  inspected         INTEGER,
  failed            INTEGER,
  rate              DOUBLE,
  expected          DOUBLE,    -- the category's city-wide rate in the period (funnel target)
  lower_998         DOUBLE,    -- τ-adjusted 99.8% limits at this cell's n, clamped to [0,1]
  upper_998         DOUBLE,
  upper_95          DOUBLE,
  phi               DOUBLE,    -- winsorised overdispersion φ of the category's funnel
  tau2              DOUBLE,    -- additive random-effects variance τ² of the funnel
  z                 DOUBLE,    -- z^RE = (rate − expected) / √(expected(1−expected)/n + τ²)
  p                 DOUBLE,
  q                 DOUBLE,    -- NULL below the minimum batch count (not tested)
  flagged           BOOLEAN
);

-- One funnel per (period, category): enough to draw its limits as a function of n:
-- limit(n) = expected ± z·√(expected(1−expected)/n + tau2), z = 1.959964 (95%) or 3.090232 (99.8%).
CREATE OR REPLACE TABLE funnel_targets (
  period            VARCHAR,
  product_category  VARCHAR,
  expected          DOUBLE,
  phi               DOUBLE,
  tau2              DOUBLE,
  chi_square_p      DOUBLE,    -- test of φ against χ² (I−1 df): is the funnel overdispersed?
  cells             INTEGER,   -- regions with at least min_batches batches (used for φ, τ² and BH)
  inspected         INTEGER,
  failed            INTEGER,
  min_batches       INTEGER
);
