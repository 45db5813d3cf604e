-- Whether each batch of a producer is published (issue 14): the persisted gate decisions
-- (disclosure_status: P1 approval, article 62; P2 a result row; P3 a conclusion in force,
-- articles 52, 54, 58), as of the last refresh. One producer ($producer_id) or all (NULL).
SELECT d.sample_id, d.published, d.held_by
FROM disclosure_status d
JOIN batches b USING (sample_id)
WHERE b.sampling_date <= $as_of::DATE
  AND ($producer_id IS NULL OR coalesce(b.producer_uscc, 'name:' || b.producer_name) = $producer_id)
ORDER BY d.sample_id
