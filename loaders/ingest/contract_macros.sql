-- Session macros that read the data contract's cell formats (data-contract.md).
-- Created as TEMP macros on the writer connection before validation.

-- Empty string = missing; surrounding whitespace, including the full-width space U+3000, is trimmed.
CREATE OR REPLACE TEMP MACRO clean(x) AS
  nullif(trim(x, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(160) || chr(12288)), '');

-- Dates: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日. NULL when the text is not one of
-- those forms or not a real day (2024-02-30).
CREATE OR REPLACE TEMP MACRO parse_contract_date(x) AS
  CASE WHEN regexp_full_match(x, '\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日')
       THEN try_cast(printf('%s-%02d-%02d',
              regexp_extract_all(x, '\d+')[1],
              CAST(regexp_extract_all(x, '\d+')[2] AS INTEGER),
              CAST(regexp_extract_all(x, '\d+')[3] AS INTEGER)) AS DATE)
  END;

-- Lists: separated by ; ； or 、, each item trimmed, empty items dropped.
CREATE OR REPLACE TEMP MACRO parse_contract_list(x) AS
  CASE WHEN x IS NOT NULL THEN list_filter(list_transform(regexp_split_to_array(x, '[;；、]'), i -> clean(i)), i -> i IS NOT NULL) END;

-- Yes/no: 是/否, Y/N, true/false, 1/0 (case-insensitive for the Latin forms).
CREATE OR REPLACE TEMP MACRO parse_contract_boolean(x) AS
  CASE WHEN x IN ('是') OR lower(x) IN ('y', 'yes', 'true', '1') THEN true
       WHEN x IN ('否') OR lower(x) IN ('n', 'no', 'false', '0') THEN false END;

-- 统一社会信用代码, GB 32100-2015: 18 characters over the 31-character set (no I, O, S, V, Z);
-- the 18th is the check character: (31 - Σ(value_i × weight_i) mod 31) mod 31.
CREATE OR REPLACE TEMP MACRO uscc_is_valid(code) AS
  regexp_full_match(code, '[0-9A-HJ-NPQRTUWXY]{18}')
  AND (31 - list_sum(list_transform(range(17), i ->
          (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, i + 1, 1)) - 1)
          * [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28][i + 1])) % 31) % 31
      = strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 18, 1)) - 1;

-- One problem of one cell, or NULL when the condition does not hold.
CREATE OR REPLACE TEMP MACRO problem(failed, column_name, value, reason_code, reason) AS
  CASE WHEN failed THEN {'column_name': column_name, 'value': value, 'reason_code': reason_code, 'reason': reason} END;

-- A region cell may hold the code, the full name or the short name (data-contract.md, article 5).
CREATE OR REPLACE TEMP TABLE region_lookup AS
  SELECT code AS label, code FROM regions
  UNION SELECT name, code FROM regions
  UNION SELECT short_name, code FROM regions;
