-- public_notices: the two notices the public pages carry beside the results, as of the
-- as_of date of the persisted disclosure_status table.
--   社会公告 (article 67): batches announced after refusing rectification or failing the
--     re-check; only batches whose result is published (P1–P3) are listed.
--   公示送达 (article 51 ¶2): service by public notice when the producer cannot be reached in
--     writing; listed while its 15-day publication period runs (ends per article 75).
-- The descriptive fields come from view public_fields and pass the P4 whitelist in TypeScript.
WITH as_of_day AS (
  SELECT CAST(max(as_of) AS DATE) AS day FROM disclosure_status
),
social AS (
  SELECT e.sample_id, min(e.date) AS posted_on
  FROM events e, as_of_day
  WHERE e.event = '社会公告' AND e.date <= as_of_day.day
  GROUP BY e.sample_id
),
follow_up AS (
  -- what happened after the announcement (article 68), latest step first
  SELECT s.sample_id,
         arg_max(CAST(e.date AS VARCHAR) || ' ' || e.event || coalesce('：' || e.result, ''), e.date) AS latest_step
  FROM social s
  JOIN events e ON e.sample_id = s.sample_id AND e.date >= s.posted_on
  CROSS JOIN as_of_day
  WHERE e.event IN ('再次复查', '责令停业整顿', '第三次复查', '吊销营业执照') AND e.date <= as_of_day.day
  GROUP BY s.sample_id
),
service AS (
  SELECT e.sample_id, e.date AS posted_on, c.next_working_day AS ends_on
  FROM events e
  CROSS JOIN as_of_day
  LEFT JOIN calendar_days c ON c.day = CAST(e.date + INTERVAL 15 DAY AS DATE) -- why: 发布期限为15日 (article 51)
  WHERE e.event = '公示送达' AND e.date <= as_of_day.day
    AND (c.next_working_day IS NULL OR as_of_day.day <= c.next_working_day)
)
SELECT '社会公告' AS kind, CAST(s.posted_on AS VARCHAR) AS posted_on, NULL AS ends_on, u.latest_step, d.conclusion, f.*
FROM social s
JOIN disclosure_status d ON d.sample_id = s.sample_id AND d.published
JOIN public_fields f ON f.sample_id = s.sample_id
LEFT JOIN follow_up u ON u.sample_id = s.sample_id
UNION ALL BY NAME
SELECT '公示送达' AS kind, CAST(v.posted_on AS VARCHAR) AS posted_on, CAST(v.ends_on AS VARCHAR) AS ends_on, NULL AS latest_step, d.conclusion, f.*
FROM service v
JOIN disclosure_status d ON d.sample_id = v.sample_id
JOIN public_fields f ON f.sample_id = v.sample_id
ORDER BY kind, posted_on DESC, sample_id
