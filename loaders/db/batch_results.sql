-- View batch_results: every batch with its derived terms (data-contract.md, "Derived terms").
-- Analysis, audit, disclosure and the site read this view, never re-derive them.
CREATE OR REPLACE VIEW batch_results AS
WITH event_outcomes AS (
  SELECT
    sample_id,
    -- 复检结论 is final (article 58); if an export carries two, the latest one counts.
    arg_max(result, date) FILTER (WHERE event = '复检结论')           AS recheck_conclusion,
    -- an 异议结论 of 撤销 revokes the initial conclusion (article 54)
    coalesce(bool_or(event = '异议结论' AND result = '撤销'), false)  AS revoked
  FROM events
  WHERE event IN ('复检结论', '异议结论')  -- the only events that change a conclusion: far fewer rows to group
  GROUP BY sample_id
)
SELECT
  b.*,
  (b.outcome = '已抽样' AND b.conclusion IS NOT NULL)                AS inspected,
  e.recheck_conclusion,
  coalesce(e.revoked, false)                                         AS revoked,
  CASE
    WHEN NOT (b.outcome = '已抽样' AND b.conclusion IS NOT NULL) THEN NULL
    WHEN e.recheck_conclusion IS NOT NULL THEN e.recheck_conclusion
    WHEN coalesce(e.revoked, false) THEN NULL
    ELSE b.conclusion
  END                                                                AS final_conclusion,
  CASE
    WHEN NOT (b.outcome = '已抽样' AND b.conclusion IS NOT NULL) THEN NULL
    WHEN e.recheck_conclusion IS NOT NULL THEN '复检'
    WHEN coalesce(e.revoked, false) THEN NULL
    ELSE '初检'
  END                                                                AS final_by,
  CAST(year(b.sampling_date) AS INTEGER)                             AS sampling_year,
  CAST(year(b.sampling_date) AS VARCHAR) || 'Q' || CAST(quarter(b.sampling_date) AS VARCHAR) AS quarter,
  CASE WHEN b.producer_in_city IS NULL THEN NULL WHEN b.producer_in_city THEN '市内' ELSE '市外' END AS producer_scope
FROM batches b
LEFT JOIN event_outcomes e USING (sample_id);
