-- Statutory steps that fell due in the briefing's quarter and were missed, by region and
-- rule: the persisted audit findings (loaders/audit) with status 'violation' — done late,
-- or still not done at the audit's as-of date — whose last allowed day lies in
-- [$quarter_start, $quarter_end]. Only deadline rules count (days_over is set): rules
-- without a deadline (A16, A20, A22: due is the day of the act) are not overdue steps,
-- and informational rules (A15, A70) are left out. The region is the sampled unit's,
-- whose bureau handles the follow-up (article 63).
SELECT
  f.region_code,
  coalesce(r.name, '（未定区县）')                      AS region_name,
  f.rule,
  CAST(f.article AS INTEGER)                            AS article,
  CAST(count(*) AS INTEGER)                             AS overdue,
  CAST(max(f.days_over) AS INTEGER)                     AS max_days_over
FROM audit_findings f
LEFT JOIN regions r ON r.code = f.region_code
WHERE f.status = 'violation'
  AND f.severity = 'statutory'
  AND f.days_over IS NOT NULL
  AND CAST(f.due AS DATE) BETWEEN CAST($quarter_start AS DATE) AND CAST($quarter_end AS DATE)
GROUP BY ALL
ORDER BY overdue DESC, f.region_code, f.rule
