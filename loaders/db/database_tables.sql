-- The persistent tables of the main database (temp tables of this connection excluded:
-- a report's TEMP calendar_days says nothing about what the refresh wrote).
SELECT table_name
FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
ORDER BY table_name;
