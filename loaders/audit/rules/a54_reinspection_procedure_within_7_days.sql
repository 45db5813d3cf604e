-- A54 (article 54, last paragraph): after the 复检通知, the applicant completes the
-- re-inspection procedure (办理复检手续) within 7 days; article 55(二) says a late one is
-- not re-inspected. Days per article 75.
-- Finding 'violation': 办理复检手续 later than that (accepted late). Finding 'open': the 7
-- days are still running. A procedure never completed after the 7 days is not a finding
-- here: the applicant's right lapsed (article 55(二)).
WITH steps AS (
  SELECT sample_id,
    min(date) FILTER (WHERE event = '复检通知')     AS notice_date,
    min(date) FILTER (WHERE event = '办理复检手续') AS procedure_date
  FROM events
  WHERE event IN ('复检通知', '办理复检手续') AND date <= CAST($as_of AS DATE)
  GROUP BY sample_id
),
judged AS (
  SELECT s.*, due_day.next_working_day AS due, CAST($as_of AS DATE) AS as_of
  FROM steps s
  -- why (articles 54, 75): "自收到复检通知之日起7日内办理复检手续"
  LEFT JOIN calendar_days due_day ON due_day.day = s.notice_date + 7
  WHERE s.notice_date IS NOT NULL
)
SELECT
  'A54' AS rule, 54 AS article, 'statutory' AS severity, j.sample_id, b.task_id, b.sampled_region AS region_code,
  deadline_status(j.due, j.procedure_date, j.as_of) AS status,
  CAST(j.due AS VARCHAR) AS due,
  deadline_days_over(j.due, j.procedure_date, j.as_of) AS days_over,
  deadline_days_left(j.due, j.procedure_date, j.as_of) AS days_left,
  '样品 ' || j.sample_id || '：' || CAST(j.notice_date AS VARCHAR) || ' 出具复检通知，按第五十四条异议申请人应在 7 日内、最迟 ' ||
    due_text(j.due) || ' 办理复检手续；' || deadline_clause('办理复检手续', j.due, j.procedure_date, j.as_of) AS sentence
FROM judged j
JOIN batches b USING (sample_id)
WHERE (j.procedure_date IS NOT NULL AND j.procedure_date > j.due)
   OR (j.procedure_date IS NULL AND (j.due IS NULL OR j.as_of <= j.due))
