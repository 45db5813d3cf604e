-- First pass over a batches file: each row's key and problems (narrow, so it stays small).
-- The good rows are then read a second time straight into batches (upsert_batches.sql).
CREATE OR REPLACE TEMP TABLE checked_summary AS
SELECT source_row, sample_id, problems FROM checked_batches($path);
