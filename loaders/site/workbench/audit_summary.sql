-- The persisted audit findings (loaders/audit/audit.ts) counted by rule, status and region,
-- for the audit page's overview. Every finding is counted, however many there are.
SELECT
  f.rule, CAST(f.article AS INTEGER) AS article, f.severity, f.status, f.region_code,
  coalesce(r.name, '（跨区县或未定）') AS region_name,
  CAST(count(*) AS INTEGER) AS findings,
  CAST(max(f.days_over) AS INTEGER) AS max_days_over
FROM audit_findings f
LEFT JOIN regions r ON r.code = f.region_code
GROUP BY ALL
ORDER BY article, rule, status DESC, findings DESC, region_code
