-- Session macros that read the data contract's cell formats (data-contract.md).
-- Created as TEMP macros on the writer connection before validation.

-- Empty string = missing; surrounding whitespace is trimmed. "Whitespace" is the set of
-- TRIMMED_WHITESPACE_CODE_POINTS in loaders/contract/columns.ts (Unicode White_Space, U+3000
-- among them, plus U+180E, U+200B and U+FEFF), spelled out because RE2's \s lacks VT and every
-- non-ASCII space; test/contract-schemas.test.ts checks that this and the zod schemas agree.
-- (The replace runs only on cells that need it.)
CREATE OR REPLACE TEMP MACRO clean(x) AS
  CASE WHEN x IS NULL THEN NULL
       WHEN regexp_matches(x, '^[\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]|[\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]$')
         THEN nullif(regexp_replace(x, '^[\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+|[\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+$', '', 'g'), '')
       ELSE nullif(x, '') END;

-- Dates: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日. NULL when the text is not one of
-- those forms or not a real day (2024-02-30).
CREATE OR REPLACE TEMP MACRO parse_contract_date(x) AS
  CASE WHEN regexp_full_match(x, '\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日')
       THEN CAST(try_strptime(x, ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日']) AS DATE)
  END;

-- Lists: separated by ; ； or 、, each item trimmed, empty items dropped. The common case
-- (no whitespace of clean()'s set, no empty items) takes the fast path without lambdas.
CREATE OR REPLACE TEMP MACRO parse_contract_list(x) AS
  CASE WHEN x IS NULL THEN NULL
       WHEN regexp_full_match(x, '[^;；、\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+(?:[;；、][^;；、\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+)*')
         THEN string_split(regexp_replace(x, '[；、]', ';', 'g'), ';')
       ELSE list_filter(list_transform(regexp_split_to_array(x, '[;；、]'), i -> clean(i)), i -> i IS NOT NULL) END;

-- Yes/no: 是/否, Y/N, true/false, 1/0 (case-insensitive for the Latin forms).
CREATE OR REPLACE TEMP MACRO parse_contract_boolean(x) AS
  CASE WHEN x IN ('是') OR lower(x) IN ('y', 'yes', 'true', '1') THEN true
       WHEN x IN ('否') OR lower(x) IN ('n', 'no', 'false', '0') THEN false END;

-- 统一社会信用代码, GB 32100-2015: 18 characters over the 31-character set (no I, O, S, V, Z);
-- the 18th is the check character: (31 - Σ(value_i × weight_i) mod 31) mod 31, with the
-- weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 (unrolled: lambdas are slow).
CREATE OR REPLACE TEMP MACRO uscc_is_valid(code) AS
  regexp_full_match(code, '[0-9A-HJ-NPQRTUWXY]{18}')
  AND (31 - ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[1]) - 1) * 1
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[2]) - 1) * 3
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[3]) - 1) * 9
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[4]) - 1) * 27
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[5]) - 1) * 19
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[6]) - 1) * 26
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[7]) - 1) * 16
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[8]) - 1) * 17
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[9]) - 1) * 20
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[10]) - 1) * 29
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[11]) - 1) * 25
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[12]) - 1) * 13
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[13]) - 1) * 8
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[14]) - 1) * 24
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[15]) - 1) * 10
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[16]) - 1) * 30
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[17]) - 1) * 28) % 31) % 31
      = strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[18]) - 1;

-- One problem of one cell, or NULL when the condition does not hold.
CREATE OR REPLACE TEMP MACRO problem(failed, column_name, value, reason_code, reason) AS
  CASE WHEN failed THEN {'column_name': column_name, 'value': value, 'reason_code': reason_code, 'reason': reason} END;

-- A region cell may hold the code, the full name or the short name (data-contract.md, article 5).
CREATE OR REPLACE TEMP TABLE region_lookup AS
  SELECT code AS label, code FROM regions
  UNION SELECT name, code FROM regions
  UNION SELECT short_name, code FROM regions;

-- The cells of the columns outside the contract, as header → value (data-contract.md keeps
-- them, never validated). The headers are those of the file being read (extra_headers, set
-- per file by ingest.ts); NULL when the file has no such column.
CREATE OR REPLACE TEMP TABLE extra_headers (headers VARCHAR[]);
CREATE OR REPLACE TEMP MACRO extra_columns(extra_values) AS
  CASE WHEN extra_values IS NOT NULL THEN map((SELECT headers FROM extra_headers), extra_values) END;
