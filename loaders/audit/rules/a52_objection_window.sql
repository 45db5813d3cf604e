-- A52 (article 52): an objection (异议申请) is filed within 15 days of receiving the
-- written notice of the failed conclusion (不合格告知); article 55(一) then forbids
-- acting on a late one. Days per article 75: start not counted, a last day that is not a
-- working day moves to the next working day.
-- Finding 'violation': the first 异议申请 came after the window yet was accepted — a
-- 复检通知 or 异议结论 on or after it. Finding 'open': the window is still running and no
-- objection has come yet (days left shown), so analysts see which failures are not final.
WITH steps AS (
  SELECT sample_id,
    min(date) FILTER (WHERE event = '不合格告知') AS notice_date,
    min(date) FILTER (WHERE event = '异议申请')   AS objection_date
  FROM events
  WHERE event IN ('不合格告知', '异议申请') AND date <= CAST($as_of AS DATE)
  GROUP BY sample_id
),
windows AS (
  SELECT s.*, due_day.next_working_day AS due, CAST($as_of AS DATE) AS as_of
  FROM steps s
  -- why (articles 52, 75): "自收到检验结论书面告知之日起15日内"
  LEFT JOIN calendar_days due_day ON due_day.day = s.notice_date + 15
  WHERE s.notice_date IS NOT NULL
),
late_accepted AS (
  SELECT w.sample_id, min(e.date) AS accepted_date, arg_min(e.event, e.date) AS accepted_by
  FROM windows w
  JOIN events e ON e.sample_id = w.sample_id AND e.event IN ('复检通知', '异议结论')
    AND e.date >= w.objection_date AND e.date <= CAST($as_of AS DATE)
  WHERE w.objection_date > w.due
  GROUP BY w.sample_id
),
findings AS (
  SELECT w.*, a.accepted_date, a.accepted_by,
    CASE WHEN a.sample_id IS NOT NULL THEN 'violation' ELSE 'open' END AS status
  FROM windows w
  LEFT JOIN late_accepted a USING (sample_id)
  WHERE a.sample_id IS NOT NULL
     OR (w.objection_date IS NULL AND (w.due IS NULL OR w.as_of <= w.due))
)
SELECT
  'A52' AS rule, 52 AS article, 'statutory' AS severity, f.sample_id, b.task_id, b.sampled_region AS region_code,
  f.status, CAST(f.due AS VARCHAR) AS due,
  CAST(CASE WHEN f.status = 'violation' THEN date_diff('day', f.due, f.objection_date) END AS INTEGER) AS days_over,
  CAST(CASE WHEN f.status = 'open' THEN date_diff('day', f.as_of, f.due) END AS INTEGER) AS days_left,
  '样品 ' || f.sample_id || '：' || CAST(f.notice_date AS VARCHAR) || ' 书面告知不合格结论，按第五十二条异议期最迟至 ' || due_text(f.due) ||
    CASE WHEN f.status = 'violation'
      THEN '；异议申请 ' || CAST(f.objection_date AS VARCHAR) || ' 才提出，已超期 ' ||
           CAST(date_diff('day', f.due, f.objection_date) AS VARCHAR) || ' 日，却于 ' ||
           CAST(f.accepted_date AS VARCHAR) || ' 作出' || f.accepted_by || '（第五十五条：逾期未提出异议的不予复检）。'
      ELSE '；截至 ' || CAST(f.as_of AS VARCHAR) || ' 尚无异议申请' ||
           coalesce('，异议期还剩 ' || CAST(date_diff('day', f.as_of, f.due) AS VARCHAR) || ' 日', '') || '，结论尚未确定。'
    END AS sentence
FROM findings f
JOIN batches b USING (sample_id)
