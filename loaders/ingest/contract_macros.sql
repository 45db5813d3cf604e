-- Session macros that read the data contract's cell formats (data-contract.md).
-- Created as TEMP macros on the writer connection before validation.

-- Empty string = missing; surrounding whitespace is trimmed. "Whitespace" is the set of
-- TRIMMED_WHITESPACE_CODE_POINTS in loaders/contract/columns.ts (Unicode White_Space, U+3000
-- among them, plus U+180E, U+200B and U+FEFF), spelled out because RE2's \s lacks VT and every
-- non-ASCII space; test/contract-schemas.test.ts checks that this and the zod schemas agree.
CREATE OR REPLACE TEMP MACRO contract_whitespace() AS
  chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(133) || chr(160) || chr(5760) || chr(6158) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8203) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279);

-- Only a cell whose first or last character may be in the set goes through the regular
-- expression (in the sample, about one cell in two thousand). The first character's code point
-- is tested by range: every code point of the set is ≤ 32, in 133…12288 or 65279, and so is
-- the empty cell's ord(''), -1. Latin, Greek or Cyrillic letters fall in that range too and take
-- the regular expression for nothing; Chinese characters and full-width punctuation (、 is
-- 12289) do not. The last character is looked up in the set (finding it costs a scan of the
-- cell, so once). A regular expression on every cell was the largest part of reading a file
-- (issue 13); test/contract-schemas.test.ts checks each character of the set at both ends.
CREATE OR REPLACE TEMP MACRO clean(x) AS
  CASE WHEN ord(x) <= 32 OR ord(x) BETWEEN 133 AND 12288 OR ord(x) = 65279
            OR contains(contract_whitespace(), x[-1])
         THEN nullif(regexp_replace(x, '^[\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+|[\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+$', '', 'g'), '')
       ELSE x END;

-- Dates: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日. NULL when the text is not one of
-- those forms or not a real day (2024-02-30).
CREATE OR REPLACE TEMP MACRO parse_contract_date(x) AS
  CASE WHEN regexp_full_match(x, '\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日')
       THEN CAST(try_strptime(x, ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日']) AS DATE)
  END;

-- Lists: separated by ; ； or 、, each item trimmed, empty items dropped. The common case
-- (no whitespace of clean()'s set, no empty items: is_simple_contract_list) takes the fast
-- path without lambdas (and without a second regular expression: replace() is a plain search).
CREATE OR REPLACE TEMP MACRO is_simple_contract_list(x) AS
  regexp_full_match(x, '[^;；、\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+(?:[;；、][^;；、\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+)*');

CREATE OR REPLACE TEMP MACRO parse_contract_list(x) AS
  CASE WHEN x IS NULL THEN NULL
       WHEN is_simple_contract_list(x) THEN string_split(replace(replace(x, '；', ';'), '、', ';'), ';')
       ELSE list_filter(list_transform(regexp_split_to_array(x, '[;；、]'), i -> clean(i)), i -> i IS NOT NULL) END;

-- Whether a list cell has no item (missing, or nothing but separators and whitespace), told
-- without building the list in the common case: checking a file needs only this, and the
-- lists themselves are built once, as the rows are inserted (checked_batches.sql).
CREATE OR REPLACE TEMP MACRO contract_list_is_empty(x) AS
  CASE WHEN x IS NULL THEN true
       WHEN is_simple_contract_list(x) THEN false
       ELSE len(parse_contract_list(x)) = 0 END;

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

-- Check n of a row as bit n of an integer (checked_batches.sql): set when the check fails; a
-- condition that is NULL (a comparison with a missing cell) does not fail.
CREATE OR REPLACE TEMP MACRO check_bit(n, failed) AS
  CASE WHEN failed THEN CAST(1 AS BIGINT) << n ELSE CAST(0 AS BIGINT) END;

-- The problem of check n, or NULL when bit n of failed_checks is not set.
CREATE OR REPLACE TEMP MACRO problem_of_check(failed_checks, n, column_name, value, reason_code, reason) AS
  problem((failed_checks >> n) & 1 = 1, column_name, value, reason_code, reason);

-- A region cell may hold the code, the full name or the short name (data-contract.md, article 5).
CREATE OR REPLACE TEMP TABLE region_lookup AS
  SELECT code AS label, code FROM regions
  UNION SELECT name, code FROM regions
  UNION SELECT short_name, code FROM regions;

-- The cells of the columns outside the contract, as header → value (data-contract.md keeps
-- them, never validated). The headers are those of the file being read (extra_headers, set
-- per file by ingest.ts). An empty cell is missing (data-contract.md: empty string = missing)
-- and is left out, so a row whose extra cells are all empty, or a file without such columns,
-- has none (NULL): building and storing a map for each of a million rows whose remarks column
-- is mostly empty took 0.7 s of the batches insert (issue 13).
CREATE OR REPLACE TEMP TABLE extra_headers (headers VARCHAR[]);
CREATE OR REPLACE TEMP MACRO extra_columns(extra_values) AS
  CASE WHEN array_to_string(extra_values, '') <> ''
       THEN map(list_filter((SELECT headers FROM extra_headers), (header, i) -> extra_values[i] <> ''),
                list_filter(extra_values, value -> value <> '')) END;
