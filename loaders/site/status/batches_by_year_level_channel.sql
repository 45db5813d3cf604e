-- Batches in the database by plan year, level (article 5) and channel (article 15),
-- with how many were inspected and how many of those have a final conclusion.
SELECT
  plan_year,
  level,
  channel,
  CAST(count(*) AS INTEGER)                                         AS batches,
  CAST(count(*) FILTER (WHERE inspected) AS INTEGER)                AS inspected,
  CAST(count(*) FILTER (WHERE final_conclusion IS NOT NULL) AS INTEGER) AS with_final_conclusion,
  CAST(count(*) FILTER (WHERE outcome <> '已抽样') AS INTEGER)       AS not_sampled
FROM batch_results
GROUP BY ALL
ORDER BY plan_year, level, channel;
