-- The spotcheck database model. Written only by the ingest process (one writer).
-- Every table and column here is an interface: analysis, audit, disclosure and
-- the site read them. See loaders/README.md for what a row is and its key.

-- The 41 units of article 5 (38 districts and counties, 两江新区, 重庆高新区, 万盛经开区).
CREATE TABLE IF NOT EXISTS regions (
  code        VARCHAR PRIMARY KEY,
  name        VARCHAR NOT NULL,
  short_name  VARCHAR NOT NULL,
  type        VARCHAR NOT NULL
);

-- One sampled batch (批次). Key: sample_id. Values are validated and normalised:
-- regions are codes, dates are DATE, lists are VARCHAR[], yes/no are BOOLEAN.
CREATE TABLE IF NOT EXISTS batches (
  sample_id          VARCHAR NOT NULL,
  task_id            VARCHAR NOT NULL,
  plan_year          INTEGER NOT NULL,
  level              VARCHAR NOT NULL,   -- 国家 / 市级 / 区县级 (article 5)
  kind               VARCHAR NOT NULL,   -- 日常 / 专项 (article 4)
  organizer          VARCHAR NOT NULL,
  product_category   VARCHAR NOT NULL,
  product_name       VARCHAR NOT NULL,
  brand              VARCHAR,
  model              VARCHAR,
  batch_no           VARCHAR,
  standard           VARCHAR,
  producer_name      VARCHAR NOT NULL,
  producer_uscc      VARCHAR,
  producer_address   VARCHAR,
  producer_region    VARCHAR,            -- a region code, or '市外:<省份>'
  producer_in_city   BOOLEAN,            -- NULL when producer_region is missing
  sampled_name       VARCHAR NOT NULL,
  sampled_uscc       VARCHAR,
  sampled_address    VARCHAR,
  sampled_region     VARCHAR NOT NULL,   -- a region code
  sampled_contact    VARCHAR,            -- personal data: never published (P4)
  sampled_phone      VARCHAR,            -- personal data: never published (P4)
  channel            VARCHAR NOT NULL,   -- 生产 / 流通 / 电商 (article 15)
  platform           VARCHAR,
  enterprise_size    VARCHAR,            -- 大型 / 中型 / 小型 / 微型
  sampling_date      DATE NOT NULL,
  sampler_ids        VARCHAR[] NOT NULL,
  sampling_agency    VARCHAR NOT NULL,
  outcome            VARCHAR NOT NULL,   -- 已抽样 / 终止抽样 / 拒检 / 无法抽样 (articles 24, 27, 28)
  onsite             BOOLEAN NOT NULL,   -- default false (article 41)
  inspection_agency  VARCHAR,
  inspector_ids      VARCHAR[],
  report_no          VARCHAR,
  report_date        DATE,
  conclusion         VARCHAR,            -- initial conclusion 合格 / 不合格
  failed_items       VARCHAR[],
  serious            BOOLEAN NOT NULL,   -- article 71; missing = false
  extra_columns      MAP(VARCHAR, VARCHAR), -- columns outside the contract, kept aside
  source_file        VARCHAR NOT NULL,
  source_row         INTEGER NOT NULL,   -- record number in the file, header = row 1
  ingest_id          INTEGER NOT NULL
);

-- One step in a batch's life after sampling. Key: (sample_id, event, date).
CREATE TABLE IF NOT EXISTS events (
  sample_id    VARCHAR NOT NULL,
  event        VARCHAR NOT NULL,
  date         DATE NOT NULL,
  result       VARCHAR,
  agency       VARCHAR,
  note         VARCHAR,                  -- internal; never published (P4)
  extra_columns MAP(VARCHAR, VARCHAR),
  source_file  VARCHAR NOT NULL,
  source_row   INTEGER NOT NULL,
  ingest_id    INTEGER NOT NULL
);

-- Valid events whose batch is not known yet. Key: (sample_id, event, date).
-- Every ingest moves the ones whose batch has arrived into events.
CREATE TABLE IF NOT EXISTS pending_events (
  sample_id    VARCHAR NOT NULL,
  event        VARCHAR NOT NULL,
  date         DATE NOT NULL,
  result       VARCHAR,
  agency       VARCHAR,
  note         VARCHAR,
  extra_columns MAP(VARCHAR, VARCHAR),
  source_file  VARCHAR NOT NULL,
  source_row   INTEGER NOT NULL,
  ingest_id    INTEGER NOT NULL
);

-- One rejected cell reason of one row. A row with several problems has several
-- lines. Key: (ingest_id, row_number, column_name). A re-ingest of a file with the
-- same name replaces that file's earlier rejections.
CREATE TABLE IF NOT EXISTS rejected_rows (
  ingest_id    INTEGER NOT NULL,
  file_name    VARCHAR NOT NULL,
  file_kind    VARCHAR NOT NULL,         -- batches / events
  row_number   INTEGER NOT NULL,         -- header = row 1
  sample_id    VARCHAR,
  column_name  VARCHAR NOT NULL,         -- contract key (English)
  value        VARCHAR,
  reason_code  VARCHAR NOT NULL,         -- stable: required, enum, date, uscc, region, ...
  reason       VARCHAR NOT NULL          -- plain Chinese sentence
);

-- One ingested (or refused) file. Key: ingest_id.
CREATE TABLE IF NOT EXISTS ingest_log (
  ingest_id      INTEGER NOT NULL,
  file_name      VARCHAR NOT NULL,
  content_sha256 VARCHAR NOT NULL,
  file_kind      VARCHAR NOT NULL,
  encoding       VARCHAR NOT NULL,
  rows_read      INTEGER NOT NULL,
  rows_loaded    INTEGER NOT NULL,
  rows_rejected  INTEGER NOT NULL,
  rows_pending   INTEGER NOT NULL,       -- events waiting for their batch
  events_released INTEGER NOT NULL,      -- earlier pending events taken in by this file
  extra_columns  VARCHAR[] NOT NULL,
  ingested_at    TIMESTAMP NOT NULL
);

-- Key/value facts about the derived tables, written by the refresh in the transaction that
-- writes them: as_of, catalogue_year (what they were computed for) and derived_from (what
-- they were computed from: ingested_data_fingerprint.sql, as JSON). See loaders/README.md,
-- "Derived tables follow the data".
CREATE TABLE IF NOT EXISTS meta (
  key   VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);
