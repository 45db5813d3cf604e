-- The batches for the lake: every contract column but the sampled entity's contact person and
-- phone (personal data: 个人信息保护法 art. 6, only what the purpose needs — a province pools
-- results, not phone numbers) and the free extra columns (they may hold anything). Partitioned
-- by plan_year (the year a batch counts for, article 10's window), as Hive folders plan_year=2025/.
SELECT
  sample_id, task_id, plan_year, level, kind, organizer, product_category, product_name, brand, model,
  batch_no, standard, producer_name, producer_uscc, producer_address, producer_region, producer_in_city,
  sampled_name, sampled_uscc, sampled_address, sampled_region, channel, platform, enterprise_size,
  sampling_date, sampler_ids, sampling_agency, outcome, onsite, inspection_agency, inspector_ids,
  report_no, report_date, conclusion, failed_items, serious, ingest_id
FROM batches
ORDER BY plan_year, sample_id
