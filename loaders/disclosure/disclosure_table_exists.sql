-- kept until loaders/site/ moves (issue 11): loaders/site/public-paths.ts reads it; everything else asks tableExists (loaders/db/metadata.ts).
-- disclosure_table_exists: whether the refresh has written table disclosure_status yet.
SELECT count(*) > 0 AS present FROM duckdb_tables() WHERE table_name = 'disclosure_status' AND NOT temporary
