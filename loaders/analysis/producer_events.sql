-- The lifecycle steps of a producer's batches (issue 14): every event recorded by $as_of
-- (报告报送, 不合格告知, 异议, 复检, 责令整改, 复查, 社会公告 …, articles 49–68), in date
-- order. The event's note is internal and left out, as on the audit page. One producer
-- ($producer_id) or all (NULL).
SELECT
  coalesce(b.producer_uscc, 'name:' || b.producer_name) AS producer_id,
  e.sample_id,
  e.event,
  strftime(e.date, '%Y-%m-%d') AS date,
  e.result,
  e.agency
FROM events e
JOIN batches b USING (sample_id)
WHERE e.date <= $as_of::DATE
  AND b.sampling_date <= $as_of::DATE
  AND ($producer_id IS NULL OR coalesce(b.producer_uscc, 'name:' || b.producer_name) = $producer_id)
ORDER BY producer_id, e.sample_id, e.date, e.event
