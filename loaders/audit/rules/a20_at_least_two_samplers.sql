-- A20 (article 20): at least 2 samplers on every sampling.
-- Finding: fewer than 2 distinct sampler_ids (ingest drops blank list items). Every outcome
-- counts — a refused or impossible sampling was still attended by the samplers.
-- Not a deadline: due is the sampling date, days_over/days_left are NULL.
WITH samplers AS (
  SELECT sample_id, task_id, sampled_region, sampling_date, list_distinct(sampler_ids) AS distinct_samplers
  FROM batches
  WHERE sampling_date <= CAST($as_of AS DATE)
    -- why (article 20): "抽样人员不得少于2人". Fewer than 2 distinct codes; the usual
    -- 1- and 2-code lists are decided without list_unique, which is slow on a million rows.
    AND CASE WHEN len(sampler_ids) < 2 THEN true
             WHEN len(sampler_ids) = 2 THEN sampler_ids[1] = sampler_ids[2]
             ELSE list_unique(sampler_ids) < 2 END
)
SELECT
  'A20' AS rule, 20 AS article, 'statutory' AS severity, sample_id, task_id, sampled_region AS region_code,
  'violation' AS status, CAST(sampling_date AS VARCHAR) AS due,
  CAST(NULL AS INTEGER) AS days_over, CAST(NULL AS INTEGER) AS days_left,
  '样品 ' || sample_id || '：' || CAST(sampling_date AS VARCHAR) || ' 抽样登记的抽样人员只有 ' ||
    CAST(len(distinct_samplers) AS VARCHAR) || ' 人' ||
    CASE WHEN len(distinct_samplers) > 0 THEN '（' || array_to_string(distinct_samplers, '、') || '）' ELSE '' END ||
    '，第二十条要求抽样人员不得少于 2 人。' AS sentence
FROM samplers
