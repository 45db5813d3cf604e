-- One audit rule's findings for the audit page, each with its evidence: the batch's
-- record (what, where, when, which conclusion) and its events in date order. Notes,
-- contact persons, phones and staff codes are left out. Violations first, the longest
-- overdue first, then open findings with the fewest days left; at most $max_rows rows
-- (the CLI `spotcheck audit --rule X --format csv` lists them all).
WITH chosen AS (
  SELECT *
  FROM audit_findings
  WHERE rule = $rule
  ORDER BY status DESC, days_over DESC NULLS LAST, days_left NULLS LAST, sample_id, due
  LIMIT $max_rows
),
timeline AS (
  SELECT e.sample_id,
         string_agg(CAST(e.date AS VARCHAR) || ' ' || e.event || coalesce('（' || e.result || '）', ''), '；' ORDER BY e.date, e.event) AS events
  FROM events e
  WHERE e.sample_id IN (SELECT sample_id FROM chosen)
  GROUP BY e.sample_id
)
SELECT
  c.rule, CAST(c.article AS INTEGER) AS article, c.severity, c.status, c.sample_id, c.task_id,
  c.region_code, r.name AS region_name, c.due,
  CAST(c.days_over AS INTEGER) AS days_over, CAST(c.days_left AS INTEGER) AS days_left, c.sentence,
  b.product_category, b.product_name, b.sampled_name, b.producer_name,
  -- the producer's page /workbench/producer?id=… (issue 14): its USCC, else name:<名称>
  coalesce(b.producer_uscc, 'name:' || b.producer_name) AS producer_id,
  b.channel, b.level,
  CAST(b.sampling_date AS VARCHAR) AS sampling_date, CAST(b.report_date AS VARCHAR) AS report_date,
  b.conclusion, b.final_conclusion, t.events
FROM chosen c
LEFT JOIN batch_results b ON b.sample_id = c.sample_id
LEFT JOIN regions r ON r.code = c.region_code
LEFT JOIN timeline t ON t.sample_id = c.sample_id
ORDER BY c.status DESC, c.days_over DESC NULLS LAST, c.days_left NULLS LAST, c.sample_id, c.due
