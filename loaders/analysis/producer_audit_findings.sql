-- The audit findings on a producer's batches (issue 14): the persisted audit_findings (the
-- last refresh, as of its as_of; rules A15…A74, loaders/audit/), joined on the batch. A
-- finding about a whole task (A15) names no batch and touches no producer. One producer
-- ($producer_id) or all (NULL).
SELECT
  coalesce(b.producer_uscc, 'name:' || b.producer_name) AS producer_id,
  f.sample_id,
  f.rule,
  CAST(f.article AS INTEGER) AS article,
  f.severity,
  f.status,
  f.due,
  CAST(f.days_over AS INTEGER) AS days_over,
  CAST(f.days_left AS INTEGER) AS days_left,
  f.sentence
FROM audit_findings f
JOIN batches b ON b.sample_id = f.sample_id
WHERE b.sampling_date <= $as_of::DATE
  AND ($producer_id IS NULL OR coalesce(b.producer_uscc, 'name:' || b.producer_name) = $producer_id)
ORDER BY producer_id, f.article, f.rule, f.status DESC, f.sample_id
