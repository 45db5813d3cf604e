-- Every batch of a producer ($producer_id, or all producers: NULL), newest first, with its
-- final conclusion and how it became final (issue 14, a producer's record): a 复检结论 is
-- final (article 58), an 异议结论 of 撤销 removes the initial conclusion (article 54), else
-- the initial report stands (初检). failed_items are the items of the final conclusion: none
-- when a re-inspection found the product conforming; initial_failed_items are the report's.
-- Batches sampled by $as_of; the conclusions are batch_results' (every recorded event), the
-- same as repeat_offenders.sql.
WITH mine AS (
  SELECT coalesce(producer_uscc, 'name:' || producer_name) AS producer_id, *
  FROM batch_results
  WHERE sampling_date <= $as_of::DATE
    AND ($producer_id IS NULL OR coalesce(producer_uscc, 'name:' || producer_name) = $producer_id)
),
deciding AS (
  -- the day of the event that made the conclusion final (the latest 复检结论, the 撤销)
  SELECT sample_id,
    strftime(max(date) FILTER (WHERE event = '复检结论'), '%Y-%m-%d') AS recheck_date,
    strftime(min(date) FILTER (WHERE event = '异议结论' AND result = '撤销'), '%Y-%m-%d') AS revoked_date
  FROM events
  WHERE event IN ('复检结论', '异议结论') AND sample_id IN (SELECT sample_id FROM mine)
  GROUP BY sample_id
)
SELECT
  m.producer_id,
  m.sample_id,
  m.task_id,
  m.product_category,
  m.product_name,
  m.brand,
  m.model,
  strftime(m.sampling_date, '%Y-%m-%d') AS sampling_date,
  m.quarter,
  m.level,
  m.kind,
  m.channel,
  m.sampled_name,
  coalesce(r.name, m.sampled_region) AS sampled_region,
  m.outcome,
  strftime(m.report_date, '%Y-%m-%d') AS report_date,
  m.conclusion AS initial_conclusion,
  m.final_conclusion,
  m.final_by,
  m.revoked,
  CASE
    WHEN m.outcome <> '已抽样' THEN '未检验（' || m.outcome || '）'
    WHEN m.conclusion IS NULL THEN '尚无检验结论'
    WHEN m.recheck_conclusion IS NOT NULL THEN '复检结论为准' || coalesce('（' || d.recheck_date || '，第五十八条）', '（第五十八条）')
    WHEN m.revoked THEN '异议成立，初检结论撤销' || coalesce('（' || d.revoked_date || '，第五十四条）', '（第五十四条）')
    ELSE '初检结论' || coalesce('（报告 ' || strftime(m.report_date, '%Y-%m-%d') || '）', '')
  END AS how_final,
  CASE WHEN m.final_conclusion = '不合格' THEN coalesce(m.failed_items, []) ELSE [] END AS failed_items,
  coalesce(m.failed_items, []) AS initial_failed_items,
  m.serious
FROM mine m
LEFT JOIN deciding d USING (sample_id)
LEFT JOIN regions r ON r.code = m.sampled_region
ORDER BY m.producer_id, m.sampling_date DESC, m.sample_id
