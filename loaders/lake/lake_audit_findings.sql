-- The derived table audit_findings as the last refresh computed it (meta.as_of says as of which day).
SELECT * FROM audit_findings
