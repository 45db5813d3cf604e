-- A56 (article 56): the organiser fixes the re-inspection agency (确定复检机构) within
-- 10 days of the applicant's 办理复检手续 (days per article 75), and in principle not
-- the agency that did the first inspection.
-- Findings, one row each:
--   late:  确定复检机构 after the 10 days, or missing once they have passed — unless the
--          re-inspection was ended (终止复检, article 61) or refused (不予复检) by then;
--          'open' while the 10 days are still running.
--   same agency: its agency equals the batch's inspection_agency (article 56 allows this
--          only when one agency in the city is qualified — the sentence says so). Not a
--          deadline: due is the day the agency was fixed.
WITH steps AS (
  SELECT sample_id,
    min(date) FILTER (WHERE event = '办理复检手续')              AS procedure_date,
    min(date) FILTER (WHERE event = '确定复检机构')              AS fixed_date,
    arg_min(agency, date) FILTER (WHERE event = '确定复检机构')  AS reinspection_agency,
    min(date) FILTER (WHERE event IN ('终止复检', '不予复检'))   AS ended_date
  FROM events
  WHERE event IN ('办理复检手续', '确定复检机构', '终止复检', '不予复检') AND date <= CAST($as_of AS DATE)
  GROUP BY sample_id
),
judged AS (
  SELECT s.*, b.task_id, b.sampled_region, b.inspection_agency,
    due_day.next_working_day AS due, CAST($as_of AS DATE) AS as_of
  FROM steps s
  JOIN batches b USING (sample_id)
  -- why (articles 56, 75): "自异议申请人办理复检手续之日起10日内确定复检机构"
  LEFT JOIN calendar_days due_day ON due_day.day = s.procedure_date + 10
),
late AS (
  SELECT
    'A56' AS rule, 56 AS article, 'statutory' AS severity, sample_id, task_id, sampled_region AS region_code,
    deadline_status(due, fixed_date, as_of) AS status,
    CAST(due AS VARCHAR) AS due,
    deadline_days_over(due, fixed_date, as_of) AS days_over,
    deadline_days_left(due, fixed_date, as_of) AS days_left,
    '样品 ' || sample_id || '：' || CAST(procedure_date AS VARCHAR) || ' 办理复检手续，按第五十六条应在 10 日内、最迟 ' ||
      due_text(due) || ' 确定复检机构；' || deadline_clause('确定复检机构', due, fixed_date, as_of) AS sentence
  FROM judged
  WHERE procedure_date IS NOT NULL
    AND ((fixed_date IS NOT NULL AND fixed_date > due)
      OR (fixed_date IS NULL AND NOT coalesce(ended_date <= coalesce(due, as_of), false)))
),
same_agency AS (
  SELECT
    'A56' AS rule, 56 AS article, 'statutory' AS severity, sample_id, task_id, sampled_region AS region_code,
    'violation' AS status, CAST(fixed_date AS VARCHAR) AS due,
    CAST(NULL AS INTEGER) AS days_over, CAST(NULL AS INTEGER) AS days_left,
    '样品 ' || sample_id || '：' || CAST(fixed_date AS VARCHAR) || ' 确定的复检机构「' || reinspection_agency ||
      '」就是初检机构，第五十六条规定复检机构原则上不得与初检机构为同一机构（市内仅一家机构具备资质的除外，请核实）。' AS sentence
  FROM judged
  WHERE fixed_date IS NOT NULL AND trim(reinspection_agency) = trim(inspection_agency)
)
SELECT * FROM late
UNION ALL
SELECT * FROM same_agency
