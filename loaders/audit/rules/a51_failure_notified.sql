-- A51 (article 51): a 不合格 conclusion is notified in writing to the sampled party
-- (不合格告知), or — when written notice is impossible — by public notice (公示送达,
-- article 51 second paragraph), which the audit accepts as notification too.
-- Finding: an initial conclusion 不合格 with neither on or before as_of.
-- Deadline: article 51 says "及时" with no number of days. The audit allows
-- $prompt_notice_days natural days (article 75 counting) from the day the report reached
-- the organiser — its 报告报送, or, if missing, the day it was due (A49). Open until then.
WITH failed AS (
  SELECT sample_id, task_id, sampled_region, report_date
  FROM batches
  WHERE outcome = '已抽样' AND conclusion = '不合格'
    AND report_date IS NOT NULL AND report_date <= CAST($as_of AS DATE)
),
-- joined before aggregating, so only the failed batches' events are grouped
steps AS (
  SELECT f.sample_id, f.task_id, f.sampled_region, f.report_date,
    min(e.date) FILTER (WHERE e.event = '报告报送')                  AS sent_date,
    min(e.date) FILTER (WHERE e.event IN ('不合格告知', '公示送达')) AS notified_date
  FROM failed f
  LEFT JOIN events e ON e.sample_id = f.sample_id
    AND e.event IN ('报告报送', '不合格告知', '公示送达') AND e.date <= CAST($as_of AS DATE)
  GROUP BY f.sample_id, f.task_id, f.sampled_region, f.report_date
),
unnotified AS (
  SELECT s.*, coalesce(s.sent_date, report_due.day) AS report_reached
  FROM steps s
  JOIN calendar_days start_day ON start_day.day = s.report_date
  -- why (article 49): the report is due 3 working days after the inspection ends
  LEFT JOIN calendar_days report_due ON report_due.is_working AND report_due.working_day_index = start_day.working_day_index + 3
  WHERE s.notified_date IS NULL
),
judged AS (
  SELECT u.*, due_day.next_working_day AS due, CAST($as_of AS DATE) AS as_of
  FROM unnotified u
  -- why (articles 51, 75): "及时" has no number of days; $prompt_notice_days natural days
  -- after the report reached the organiser, moved off rest days
  LEFT JOIN calendar_days due_day ON due_day.day = u.report_reached + CAST($prompt_notice_days AS INTEGER)
)
SELECT
  'A51' AS rule, 51 AS article, 'statutory' AS severity, sample_id, task_id, sampled_region AS region_code,
  deadline_status(due, NULL, as_of) AS status,
  CAST(due AS VARCHAR) AS due,
  deadline_days_over(due, NULL, as_of) AS days_over,
  deadline_days_left(due, NULL, as_of) AS days_left,
  '样品 ' || sample_id || '：检验结论不合格，按第五十一条应及时书面告知被抽样对象（无法书面告知的可公示送达）；' ||
    '检验报告 ' || coalesce(CAST(report_reached AS VARCHAR), '（日期未知）') || ' 送达，按及时告知 ' ||
    CAST($prompt_notice_days AS VARCHAR) || ' 日计最迟 ' || due_text(due) || '；' ||
    deadline_clause('告知', due, NULL, as_of) AS sentence
FROM judged
