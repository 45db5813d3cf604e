-- 跟踪抽查仍不合格 (issue 14): a producer whose batch of a product category was finally
-- 不合格, and whose LATER batch of the SAME category — sampled after that first failure's
-- report date, i.e. after the producer could know of it (articles 51, 65) — is finally
-- 不合格 too. Final conclusions as everywhere (batch_results: 复检 wins, article 58; 撤销
-- removes, article 54). Not a repeat offender: a producer that passed when sampled again, one
-- that failed only the second time, one that failed in two different categories.
-- A producer is its 统一社会信用代码 when the batch has one, else its name as written.
-- As of $as_of: only batches sampled and reported by that day count.
-- The first failure is the producer's earliest failing batch of the category; the repeat is
-- the earliest failing batch sampled after its report date (a pass in between does not
-- clear the producer: the later failure still follows the first).
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
first_failure AS (
  SELECT producer_key, product_category,
    arg_min(sample_id, (sampling_date, sample_id)) AS first_sample_id,
    count(*) AS failures
  FROM failures
  GROUP BY ALL
),
pairs AS (
  SELECT
    f.producer_key, f.product_category, f.failures,
    first.sample_id AS first_sample_id, first.sampling_date AS first_sampling_date, first.report_date AS first_report_date,
    first.failed_items AS first_failed_items,
    arg_min(later.sample_id, (later.sampling_date, later.sample_id)) AS repeat_sample_id
  FROM first_failure f
  JOIN failures first ON first.sample_id = f.first_sample_id
  JOIN failures later
    ON later.producer_key = f.producer_key AND later.product_category = f.product_category
   AND later.sampling_date > first.report_date
  GROUP BY ALL
),
actions AS (
  -- what the bureau did about the first failure (articles 65–68), in order
  SELECT e.sample_id, list(e.event || ' ' || strftime(e.date, '%Y-%m-%d') ORDER BY e.date, e.event) AS steps
  FROM events e
  WHERE e.event IN ('责令整改', '复查', '社会公告', '再次复查', '第三次复查') AND e.date <= $as_of::DATE
  GROUP BY e.sample_id
)
SELECT
  coalesce(r.producer_uscc, p.producer_key) AS producer_id,
  r.producer_name,
  r.producer_uscc,
  p.product_category,
  p.first_sample_id,
  strftime(p.first_sampling_date, '%Y-%m-%d') AS first_sampling_date,
  strftime(p.first_report_date, '%Y-%m-%d') AS first_report_date,
  p.first_failed_items,
  p.repeat_sample_id,
  strftime(r.sampling_date, '%Y-%m-%d') AS repeat_sampling_date,
  r.failed_items AS repeat_failed_items,
  CAST(p.failures AS INTEGER) AS failures,
  coalesce(a.steps, []) AS bureau_actions
FROM pairs p
JOIN failures r ON r.sample_id = p.repeat_sample_id
LEFT JOIN actions a ON a.sample_id = p.first_sample_id
ORDER BY p.product_category, r.producer_name, p.first_sample_id
