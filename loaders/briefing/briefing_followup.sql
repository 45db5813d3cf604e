-- Follow-up of earlier failures, as the quarter closes: batches whose final conclusion is
-- 不合格 and that were sampled in the four quarters before the briefing's quarter
-- ([$followup_from, $quarter_start)), with what had happened by $quarter_end:
--   ordered    责令整改 issued (article 65)
--   rectified  整改报告 or 停产停售报告 received (article 65)
--   rechecked  复查 done (article 66), and its result
--   announced  社会公告 made after a failed or refused re-check (article 67)
-- By the region responsible for the follow-up (article 63: the sampled unit's region),
-- and in total (region_code NULL).
WITH failures AS (
  SELECT sample_id, sampled_region
  FROM batch_results
  WHERE final_conclusion = '不合格'
    AND sampling_date >= CAST($followup_from AS DATE)
    AND sampling_date < CAST($quarter_start AS DATE)
),
steps AS (
  SELECT
    e.sample_id,
    bool_or(e.event = '责令整改')                                  AS ordered,
    bool_or(e.event IN ('整改报告', '停产停售报告'))                 AS rectified,
    bool_or(e.event = '复查')                                      AS rechecked,
    arg_max(e.result, e.date) FILTER (WHERE e.event = '复查')       AS recheck_result,
    bool_or(e.event = '社会公告')                                  AS announced
  FROM events e
  WHERE e.date <= CAST($quarter_end AS DATE)
    AND e.sample_id IN (SELECT sample_id FROM failures)
  GROUP BY e.sample_id
)
SELECT
  CASE WHEN grouping(f.sampled_region) = 0 THEN f.sampled_region END            AS region_code,
  CASE WHEN grouping(f.sampled_region) = 0 THEN coalesce(min(r.name), f.sampled_region) ELSE '全市' END AS region_name,
  CAST(count(*) AS INTEGER)                                                      AS failures,
  CAST(count(*) FILTER (WHERE s.ordered) AS INTEGER)                             AS ordered,
  CAST(count(*) FILTER (WHERE s.rectified) AS INTEGER)                           AS rectified,
  CAST(count(*) FILTER (WHERE s.rechecked) AS INTEGER)                           AS rechecked,
  CAST(count(*) FILTER (WHERE s.recheck_result = '合格') AS INTEGER)             AS recheck_passed,
  CAST(count(*) FILTER (WHERE s.recheck_result = '不合格') AS INTEGER)           AS recheck_failed,
  CAST(count(*) FILTER (WHERE s.announced) AS INTEGER)                           AS announced,
  CAST(count(*) FILTER (WHERE s.ordered IS NOT TRUE) AS INTEGER)                 AS not_ordered
FROM failures f
LEFT JOIN steps s USING (sample_id)
LEFT JOIN regions r ON r.code = f.sampled_region
GROUP BY GROUPING SETS ((), (f.sampled_region))
ORDER BY grouping(f.sampled_region) DESC, failures DESC, f.sampled_region
