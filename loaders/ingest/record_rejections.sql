-- One line per problem of each rejected row; a re-ingest of a file with the same
-- name replaces that file's earlier rejections. Params: $ingest_id, $file_name, $file_kind.
DELETE FROM rejected_rows WHERE file_name = $file_name;

INSERT INTO rejected_rows
SELECT $ingest_id, $file_name, $file_kind, source_row, sample_id,
       p.column_name, p.value, p.reason_code, p.reason
FROM (SELECT source_row, sample_id, unnest(problems) AS p FROM checked_summary);
