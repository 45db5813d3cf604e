-- A65 (article 65): after a 责令整改 (rectification order) the failing party rectifies
-- within 60 days and hands in a 整改报告 — or, if it has stopped producing and selling, a
-- 停产停售报告 (second paragraph). Days per article 75, counted from the order's date.
-- Finding: neither report within the 60 days (late, or missing once they have passed);
-- 'open' while they are running. Reports dated before the order do not count.
WITH orders AS (
  SELECT sample_id, min(date) AS order_date
  FROM events
  WHERE event = '责令整改' AND date <= CAST($as_of AS DATE)
  GROUP BY sample_id
),
reports AS (
  SELECT o.sample_id, min(e.date) AS report_date, arg_min(e.event, e.date) AS report_kind
  FROM orders o
  JOIN events e ON e.sample_id = o.sample_id AND e.event IN ('整改报告', '停产停售报告')
    AND e.date >= o.order_date AND e.date <= CAST($as_of AS DATE)
  GROUP BY o.sample_id
),
judged AS (
  SELECT o.*, r.report_date, r.report_kind, due_day.next_working_day AS due, CAST($as_of AS DATE) AS as_of
  FROM orders o
  LEFT JOIN reports r USING (sample_id)
  -- why (articles 65, 75): "责令其自下达之日起60日内予以改正"
  LEFT JOIN calendar_days due_day ON due_day.day = o.order_date + 60
)
SELECT
  'A65' AS rule, 65 AS article, 'statutory' AS severity, j.sample_id, b.task_id, b.sampled_region AS region_code,
  deadline_status(j.due, j.report_date, j.as_of) AS status,
  CAST(j.due AS VARCHAR) AS due,
  deadline_days_over(j.due, j.report_date, j.as_of) AS days_over,
  deadline_days_left(j.due, j.report_date, j.as_of) AS days_left,
  '样品 ' || j.sample_id || '：' || CAST(j.order_date AS VARCHAR) || ' 下达责令整改通知书，按第六十五条应在 60 日内、最迟 ' ||
    due_text(j.due) || ' 完成整改并提交整改报告（或停产停售报告）；' ||
    deadline_clause(coalesce('提交' || j.report_kind, '提交整改报告'), j.due, j.report_date, j.as_of) AS sentence
FROM judged j
JOIN batches b USING (sample_id)
WHERE deadline_status(j.due, j.report_date, j.as_of) IS NOT NULL
