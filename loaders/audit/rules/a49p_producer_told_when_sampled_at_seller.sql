-- A49P (article 49, second paragraph): when the sample was taken at a seller (channel
-- 流通 or 电商), the organiser also tells the labelled producer in writing.
-- Finding: an inspected batch of those channels with no 告知生产者 on or before as_of.
-- Deadline: article 49 says "同时" (together with telling the sampled party) but names no
-- number of days. The audit allows $prompt_notice_days natural days (article 75 counting)
-- from the day the report reached the organiser — its 报告报送, or, if that is missing,
-- the day it was due (3 working days after report_date, A49). Open until then.
WITH untold AS (
  SELECT b.sample_id, b.task_id, b.sampled_region, b.channel, b.report_date
  FROM batches b
  -- an anti join: far cheaper than grouping every batch's events
  ANTI JOIN (
    SELECT sample_id FROM events WHERE event = '告知生产者' AND date <= CAST($as_of AS DATE)
  ) told USING (sample_id)
  WHERE b.outcome = '已抽样' AND b.conclusion IS NOT NULL AND b.channel IN ('流通', '电商')
    AND b.report_date IS NOT NULL AND b.report_date <= CAST($as_of AS DATE)
),
-- the report's arrival, looked up for the untold batches only
reached AS (
  SELECT u.sample_id, u.task_id, u.sampled_region, u.channel, u.report_date,
    min(e.date) AS sent_date
  FROM untold u
  LEFT JOIN events e ON e.sample_id = u.sample_id AND e.event = '报告报送' AND e.date <= CAST($as_of AS DATE)
  GROUP BY u.sample_id, u.task_id, u.sampled_region, u.channel, u.report_date
),
untold_since AS (
  SELECT r.*, coalesce(r.sent_date, report_due.day) AS report_reached
  FROM reached r
  JOIN calendar_days start_day ON start_day.day = r.report_date
  -- why (article 49): the report is due 3 working days after the inspection ends
  LEFT JOIN calendar_days report_due ON report_due.is_working AND report_due.working_day_index = start_day.working_day_index + 3
),
judged AS (
  SELECT u.*, due_day.next_working_day AS due, CAST($as_of AS DATE) AS as_of
  FROM untold_since u
  -- why (articles 49, 75): "同时书面告知" has no number of days; $prompt_notice_days natural
  -- days after the report reached the organiser, moved off rest days
  LEFT JOIN calendar_days due_day ON due_day.day = u.report_reached + CAST($prompt_notice_days AS INTEGER)
)
SELECT
  'A49P' AS rule, 49 AS article, 'statutory' AS severity, sample_id, task_id, sampled_region AS region_code,
  deadline_status(due, NULL, as_of) AS status,
  CAST(due AS VARCHAR) AS due,
  deadline_days_over(due, NULL, as_of) AS days_over,
  deadline_days_left(due, NULL, as_of) AS days_left,
  '样品 ' || sample_id || '：在' || channel || '环节的销售者处抽样，按第四十九条组织监督抽查的部门应同时书面告知样品标称的生产者；' ||
    '检验报告 ' || coalesce(CAST(report_reached AS VARCHAR), '（日期未知）') || ' 送达，按及时告知 ' ||
    CAST($prompt_notice_days AS VARCHAR) || ' 日计最迟 ' || due_text(due) || '；' ||
    deadline_clause('告知生产者', due, NULL, as_of) AS sentence
FROM judged
