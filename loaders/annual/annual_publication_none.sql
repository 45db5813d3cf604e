-- annual_publication before any gate decision is persisted (no disclosure_status table yet,
-- e.g. a database never refreshed): nothing is published, and the "all" scope, which needs no
-- decision, still reads every batch (annual_batches_macro.sql).
CREATE OR REPLACE TEMP VIEW annual_publication AS
SELECT CAST(NULL AS VARCHAR) AS sample_id, false AS published, CAST(NULL AS VARCHAR) AS conclusion
WHERE false
