-- Reading a batches file (data-contract.md, `batches` columns): the file is read and parsed
-- once, into the temporary table parsed_batch_rows, which the checks and the insert then read:
--   parsed_batches(path)      every cell cleaned: a year, date or yes/no as its value (NULL where
--                             unreadable), its text kept as <column>_unreadable only then; a list
--                             as its text, and whether it is empty (<column>_empty)
--   numbered_batch_rows()     parsed_batch_rows with each row's record number, source_row, the
--                             region cells as codes and the extra cells as a map
--   checked_batches()         source_row, sample_id and which checks of its cells fail, as bits
--   batch_problems()          the problems of the rows that fail a check
--                             (a repeated key is found afterwards: first_pass_batches.sql)
--   normalized_batches()      the row in the database's types
-- Reads: staged_batches(path) (every contract key as raw VARCHAR, defined per file by
-- ingest.ts) and contract_values (the enumerations of loaders/contract/columns.ts).

CREATE OR REPLACE TEMP MACRO parsed_batches(path) AS TABLE
WITH cleaned AS (
  SELECT
    extra_values,
    clean(sample_id) AS sample_id, clean(task_id) AS task_id, clean(plan_year) AS plan_year,
    clean(level) AS level, clean(kind) AS kind, clean(organizer) AS organizer,
    clean(product_category) AS product_category, clean(product_name) AS product_name,
    clean(brand) AS brand, clean(model) AS model, clean(batch_no) AS batch_no, clean(standard) AS standard,
    clean(producer_name) AS producer_name, upper(clean(producer_uscc)) AS producer_uscc,
    clean(producer_address) AS producer_address, clean(producer_region) AS producer_region,
    clean(sampled_name) AS sampled_name, upper(clean(sampled_uscc)) AS sampled_uscc,
    clean(sampled_address) AS sampled_address, clean(sampled_region) AS sampled_region,
    clean(sampled_contact) AS sampled_contact, clean(sampled_phone) AS sampled_phone,
    clean(channel) AS channel, clean(platform) AS platform, clean(enterprise_size) AS enterprise_size,
    clean(sampling_date) AS sampling_date, clean(sampler_ids) AS sampler_ids,
    clean(sampling_agency) AS sampling_agency, clean(outcome) AS outcome, clean(onsite) AS onsite,
    clean(inspection_agency) AS inspection_agency, clean(inspector_ids) AS inspector_ids,
    clean(report_no) AS report_no, clean(report_date) AS report_date, clean(conclusion) AS conclusion,
    clean(failed_items) AS failed_items, clean(serious) AS serious
  FROM staged_batches(path)
),
parsed AS (
SELECT
  c.*,
  try_cast(CASE WHEN regexp_full_match(c.plan_year, '\d{4}') THEN c.plan_year END AS INTEGER) AS plan_year_value,
  parse_contract_date(c.sampling_date) AS sampling_date_value,
  parse_contract_date(c.report_date)   AS report_date_value,
  contract_list_is_empty(c.sampler_ids)  AS sampler_ids_empty,
  contract_list_is_empty(c.failed_items) AS failed_items_empty,
  parse_contract_boolean(c.onsite)     AS onsite_value,
  parse_contract_boolean(c.serious)    AS serious_value
FROM cleaned c
)
SELECT
  p.* EXCLUDE (plan_year, sampling_date, report_date, onsite, serious),
  -- The text of a cell that has a value only where the value cannot be read from it, for the
  -- problem to quote: a million dates kept twice, as text and as dates, made the table too big
  -- for its memory (issue 13). Lists stay text, parsed as they are inserted (normalized_batches):
  -- as lists they took more room and time than the text.
  CASE WHEN p.plan_year_value IS NULL THEN p.plan_year END         AS plan_year_unreadable,
  CASE WHEN p.sampling_date_value IS NULL THEN p.sampling_date END AS sampling_date_unreadable,
  CASE WHEN p.report_date_value IS NULL THEN p.report_date END     AS report_date_unreadable,
  CASE WHEN p.onsite_value IS NULL THEN p.onsite END               AS onsite_unreadable,
  CASE WHEN p.serious_value IS NULL THEN p.serious END             AS serious_unreadable
FROM parsed p;

-- The file read and parsed ONCE, into a temporary table the macros below read (issue 13: reading
-- the file a second time for the insert was half of ingest's time). DuckDB keeps it in memory up
-- to memory_limit and spills the rest to its temporary folder.
-- The read runs on every thread, and the table keeps the file's order: DuckDB guarantees it
-- (preserve_insertion_order, on) for SELECT and WHERE over a single table or table function,
-- not for joins or subqueries (DuckDB docs, "Order Preservation") — which is why parsed_batches
-- has neither. A row's place in the table, rowid, is then its record's place in the file, and
-- its record number is rowid + 2 (the header is record 1). test/ingest-rules.test.ts reads a
-- file in many parallel pieces and checks the numbers.
CREATE OR REPLACE TEMP TABLE parsed_batch_rows AS
SELECT * FROM parsed_batches($path);

-- The codes of the file that fail GB 32100-2015, each distinct code checked once: a file names
-- the same producers and shops again and again (the 1M-row sample has 0.57M distinct codes in
-- 2M cells), and the check is 17 weighted characters (issue 13). Two statements, so that the
-- check cannot be pushed below the DISTINCT (nor a materialized CTE run on one thread).
CREATE OR REPLACE TEMP TABLE distinct_usccs AS
SELECT DISTINCT code FROM (
  SELECT producer_uscc AS code FROM parsed_batch_rows
  UNION ALL
  SELECT sampled_uscc FROM parsed_batch_rows)
WHERE code IS NOT NULL;

CREATE OR REPLACE TEMP TABLE invalid_usccs AS
SELECT code FROM distinct_usccs WHERE NOT uscc_is_valid(code);

DROP TABLE distinct_usccs;

-- The rows with their record numbers, taken before the joins and subqueries (which do not keep
-- the order), the region cells as codes and the extra cells as a map.
CREATE OR REPLACE TEMP MACRO numbered_batch_rows() AS TABLE
SELECT CAST(p.rowid + 2 AS INTEGER) AS source_row, p.* EXCLUDE (extra_values),
  extra_columns(p.extra_values) AS extra_columns,
  sr.code AS sampled_region_code,
  CASE WHEN starts_with(p.producer_region, '市外') AND regexp_full_match(p.producer_region, '市外[:：].+')
       THEN '市外:' || clean(regexp_extract(p.producer_region, '市外[:：](.+)', 1))
       ELSE pr.code END AS producer_region_value
FROM parsed_batch_rows p
LEFT JOIN region_lookup sr ON sr.label = p.sampled_region
LEFT JOIN region_lookup pr ON pr.label = p.producer_region;

CREATE OR REPLACE TEMP MACRO normalized_batches() AS TABLE
SELECT
  source_row, extra_columns,
  sample_id, task_id, plan_year_value AS plan_year, level, kind, organizer, product_category, product_name,
  brand, model, batch_no, standard, producer_name, producer_uscc, producer_address,
  producer_region_value AS producer_region,
  CASE WHEN producer_region_value IS NULL THEN NULL ELSE NOT starts_with(producer_region_value, '市外:') END AS producer_in_city,
  sampled_name, sampled_uscc, sampled_address, sampled_region_code AS sampled_region, sampled_contact, sampled_phone,
  channel, platform, enterprise_size, sampling_date_value AS sampling_date, parse_contract_list(sampler_ids) AS sampler_ids,
  sampling_agency, outcome, coalesce(onsite_value, false) AS onsite,   -- default no (article 41)
  inspection_agency, parse_contract_list(inspector_ids) AS inspector_ids, report_no, report_date_value AS report_date,
  conclusion, parse_contract_list(failed_items) AS failed_items, coalesce(serious_value, false) AS serious
FROM numbered_batch_rows();

-- The checks of a row's cells, each as one bit of failed_checks: bit n is set when check n fails.
-- Integers, not the problems themselves: building a list of 35 problem structs for each of a
-- million rows, nearly all of them good, was two fifths of validation (issue 13). The problems
-- are spelled out below (batch_problems) for the failing rows only, by the same numbers; the
-- cells they quote are carried along.
CREATE OR REPLACE TEMP MACRO checked_batches() AS TABLE
SELECT source_row, sample_id, sampler_ids, plan_year_unreadable, level, kind, channel, enterprise_size,
  outcome, conclusion, sampling_date_unreadable, report_date_unreadable, onsite_unreadable, serious_unreadable,
  producer_uscc, sampled_uscc, sampled_region, producer_region,
    -- required columns (data-contract.md: required = yes)
    check_bit(0, sample_id IS NULL)
    | check_bit(1, task_id IS NULL)
    | check_bit(2, plan_year_value IS NULL AND plan_year_unreadable IS NULL)
    | check_bit(3, level IS NULL)
    | check_bit(4, kind IS NULL)
    | check_bit(5, organizer IS NULL)
    | check_bit(6, product_category IS NULL)
    | check_bit(7, product_name IS NULL)
    | check_bit(8, producer_name IS NULL)
    | check_bit(9, sampled_name IS NULL)
    | check_bit(10, sampled_region IS NULL)
    | check_bit(11, channel IS NULL)
    | check_bit(12, sampling_date_value IS NULL AND sampling_date_unreadable IS NULL)
    | check_bit(13, sampler_ids_empty)
    | check_bit(14, sampling_agency IS NULL)
    | check_bit(15, outcome IS NULL)
    -- types and enumerations
    | check_bit(16, plan_year_unreadable IS NOT NULL)
    | check_bit(17, level IS NOT NULL AND NOT list_contains((SELECT values FROM contract_values WHERE name = 'levels'), level))
    | check_bit(18, kind IS NOT NULL AND NOT list_contains((SELECT values FROM contract_values WHERE name = 'kinds'), kind))
    | check_bit(19, channel IS NOT NULL AND NOT list_contains((SELECT values FROM contract_values WHERE name = 'channels'), channel))
    | check_bit(20, enterprise_size IS NOT NULL AND NOT list_contains((SELECT values FROM contract_values WHERE name = 'sizes'), enterprise_size))
    | check_bit(21, outcome IS NOT NULL AND NOT list_contains((SELECT values FROM contract_values WHERE name = 'outcomes'), outcome))
    | check_bit(22, conclusion IS NOT NULL AND NOT list_contains((SELECT values FROM contract_values WHERE name = 'conclusions'), conclusion))
    | check_bit(23, sampling_date_unreadable IS NOT NULL)
    | check_bit(24, report_date_unreadable IS NOT NULL)
    | check_bit(25, onsite_unreadable IS NOT NULL)
    | check_bit(26, serious_unreadable IS NOT NULL)
    | check_bit(27, producer_uscc IN (SELECT code FROM invalid_usccs))
    | check_bit(28, sampled_uscc IN (SELECT code FROM invalid_usccs))
    | check_bit(29, sampled_region IS NOT NULL AND sampled_region_code IS NULL)
    | check_bit(30, producer_region IS NOT NULL AND producer_region_value IS NULL)
    -- conditional requirements
    | check_bit(31, channel = '电商' AND platform IS NULL)
    | check_bit(32, outcome = '已抽样' AND inspection_agency IS NULL)
    | check_bit(33, (report_date_value IS NOT NULL OR report_date_unreadable IS NOT NULL) AND conclusion IS NULL)
    | check_bit(34, conclusion = '不合格' AND failed_items_empty)
  AS failed_checks
FROM numbered_batch_rows();

-- The problems of each failing row (data-contract.md), check n's as problem_of_check(…, n, …).
CREATE OR REPLACE TEMP MACRO batch_problems() AS TABLE
SELECT source_row, sample_id,
  list_filter([
    -- required columns (data-contract.md: required = yes)
    problem_of_check(failed_checks, 0, 'sample_id', NULL, 'required', '样品编号为空（必填）'),
    problem_of_check(failed_checks, 1, 'task_id', NULL, 'required', '任务编号为空（必填）'),
    problem_of_check(failed_checks, 2, 'plan_year', NULL, 'required', '计划年度为空（必填）'),
    problem_of_check(failed_checks, 3, 'level', NULL, 'required', '抽查级别为空（必填，第五条）'),
    problem_of_check(failed_checks, 4, 'kind', NULL, 'required', '抽查类型为空（必填，第四条）'),
    problem_of_check(failed_checks, 5, 'organizer', NULL, 'required', '组织部门为空（必填）'),
    problem_of_check(failed_checks, 6, 'product_category', NULL, 'required', '产品类别为空（必填）'),
    problem_of_check(failed_checks, 7, 'product_name', NULL, 'required', '产品名称为空（必填）'),
    problem_of_check(failed_checks, 8, 'producer_name', NULL, 'required', '标称生产者名称为空（必填）'),
    problem_of_check(failed_checks, 9, 'sampled_name', NULL, 'required', '被抽样单位名称为空（必填）'),
    problem_of_check(failed_checks, 10, 'sampled_region', NULL, 'required', '被抽样单位所在区县为空（必填）'),
    problem_of_check(failed_checks, 11, 'channel', NULL, 'required', '抽样环节为空（必填，第十五条）'),
    problem_of_check(failed_checks, 12, 'sampling_date', NULL, 'required', '抽样日期为空（必填）'),
    problem_of_check(failed_checks, 13, 'sampler_ids', sampler_ids, 'required', '抽样人员编号为空（必填，第二十条）'),
    problem_of_check(failed_checks, 14, 'sampling_agency', NULL, 'required', '抽样机构为空（必填）'),
    problem_of_check(failed_checks, 15, 'outcome', NULL, 'required', '抽样结果为空（必填）'),
    -- types and enumerations
    problem_of_check(failed_checks, 16, 'plan_year', plan_year_unreadable, 'integer', '计划年度应为四位年份'),
    problem_of_check(failed_checks, 17, 'level', level, 'enum', '抽查级别只能是 国家 / 市级 / 区县级（第五条）'),
    problem_of_check(failed_checks, 18, 'kind', kind, 'enum', '抽查类型只能是 日常 / 专项（第四条）'),
    problem_of_check(failed_checks, 19, 'channel', channel, 'enum', '抽样环节只能是 生产 / 流通 / 电商（第十五条）'),
    problem_of_check(failed_checks, 20, 'enterprise_size', enterprise_size, 'enum', '企业规模只能是 大型 / 中型 / 小型 / 微型'),
    problem_of_check(failed_checks, 21, 'outcome', outcome, 'enum', '抽样结果只能是 已抽样 / 终止抽样 / 拒检 / 无法抽样（第二十四、二十七、二十八条）'),
    problem_of_check(failed_checks, 22, 'conclusion', conclusion, 'enum', '检验结论只能是 合格 / 不合格'),
    problem_of_check(failed_checks, 23, 'sampling_date', sampling_date_unreadable, 'date', '抽样日期不是有效日期（可用 YYYY-MM-DD、YYYY/M/D、YYYY.M.D、YYYY年M月D日）'),
    problem_of_check(failed_checks, 24, 'report_date', report_date_unreadable, 'date', '检验报告日期不是有效日期（可用 YYYY-MM-DD、YYYY/M/D、YYYY.M.D、YYYY年M月D日）'),
    problem_of_check(failed_checks, 25, 'onsite', onsite_unreadable, 'boolean', '现场检验应为 是/否（或 Y/N、true/false、1/0）'),
    problem_of_check(failed_checks, 26, 'serious', serious_unreadable, 'boolean', '严重质量问题应为 是/否（或 Y/N、true/false、1/0）'),
    problem_of_check(failed_checks, 27, 'producer_uscc', producer_uscc, 'uscc', '标称生产者统一社会信用代码不符合 GB 32100-2015（18位，校验码不符）'),
    problem_of_check(failed_checks, 28, 'sampled_uscc', sampled_uscc, 'uscc', '被抽样单位统一社会信用代码不符合 GB 32100-2015（18位，校验码不符）'),
    problem_of_check(failed_checks, 29, 'sampled_region', sampled_region, 'region', '被抽样单位所在区县不是第五条所列41个区县（含两江新区、重庆高新区、万盛经开区）之一'),
    problem_of_check(failed_checks, 30, 'producer_region', producer_region, 'region', '标称生产者所在地应为本市区县，或写作“市外:省份”'),
    -- conditional requirements
    problem_of_check(failed_checks, 31, 'platform', NULL, 'conditional', '抽样环节为电商时，电商平台必填（第三十四条）'),
    problem_of_check(failed_checks, 32, 'inspection_agency', NULL, 'conditional', '抽样结果为已抽样时，检验机构必填'),
    problem_of_check(failed_checks, 33, 'conclusion', NULL, 'conditional', '有检验报告日期时，检验结论必填'),
    problem_of_check(failed_checks, 34, 'failed_items', NULL, 'conditional', '检验结论为不合格时，不合格项目必填')
  ], p -> p IS NOT NULL) AS problems
FROM checked_batches()
WHERE failed_checks <> 0;
