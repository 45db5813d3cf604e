-- 跟踪抽查仍不合格 (issue 14): a producer whose batch of a product category was finally
-- 不合格, and whose LATER batch of the SAME category — sampled after that first failure's
-- report date, i.e. after the producer could know of it (articles 51, 65) — is finally
-- 不合格 too. Final conclusions as everywhere (batch_results: 复检 wins, article 58; 撤销
-- removes, article 54). Not a repeat offender: a producer that passed when sampled again, one
-- that failed only the second time, one that failed in two different categories.
-- A producer is its 统一社会信用代码 when the batch has one, else its name as written.
-- As of $as_of: only batches sampled and reported by that day count.
-- A pair is any failing batch and a later failing batch sampled after the first one's report
-- date; of a producer's pairs in a category, the one whose repeat came first is shown (the day
-- the producer became a repeat offender), then the earliest first failure. So a first failure
-- reported late does not hide a second one, reported early, that the producer then failed
-- again; and a pass in between does not clear the producer.
WITH failures AS (
  SELECT
    coalesce(producer_uscc, 'name:' || producer_name) AS producer_key,
    producer_name, producer_uscc, product_category, sample_id, sampling_date, report_date,
    coalesce(failed_items, []) AS failed_items, final_by
  FROM batch_results
  WHERE final_conclusion = '不合格'
    AND sampling_date <= $as_of::DATE
    AND report_date IS NOT NULL AND report_date <= $as_of::DATE
),
pairs AS (
  SELECT first.producer_key, first.product_category,
    first.sample_id AS first_sample_id, first.sampling_date AS first_sampling_date,
    later.sample_id AS repeat_sample_id, later.sampling_date AS repeat_sampling_date
  FROM failures first
  JOIN failures later
    ON later.producer_key = first.producer_key AND later.product_category = first.product_category
   AND later.sampling_date > first.report_date
),
chosen AS (
  SELECT producer_key, product_category,
    arg_min(first_sample_id, (repeat_sampling_date, repeat_sample_id, first_sampling_date, first_sample_id)) AS first_sample_id,
    arg_min(repeat_sample_id, (repeat_sampling_date, repeat_sample_id, first_sampling_date, first_sample_id)) AS repeat_sample_id
  FROM pairs
  GROUP BY ALL
),
failure_counts AS (
  SELECT producer_key, product_category, count(*) AS failures FROM failures GROUP BY ALL
),
actions AS (
  -- what the bureau did about the first failure (articles 65–68), in order
  SELECT e.sample_id, list(e.event || ' ' || strftime(e.date, '%Y-%m-%d') ORDER BY e.date, e.event) AS steps
  FROM events e
  WHERE e.event IN ('责令整改', '复查', '社会公告', '再次复查', '第三次复查') AND e.date <= $as_of::DATE
  GROUP BY e.sample_id
)
SELECT
  coalesce(r.producer_uscc, c.producer_key) AS producer_id,
  r.producer_name,
  r.producer_uscc,
  c.product_category,
  c.first_sample_id,
  strftime(f.sampling_date, '%Y-%m-%d') AS first_sampling_date,
  strftime(f.report_date, '%Y-%m-%d') AS first_report_date,
  f.failed_items AS first_failed_items,
  c.repeat_sample_id,
  strftime(r.sampling_date, '%Y-%m-%d') AS repeat_sampling_date,
  r.failed_items AS repeat_failed_items,
  CAST(n.failures AS INTEGER) AS failures,
  coalesce(a.steps, []) AS bureau_actions
FROM chosen c
JOIN failures f ON f.sample_id = c.first_sample_id
JOIN failures r ON r.sample_id = c.repeat_sample_id
JOIN failure_counts n ON n.producer_key = c.producer_key AND n.product_category = c.product_category
LEFT JOIN actions a ON a.sample_id = c.first_sample_id
ORDER BY c.product_category, r.producer_name, c.first_sample_id
