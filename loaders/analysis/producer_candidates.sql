-- The producers a `spotcheck producer` query names (issue 14): a 统一社会信用代码, a
-- producer's name exactly as the batches write it, or a producer id ("name:<名称>", the
-- workbench's id for a producer whose batches carry no USCC). A producer is its USCC when
-- the batch has one, else its name (the same identity as repeat_offenders.sql and the
-- industry flags' failing_producers, article 72). One name can belong to several producers
-- (namesakes with different USCCs, or one with and one without): every match is listed,
-- and the caller asks which one is meant. Only batches sampled by $as_of count.
WITH producers AS (
  SELECT coalesce(producer_uscc, 'name:' || producer_name) AS producer_id, producer_uscc, producer_name, sampling_date, sample_id
  FROM batches
  WHERE sampling_date <= $as_of::DATE
),
matched AS (
  SELECT DISTINCT producer_id
  FROM producers
  WHERE producer_uscc = upper(trim($query)) OR producer_name = trim($query) OR producer_id = trim($query)
)
SELECT
  p.producer_id,
  any_value(p.producer_uscc) AS producer_uscc,
  arg_max(p.producer_name, (p.sampling_date, p.sample_id)) AS producer_name,
  list_sort(list(DISTINCT p.producer_name)) AS names,
  CAST(count(*) AS INTEGER) AS batches,
  strftime(max(p.sampling_date), '%Y-%m-%d') AS last_sampling_date
FROM producers p
JOIN matched m USING (producer_id)
GROUP BY p.producer_id
ORDER BY p.producer_id
