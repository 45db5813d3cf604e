-- Who each producer is (issue 14, a producer's record): one row per producer — its USCC when
-- its batches carry one, else its name (the identity of producer_candidates.sql) — with the
-- name, address and region of its latest batch, every name it was written under, and how
-- many of its batches have a final conclusion and failed (batch_results: 复检 wins, article
-- 58; 撤销 removes, article 54). One producer ($producer_id) or all (NULL); batches sampled
-- by $as_of.
WITH mine AS (
  SELECT coalesce(producer_uscc, 'name:' || producer_name) AS producer_id, *
  FROM batch_results
  WHERE sampling_date <= $as_of::DATE
)
SELECT
  m.producer_id,
  any_value(m.producer_uscc) AS producer_uscc,
  arg_max(m.producer_name, (m.sampling_date, m.sample_id)) AS producer_name,
  list_sort(list(DISTINCT m.producer_name)) AS names,
  arg_max(m.producer_address, (m.sampling_date, m.sample_id)) AS producer_address,
  arg_max(coalesce(r.name, m.producer_region), (m.sampling_date, m.sample_id)) AS producer_region,
  arg_max(m.producer_scope, (m.sampling_date, m.sample_id)) AS producer_scope,
  CAST(count(*) AS INTEGER) AS batches,
  CAST(count(m.final_conclusion) AS INTEGER) AS concluded,
  CAST(count(*) FILTER (WHERE m.final_conclusion = '不合格') AS INTEGER) AS failed,
  strftime(min(m.sampling_date), '%Y-%m-%d') AS first_sampling_date,
  strftime(max(m.sampling_date), '%Y-%m-%d') AS last_sampling_date
FROM mine m
LEFT JOIN regions r ON r.code = m.producer_region
WHERE $producer_id IS NULL OR m.producer_id = $producer_id
GROUP BY m.producer_id
ORDER BY m.producer_id
