-- A49 (article 49): the inspection agency sends the report to the organiser within 3
-- working days after the inspection ends (report_date); the start day is not counted
-- and make-up working days count (data-contract.md, "Days").
-- Finding: 报告报送 later than that, or missing when as_of is past it; open while the
-- 3 working days are still running.
WITH reported AS (
  SELECT b.sample_id, b.task_id, b.sampled_region, b.report_date, due_day.day AS due
  FROM batches b
  JOIN calendar_days start_day ON start_day.day = b.report_date
  -- why (article 49): "3个工作日内" — the working day whose index is the report date's + 3
  LEFT JOIN calendar_days due_day ON due_day.is_working AND due_day.working_day_index = start_day.working_day_index + 3
  WHERE b.outcome = '已抽样' AND b.report_date IS NOT NULL AND b.report_date <= CAST($as_of AS DATE)
),
sent AS (
  SELECT sample_id, date
  FROM events
  WHERE event = '报告报送' AND date <= CAST($as_of AS DATE)
),
-- reports sent on time drop out here (an anti join: far cheaper than grouping every batch's events)
not_on_time AS (
  SELECT r.*
  FROM reported r
  ANTI JOIN sent s ON s.sample_id = r.sample_id AND s.date <= r.due
),
judged AS (
  SELECT n.sample_id, n.task_id, n.sampled_region, n.report_date, n.due,
    min(s.date) AS sent_date, CAST($as_of AS DATE) AS as_of
  FROM not_on_time n
  LEFT JOIN sent s USING (sample_id)
  GROUP BY n.sample_id, n.task_id, n.sampled_region, n.report_date, n.due
)
SELECT
  'A49' AS rule, 49 AS article, 'statutory' AS severity, sample_id, task_id, sampled_region AS region_code,
  deadline_status(due, sent_date, as_of) AS status,
  CAST(due AS VARCHAR) AS due,
  deadline_days_over(due, sent_date, as_of) AS days_over,
  deadline_days_left(due, sent_date, as_of) AS days_left,
  '样品 ' || sample_id || '：检验报告日期 ' || CAST(report_date AS VARCHAR) ||
    '，按第四十九条应在 3 个工作日内、最迟 ' || due_text(due) || ' 将检验报告报送组织监督抽查的部门；' ||
    deadline_clause('报送', due, sent_date, as_of) AS sentence
FROM judged
WHERE deadline_status(due, sent_date, as_of) IS NOT NULL
