-- A67 (article 67): when the re-check (复查) still fails, the district bureau reports to
-- the city bureau, which announces it publicly (社会公告).
-- Finding: a 复查 with result 不合格 and no 社会公告 on or after it (as of as_of).
-- Deadline: article 67 names no number of days; the audit allows $prompt_notice_days
-- natural days from the failed re-check (article 75 counting) and is 'open' until then.
WITH failed_rechecks AS (
  SELECT sample_id, min(date) AS recheck_date
  FROM events
  WHERE event = '复查' AND result = '不合格' AND date <= CAST($as_of AS DATE)
  GROUP BY sample_id
),
unannounced AS (
  SELECT f.*
  FROM failed_rechecks f
  WHERE NOT EXISTS (
    SELECT 1 FROM events e
    WHERE e.sample_id = f.sample_id AND e.event = '社会公告'
      AND e.date >= f.recheck_date AND e.date <= CAST($as_of AS DATE)
  )
),
judged AS (
  SELECT u.*, due_day.next_working_day AS due, CAST($as_of AS DATE) AS as_of
  FROM unannounced u
  -- why (articles 67, 75): "由市局向社会公告" has no number of days; $prompt_notice_days
  -- natural days after the failed re-check, moved off rest days
  LEFT JOIN calendar_days due_day ON due_day.day = u.recheck_date + CAST($prompt_notice_days AS INTEGER)
)
SELECT
  'A67' AS rule, 67 AS article, 'statutory' AS severity, j.sample_id, b.task_id, b.sampled_region AS region_code,
  deadline_status(j.due, NULL, j.as_of) AS status,
  CAST(j.due AS VARCHAR) AS due,
  deadline_days_over(j.due, NULL, j.as_of) AS days_over,
  deadline_days_left(j.due, NULL, j.as_of) AS days_left,
  '样品 ' || j.sample_id || '：' || CAST(j.recheck_date AS VARCHAR) || ' 复查仍不合格，按第六十七条应上报市局向社会公告；按及时公告 ' ||
    CAST($prompt_notice_days AS VARCHAR) || ' 日计最迟 ' || due_text(j.due) || '；' ||
    deadline_clause('社会公告', j.due, NULL, j.as_of) AS sentence
FROM judged j
JOIN batches b USING (sample_id)
