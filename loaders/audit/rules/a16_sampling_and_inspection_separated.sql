-- A16 (article 16): sampling and inspection are separated — a sampler may not inspect
-- the sample they took, except for on-site inspection (现场检验, article 41).
-- Finding: inspector_ids ∩ sampler_ids ≠ ∅ and not onsite.
-- Not a deadline: due is the inspection's report date (else the sampling date).
WITH shared_staff AS (
  SELECT sample_id, task_id, sampled_region, sampling_date, report_date,
    list_distinct(list_intersect(inspector_ids, sampler_ids)) AS both_roles
  FROM batches
  WHERE sampling_date <= CAST($as_of AS DATE) AND NOT onsite
    -- why (article 16): "除现场检验外，抽样人员不得承担其抽样产品的检验工作". The usual
    -- single inspector is checked with list_contains, much faster than list_has_any.
    AND CASE WHEN len(inspector_ids) = 1 THEN list_contains(sampler_ids, inspector_ids[1])
             ELSE list_has_any(inspector_ids, sampler_ids) END
)
SELECT
  'A16' AS rule, 16 AS article, 'statutory' AS severity, sample_id, task_id, sampled_region AS region_code,
  'violation' AS status, CAST(coalesce(report_date, sampling_date) AS VARCHAR) AS due,
  CAST(NULL AS INTEGER) AS days_over, CAST(NULL AS INTEGER) AS days_left,
  '样品 ' || sample_id || '：人员 ' || array_to_string(list_sort(both_roles), '、') ||
    ' 既是抽样人员又是检验人员，且不是现场检验，违反第十六条抽检分离的规定。' AS sentence
FROM shared_staff
