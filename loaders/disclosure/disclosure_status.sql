-- disclosure_status: one row per batch — may it be published as of $as_of, and if not,
-- which gate of rules.md ("Public disclosure gates") holds it first, why, and when that
-- gate can pass. Gates are checked in order P1, P2, P3; P4 (the field whitelist) never
-- holds a batch, it is applied to every published row (loaders/disclosure/whitelist.ts).
--
-- Only events dated on or before $as_of count, so a run for a past date gives the same
-- answer whatever was ingested later (the batch_results view uses every event; for an
-- as-of date after the last event both agree).
--
-- Needs calendar_days (loaders/calendar/calendar-table.ts): periods end per article 75.
--   $as_of  'YYYY-MM-DD'
WITH ev AS (
  SELECT sample_id, event, date, result
  FROM events
  WHERE date <= CAST($as_of AS DATE)
),
facts AS (
  SELECT
    sample_id,
    min(date) FILTER (WHERE event = '同意公开')                           AS approved_on,      -- P1, article 62
    min(date) FILTER (WHERE event = '不合格告知')                         AS notified_on,      -- article 51 ¶1
    min(date) FILTER (WHERE event = '公示送达')                           AS notice_posted_on, -- article 51 ¶2
    arg_max(result, date) FILTER (WHERE event = '复检结论')               AS recheck_conclusion, -- article 58: final
    max(date) FILTER (WHERE event = '复检结论')                           AS recheck_on,
    min(date) FILTER (WHERE event = '异议结论' AND result = '撤销')        AS revoked_on,       -- article 54 ¶1
    -- events that settle an objection (article 54: 维持/撤销; 54-55: 不予复检; 61: 终止复检; 58: 复检结论)
    max(date) FILTER (WHERE event IN ('异议结论', '不予复检', '终止复检', '复检结论')) AS settled_on,
    -- a re-inspection the bureau has set in motion (articles 54, 56) keeps the objection open
    max(date) FILTER (WHERE event IN ('复检通知', '办理复检手续', '确定复检机构'))   AS recheck_started_on
  FROM ev
  GROUP BY sample_id
),
windows AS (
  SELECT
    f.*,
    -- 公示送达 runs 15 days (article 51 ¶2); service takes effect when that period ends (article 75)
    posted_end.next_working_day AS notice_served_on,
    least(f.notified_on, posted_end.next_working_day) AS served_on,
    f.notice_posted_on IS NOT NULL AND posted_end.next_working_day IS NULL AS notice_beyond_calendar
  FROM facts f
  LEFT JOIN calendar_days posted_end
    ON posted_end.day = CAST(f.notice_posted_on + INTERVAL 15 DAY AS DATE) -- why: 发布期限为15日 (article 51)
),
windows_closed AS (
  SELECT
    w.*,
    -- objection window: 15 days from the written notice (article 52), last day rolled to a working day (article 75)
    window_end.next_working_day AS window_closes_on,
    w.served_on IS NOT NULL AND window_end.next_working_day IS NULL AS window_beyond_calendar
  FROM windows w
  LEFT JOIN calendar_days window_end
    ON window_end.day = CAST(w.served_on + INTERVAL 15 DAY AS DATE) -- why: 15日内提出书面异议 (article 52)
),
objections AS (
  -- An objection filed after its window closed does not reopen it (article 55 (一): 逾期 → 不予复检);
  -- if the bureau accepted one anyway, its 复检通知 keeps the batch open via recheck_started_on.
  SELECT
    e.sample_id,
    max(e.date) AS last_objection_on
  FROM ev e
  LEFT JOIN windows_closed w USING (sample_id)
  WHERE e.event = '异议申请'
    AND (w.window_closes_on IS NULL OR e.date <= w.window_closes_on)
  GROUP BY e.sample_id
),
state AS (
  SELECT
    b.sample_id,
    b.outcome,
    b.conclusion AS initial_conclusion,
    b.report_date,
    (b.outcome = '已抽样' AND b.conclusion IS NOT NULL) AS inspected,
    w.approved_on, w.served_on, w.notified_on, w.notice_posted_on, w.notice_served_on, w.window_closes_on,
    w.window_beyond_calendar, w.notice_beyond_calendar,
    w.recheck_conclusion, w.recheck_on, w.revoked_on, w.settled_on,
    greatest(o.last_objection_on, w.recheck_started_on) AS objection_open_since,
    -- the conclusion as of $as_of: the data contract's "final conclusion", on events up to $as_of
    CASE
      WHEN w.recheck_conclusion IS NOT NULL THEN w.recheck_conclusion
      WHEN w.revoked_on IS NOT NULL THEN NULL
      ELSE b.conclusion
    END AS conclusion,
    CASE
      WHEN w.recheck_conclusion IS NOT NULL THEN '复检'
      WHEN w.revoked_on IS NOT NULL THEN NULL
      ELSE '初检'
    END AS conclusion_by
  FROM batches b
  LEFT JOIN windows_closed w USING (sample_id)
  LEFT JOIN objections o USING (sample_id)
),
judged AS (
  SELECT
    s.*,
    CAST($as_of AS DATE) AS as_of_date,
    (s.objection_open_since IS NOT NULL AND (s.settled_on IS NULL OR s.settled_on < s.objection_open_since)) AS objection_pending,
    CASE
      WHEN NOT s.inspected OR s.conclusion IS NULL THEN NULL
      WHEN s.conclusion_by = '复检' THEN s.recheck_on                                          -- article 58
      WHEN s.objection_open_since IS NOT NULL AND s.settled_on >= s.objection_open_since THEN s.settled_on -- articles 54, 55, 61
      WHEN s.initial_conclusion = '合格' THEN s.report_date
      WHEN s.window_closes_on IS NOT NULL THEN CAST(s.window_closes_on + INTERVAL 1 DAY AS DATE) -- article 52: the day after the last day
    END AS final_on
  FROM state s
),
gated AS (
  SELECT
    j.*,
    CASE
      -- P1 (article 62 ¶2): 未经组织监督抽查的市场监督管理部门同意，任何单位和个人不得擅自公开
      WHEN j.approved_on IS NULL THEN 'P1'
      -- P2: only inspected batches with a conclusion are result rows (terminated, refused, unsampled are not)
      WHEN NOT j.inspected THEN 'P2'
      -- P3 (articles 52, 54, 58): the conclusion must be final
      WHEN j.conclusion IS NULL THEN 'P3'                                -- revoked (撤销), never published
      WHEN j.conclusion_by = '复检' THEN NULL                            -- 复检结论为最终结论 (article 58)
      WHEN j.objection_pending THEN 'P3'
      WHEN j.objection_open_since IS NOT NULL THEN NULL                  -- settled: 维持 / 不予复检 / 终止复检
      WHEN j.initial_conclusion = '合格' THEN NULL
      WHEN j.served_on IS NULL THEN 'P3'                                 -- no written notice: the window never opened
      WHEN j.window_closes_on IS NULL THEN 'P3'                          -- beyond the statutory calendar: cannot be judged
      WHEN j.as_of_date <= j.window_closes_on THEN 'P3'                  -- window still open (article 52)
      ELSE NULL
    END AS held_by
  FROM judged j
)
SELECT
  sample_id,
  held_by IS NULL AS published,
  held_by,
  CASE
    WHEN held_by = 'P1' THEN '尚无“同意公开”记录（截至 ' || $as_of || '），未经组织部门同意不得公开（第六十二条）'
    WHEN held_by = 'P2' AND outcome <> '已抽样' THEN '抽样结果为“' || outcome || '”，不是检验结果，不列入公开结果（第二十四、二十七、二十八条）'
    WHEN held_by = 'P2' THEN '已抽样但尚无检验结论，检验结果未出'
    WHEN held_by = 'P3' AND conclusion IS NULL THEN
      '异议结论于 ' || CAST(revoked_on AS VARCHAR) || ' 撤销原检验结论，该结论不予公开（第五十四条）'
    WHEN held_by = 'P3' AND objection_pending THEN
      '异议处理中（' || CAST(objection_open_since AS VARCHAR) || ' 起），尚无异议结论、不予复检、终止复检或复检结论（第五十二、五十四、五十八条）'
    WHEN held_by = 'P3' AND served_on IS NULL AND notice_posted_on IS NOT NULL THEN
      '公示送达发布于 ' || CAST(notice_posted_on AS VARCHAR) || '，送达日超出法定节假日数据覆盖范围，无法计算异议期（第五十一、七十五条）'
    WHEN held_by = 'P3' AND served_on IS NULL THEN
      '检验结论不合格，但没有“不合格告知”或“公示送达”记录：异议期尚未起算（第五十一、五十二条）'
    WHEN held_by = 'P3' AND window_closes_on IS NULL THEN
      '告知日 ' || CAST(served_on AS VARCHAR) || ' 起 15 日的异议期届满日超出法定节假日数据覆盖范围，无法判断（第五十二、七十五条）'
    WHEN held_by = 'P3' THEN
      '异议期未届满：告知日 ' || CAST(served_on AS VARCHAR) || '，异议期至 ' || CAST(window_closes_on AS VARCHAR) ||
      CASE WHEN CAST(served_on + INTERVAL 15 DAY AS DATE) <> window_closes_on
           THEN '（第 15 日 ' || CAST(CAST(served_on + INTERVAL 15 DAY AS DATE) AS VARCHAR) || ' 非工作日，按第七十五条顺延）'
           ELSE '' END ||
      '（第五十二条）'
    WHEN conclusion_by = '复检' THEN '已同意公开；复检结论为最终结论（第五十八条）'
    WHEN objection_open_since IS NOT NULL THEN '已同意公开；异议已处理完毕（第五十四、五十五、六十一条）'
    WHEN initial_conclusion = '合格' THEN '已同意公开；检验结论合格'
    ELSE '已同意公开；异议期于 ' || CAST(window_closes_on AS VARCHAR) || ' 届满，无异议申请（第五十二条）'
  END AS reason,
  CAST(CASE
    -- the holding gate opens by itself only when an objection window is running
    WHEN held_by = 'P3' AND NOT objection_pending AND conclusion IS NOT NULL AND window_closes_on IS NOT NULL
      THEN CAST(window_closes_on + INTERVAL 1 DAY AS DATE)
  END AS VARCHAR) AS can_pass_on,
  $as_of AS as_of,
  conclusion,
  conclusion_by,
  CAST(approved_on AS VARCHAR) AS approved_on,
  CAST(CASE WHEN held_by IS NULL THEN final_on END AS VARCHAR) AS final_on,
  CAST(served_on AS VARCHAR) AS served_on,
  CAST(window_closes_on AS VARCHAR) AS objection_window_closes_on
FROM gated
ORDER BY sample_id
