-- A Parquet file with the contract's columns, as the UTF-8 text CSV every other input becomes,
-- so that it meets exactly the same validation and quarantine messages (issue 13). Lists
-- (failed_items, sampler_ids …) are joined with ";" as the contract writes them; every other
-- column is cast to text (DATE → YYYY-MM-DD, BOOLEAN → true/false, both of which the contract
-- reads). $lists names the file's list-typed columns (from DESCRIBE), passed as a value, never
-- spliced. Hive folders in the path (plan_year=2025/, as `spotcheck export` writes) become
-- columns, so a lake's leaf file carries its plan_year back.
SELECT
  array_to_string(COLUMNS(c -> list_contains($lists, c)), ';'),
  COLUMNS(c -> NOT list_contains($lists, c))::VARCHAR
FROM read_parquet($path)
