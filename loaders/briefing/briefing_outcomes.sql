-- Sampling that did not yield a batch of product in the quarter, as circulars report it:
-- refusals (拒检, article 28), terminated sampling (终止抽样, article 24) and no sample
-- available (无法抽样, article 27). Read from batches, not batch_results: no conclusion
-- is involved, and the view's event roll-up would cost a scan of every event.
SELECT
  CAST(count(*) FILTER (WHERE outcome = '拒检') AS INTEGER)     AS refused,
  CAST(count(*) FILTER (WHERE outcome = '终止抽样') AS INTEGER) AS terminated,
  CAST(count(*) FILTER (WHERE outcome = '无法抽样') AS INTEGER) AS unavailable
FROM batches
WHERE sampling_date BETWEEN CAST($quarter_start AS DATE) AND CAST($quarter_end AS DATE)
