-- A66 (article 66): the district bureau re-checks (复查) within 75 days of the 责令整改.
-- Days per article 75, counted from the order's date.
-- Finding: the first 复查 on or after the order came later, or is missing once the 75 days
-- have passed; 'open' while they are running.
WITH orders AS (
  SELECT sample_id, min(date) AS order_date
  FROM events
  WHERE event = '责令整改' AND date <= CAST($as_of AS DATE)
  GROUP BY sample_id
),
rechecks AS (
  SELECT o.sample_id, min(e.date) AS recheck_date
  FROM orders o
  JOIN events e ON e.sample_id = o.sample_id AND e.event = '复查'
    AND e.date >= o.order_date AND e.date <= CAST($as_of AS DATE)
  GROUP BY o.sample_id
),
judged AS (
  SELECT o.*, r.recheck_date, due_day.next_working_day AS due, CAST($as_of AS DATE) AS as_of
  FROM orders o
  LEFT JOIN rechecks r USING (sample_id)
  -- why (articles 66, 75): "应当在自责令之日起75日内组织复查"
  LEFT JOIN calendar_days due_day ON due_day.day = o.order_date + 75
)
SELECT
  'A66' AS rule, 66 AS article, 'statutory' AS severity, j.sample_id, b.task_id, b.sampled_region AS region_code,
  deadline_status(j.due, j.recheck_date, j.as_of) AS status,
  CAST(j.due AS VARCHAR) AS due,
  deadline_days_over(j.due, j.recheck_date, j.as_of) AS days_over,
  deadline_days_left(j.due, j.recheck_date, j.as_of) AS days_left,
  '样品 ' || j.sample_id || '：' || CAST(j.order_date AS VARCHAR) || ' 责令整改，按第六十六条应在 75 日内、最迟 ' ||
    due_text(j.due) || ' 组织复查；' || deadline_clause('组织复查', j.due, j.recheck_date, j.as_of) AS sentence
FROM judged j
JOIN batches b USING (sample_id)
WHERE deadline_status(j.due, j.recheck_date, j.as_of) IS NOT NULL
