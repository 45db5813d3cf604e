-- A68 (article 68): after a 社会公告, the district bureau re-checks again (再次复查)
-- "在公告之日起60日之后90日之前". Read here as the window from day 60 to day 90 after the
-- announcement, both ends allowed, the announcement day not counted (article 75); the
-- end is moved off rest days (article 75), the start is not (it is no period's end).
-- Findings: 再次复查 before day 60 (too early: days_over = days before the window) or after
-- the window's end; missing once the end has passed; 'open' while the window has not ended.
WITH announcements AS (
  SELECT sample_id, min(date) AS announced_date
  FROM events
  WHERE event = '社会公告' AND date <= CAST($as_of AS DATE)
  GROUP BY sample_id
),
second_rechecks AS (
  SELECT a.sample_id, min(e.date) AS second_date
  FROM announcements a
  JOIN events e ON e.sample_id = a.sample_id AND e.event = '再次复查'
    AND e.date >= a.announced_date AND e.date <= CAST($as_of AS DATE)
  GROUP BY a.sample_id
),
judged AS (
  SELECT a.*, s.second_date,
    -- why (article 68): "公告之日起60日之后"
    CAST(a.announced_date + 60 AS DATE) AS window_opens,
    due_day.next_working_day AS due, CAST($as_of AS DATE) AS as_of
  FROM announcements a
  LEFT JOIN second_rechecks s USING (sample_id)
  -- why (articles 68, 75): "90日之前"
  LEFT JOIN calendar_days due_day ON due_day.day = a.announced_date + 90
),
classified AS (
  SELECT *,
    second_date IS NOT NULL AND second_date < window_opens AS too_early,
    CASE WHEN second_date < window_opens THEN 'violation' ELSE deadline_status(due, second_date, as_of) END AS status
  FROM judged
)
SELECT
  'A68' AS rule, 68 AS article, 'statutory' AS severity, c.sample_id, b.task_id, b.sampled_region AS region_code,
  c.status, CAST(c.due AS VARCHAR) AS due,
  CASE WHEN c.too_early THEN CAST(date_diff('day', c.second_date, c.window_opens) AS INTEGER)
       ELSE deadline_days_over(c.due, c.second_date, c.as_of) END AS days_over,
  CASE WHEN c.too_early THEN NULL ELSE deadline_days_left(c.due, c.second_date, c.as_of) END AS days_left,
  '样品 ' || c.sample_id || '：' || CAST(c.announced_date AS VARCHAR) || ' 社会公告，按第六十八条应在 ' ||
    CAST(c.window_opens AS VARCHAR) || ' 至 ' || due_text(c.due) || ' 之间组织再次复查；' ||
    CASE WHEN c.too_early
      THEN '实际于 ' || CAST(c.second_date AS VARCHAR) || ' 再次复查，提前 ' ||
           CAST(date_diff('day', c.second_date, c.window_opens) AS VARCHAR) || ' 日。'
      ELSE deadline_clause('再次复查', c.due, c.second_date, c.as_of)
    END AS sentence
FROM classified c
JOIN batches b USING (sample_id)
WHERE c.status IS NOT NULL
