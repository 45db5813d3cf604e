-- checked_events(): every row of an events file, normalised, with the problems that keep
-- it out (data-contract.md, `events` columns and the event table).
-- Reads: staged_event_rows (the file as read, below) and contract_values (event types, results per event, and the
-- events that need an agency, from loaders/contract/columns.ts).
-- The file as read, on every thread, in the file's order: a row's place (rowid) gives its record
-- number, rowid + 2, the header being record 1 (as for batches, checked_batches.sql).
CREATE OR REPLACE TEMP TABLE staged_event_rows AS
SELECT * FROM staged_events($path);

CREATE OR REPLACE TEMP MACRO checked_events() AS TABLE
WITH cleaned AS (
  SELECT CAST(rowid + 2 AS INTEGER) AS source_row, extra_columns(extra_values) AS extra_columns,
    clean(sample_id) AS sample_id, clean(event) AS event, clean(date) AS date,
    clean(result) AS result, clean(agency) AS agency, clean(note) AS note
  FROM staged_event_rows
),
parsed AS (
  SELECT c.*, parse_contract_date(c.date) AS date_value, r.results AS allowed_results
  FROM cleaned c
  LEFT JOIN event_results r ON r.event = c.event
),
-- A key (sample, event, date) repeated within the file keeps its first row. Found by grouping,
-- not by a window that sorts every row by its key (issue 13; as for batches).
repeated_keys AS (
  SELECT sample_id, event, date_value, min(source_row) AS first_row
  FROM parsed
  WHERE sample_id IS NOT NULL AND date_value IS NOT NULL
  GROUP BY sample_id, event, date_value
  HAVING count(*) > 1
),
keyed AS (
  SELECT p.*, k.first_row
  FROM parsed p
  LEFT JOIN repeated_keys k
    ON k.sample_id = p.sample_id AND k.event IS NOT DISTINCT FROM p.event AND k.date_value = p.date_value
)
SELECT
  source_row, extra_columns, sample_id, event, date_value AS date, result, agency, note,
  list_filter([
    problem(sample_id IS NULL, 'sample_id', NULL, 'required', '样品编号为空（必填）'),
    problem(event IS NULL, 'event', NULL, 'required', '事件为空（必填）'),
    problem(date IS NULL, 'date', NULL, 'required', '日期为空（必填）'),
    problem(event IS NOT NULL AND NOT list_contains((SELECT values FROM contract_values WHERE name = 'event_types'), event), 'event', event, 'enum', '事件不是数据规范所列事件之一（报告报送、不合格告知、异议申请……）'),
    problem(date IS NOT NULL AND date_value IS NULL, 'date', date, 'date', '日期不是有效日期（可用 YYYY-MM-DD、YYYY/M/D、YYYY.M.D、YYYY年M月D日）'),
    problem(allowed_results IS NOT NULL AND result IS NULL, 'result', NULL, 'conditional', '该事件必须填写结果：' || array_to_string(allowed_results, ' / ')),
    problem(allowed_results IS NOT NULL AND result IS NOT NULL AND NOT list_contains(allowed_results, result), 'result', result, 'enum', '该事件的结果只能是 ' || array_to_string(allowed_results, ' / ')),
    problem(list_contains((SELECT values FROM contract_values WHERE name = 'agency_required_events'), event) AND agency IS NULL, 'agency', NULL, 'conditional', '确定复检机构必须填写复检机构（第五十六条）'),
    problem(source_row > first_row, 'event', event, 'duplicate_key', '同一样品、事件、日期在本文件中重复（首次出现于第' || first_row || '行）')
  ], p -> p IS NOT NULL) AS problems
FROM keyed
