-- annual_batches($published_only): the batches an annual report counts (issue 14), one row
-- each, as a TEMP table macro so that every annual_*.sql file reads the same two scopes:
--   published_only = true   the public page /public/annual/<year>: only batches that passed
--                           every publication gate (persisted table disclosure_status, P1–P3,
--                           through TEMP view annual_publication: annual_publication*.sql;
--                           article 62: results are published once the organiser approved
--                           them), with the conclusion they are published with;
--   published_only = false  the leadership's report: every inspected batch with a final
--                           conclusion (batch_results: 复检 wins, article 58; 撤销 removes, article 54).
-- A year is the sampling year (as the quarterly 通告 are by sampling quarter).
-- An enterprise is the nominal producer (标称生产者): its USCC when the batch has one, else
-- its name as written — the same key as repeat_offenders.sql, so the counts agree.
-- Failing items count only for a batch that is 不合格 in the scope (a re-inspection that found
-- the product conforming leaves no failing item, article 58).
CREATE OR REPLACE TEMP MACRO annual_batches(published_only) AS TABLE
SELECT
  b.sample_id,
  b.sampling_year                                                    AS year,
  b.product_category,
  b.sampled_region,
  b.channel,
  -- the contract allows no value (enterprise_size is optional): such batches are 未填报, not dropped
  coalesce(b.enterprise_size, '未填报')                               AS enterprise_size,
  coalesce(b.producer_uscc, 'name:' || b.producer_name)              AS producer_key,
  (CASE WHEN published_only THEN d.conclusion ELSE b.final_conclusion END) = '不合格' AS failed,
  coalesce(b.failed_items, [])                                       AS failed_items
FROM batch_results b
LEFT JOIN annual_publication d USING (sample_id)
WHERE CASE WHEN published_only THEN coalesce(d.published, false) ELSE b.final_conclusion IS NOT NULL END
