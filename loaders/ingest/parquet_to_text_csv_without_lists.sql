-- parquet_to_text_csv.sql for a file with no list-typed column (DuckDB refuses a COLUMNS(…)
-- that selects nothing): every column cast to text.
SELECT COLUMNS(*)::VARCHAR FROM read_parquet($path)
