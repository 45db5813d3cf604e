-- A74 (article 74): when a failed product was made by a producer outside Chongqing, the
-- organiser informs the regulator where the producer is (通报市外).
-- Finding: a final conclusion 不合格 as of as_of, producer_region 市外:…, and no 通报市外
-- on or before as_of.
-- Final as of as_of (data-contract.md, "Derived terms", from events on or before as_of —
-- the batch_results view counts later events too): the 复检结论 if any; else the initial
-- conclusion unless revoked (异议结论 撤销). It became final on:
--   the 复检结论's day; else, after an 异议申请, the day it was settled (异议结论 / 不予复检 /
--   终止复检, articles 54, 55, 61); else the end of the 15-day objection window after the
--   不合格告知 (articles 52, 75). Not final yet (or never notified, see A51) → no finding.
-- Deadline: article 74 says "及时" with no number of days; the audit allows
-- $prompt_notice_days natural days from the day the failure became final (article 75 counting).
WITH failed_out_of_city AS (
  SELECT sample_id, task_id, sampled_region, producer_region, conclusion
  FROM batches
  WHERE outcome = '已抽样' AND conclusion IS NOT NULL AND starts_with(producer_region, '市外')
    AND sampling_date <= CAST($as_of AS DATE)
),
steps AS (
  SELECT sample_id,
    arg_max(result, date) FILTER (WHERE event = '复检结论')                       AS recheck_result,
    max(date)             FILTER (WHERE event = '复检结论')                       AS recheck_date,
    coalesce(bool_or(event = '异议结论' AND result = '撤销'), false)              AS revoked,
    min(date)             FILTER (WHERE event = '不合格告知')                     AS notice_date,
    min(date)             FILTER (WHERE event = '异议申请')                       AS objection_date,
    min(date)             FILTER (WHERE event IN ('异议结论', '不予复检', '终止复检')) AS settled_date,
    min(date)             FILTER (WHERE event = '通报市外')                       AS informed_date
  FROM events
  WHERE event IN ('复检结论', '异议结论', '不合格告知', '异议申请', '不予复检', '终止复检', '通报市外')
    AND date <= CAST($as_of AS DATE)
  GROUP BY sample_id
),
finals AS (
  SELECT f.*, s.informed_date,
    CASE WHEN s.recheck_result IS NOT NULL THEN s.recheck_result
         WHEN coalesce(s.revoked, false) THEN NULL
         ELSE f.conclusion END AS final_conclusion,
    CASE WHEN s.recheck_result IS NOT NULL THEN s.recheck_date
         WHEN s.objection_date IS NOT NULL THEN s.settled_date
         -- why (articles 52, 75): the objection window closes 15 days after the notice
         ELSE window_end.next_working_day END AS final_date
  FROM failed_out_of_city f
  LEFT JOIN steps s USING (sample_id)
  LEFT JOIN calendar_days window_end ON window_end.day = s.notice_date + 15
),
judged AS (
  SELECT fi.*, due_day.next_working_day AS due, CAST($as_of AS DATE) AS as_of
  FROM finals fi
  -- why (articles 74, 75): "及时通报" has no number of days; $prompt_notice_days natural
  -- days after the failure became final, moved off rest days
  LEFT JOIN calendar_days due_day ON due_day.day = fi.final_date + CAST($prompt_notice_days AS INTEGER)
  WHERE fi.final_conclusion = '不合格' AND fi.informed_date IS NULL
    AND fi.final_date IS NOT NULL AND fi.final_date <= CAST($as_of AS DATE)
)
SELECT
  'A74' AS rule, 74 AS article, 'statutory' AS severity, sample_id, task_id, sampled_region AS region_code,
  deadline_status(due, NULL, as_of) AS status,
  CAST(due AS VARCHAR) AS due,
  deadline_days_over(due, NULL, as_of) AS days_over,
  deadline_days_left(due, NULL, as_of) AS days_left,
  '样品 ' || sample_id || '：标称生产者在' || replace(producer_region, '市外:', '市外（') ||
    CASE WHEN contains(producer_region, ':') THEN '）' ELSE '' END ||
    '，不合格结论于 ' || CAST(final_date AS VARCHAR) || ' 确定，按第七十四条应及时通报生产者所在地市场监督管理部门；按 ' ||
    CAST($prompt_notice_days AS VARCHAR) || ' 日计最迟 ' || due_text(due) || '；' ||
    deadline_clause('通报', due, NULL, as_of) AS sentence
FROM judged
