-- A15 (article 15): a plan's batches are split deliberately between production and
-- distribution, with e-commerce also covered. Informational (severity 'informational').
-- Finding: a plan year's task with no 流通 or no 电商 batch at all (any outcome), among
-- the batches sampled on or before as_of. Only the bureau's own tasks (level 市级 or
-- 区县级): national tasks (国家) are planned by SAMR, outside these measures (articles 2, 5). One finding per (plan_year, task_id): there is
-- no single batch at fault, so sample_id carries the task id (task_id repeats it).
-- region_code: the task's region when all its batches are in one region, else NULL
-- (a city-wide task). While the plan year is still running the finding is 'open' with
-- the days left to 31 December; after it, 'violation' (informational).
WITH tasks AS (
  SELECT plan_year, task_id,
    CAST(count(*) AS INTEGER) AS batches,
    CAST(count(*) FILTER (WHERE channel = '流通') AS INTEGER) AS distribution_batches,
    CAST(count(*) FILTER (WHERE channel = '电商') AS INTEGER) AS ecommerce_batches,
    CASE WHEN count(DISTINCT sampled_region) = 1 THEN min(sampled_region) END AS region_code,
    make_date(plan_year, 12, 31) AS year_end
  FROM batches
  WHERE sampling_date <= CAST($as_of AS DATE) AND level IN ('市级', '区县级')
  GROUP BY plan_year, task_id
)
SELECT
  'A15' AS rule, 15 AS article, 'informational' AS severity, task_id AS sample_id, task_id, region_code,
  CASE WHEN CAST($as_of AS DATE) > year_end THEN 'violation' ELSE 'open' END AS status,
  CAST(year_end AS VARCHAR) AS due,
  CAST(NULL AS INTEGER) AS days_over,
  CAST(CASE WHEN CAST($as_of AS DATE) <= year_end THEN date_diff('day', CAST($as_of AS DATE), year_end) END AS INTEGER) AS days_left,
  '（提示）' || CAST(plan_year AS VARCHAR) || ' 年度任务 ' || task_id || ' 截至 ' || CAST(CAST($as_of AS DATE) AS VARCHAR) ||
    ' 共 ' || CAST(batches AS VARCHAR) || ' 批次，其中' ||
    CASE WHEN distribution_batches = 0 AND ecommerce_batches = 0 THEN '流通领域和电子商务领域均为 0 批次'
         WHEN distribution_batches = 0 THEN '流通领域 0 批次'
         ELSE '电子商务领域 0 批次' END ||
    '；第十五条要求合理确定生产、流通领域批次比例并兼顾电子商务领域，请核实是否有意安排' ||
    CASE WHEN CAST($as_of AS DATE) <= year_end THEN '（计划年度尚未结束）。' ELSE '。' END AS sentence
FROM tasks
-- why (article 15): "合理确定生产领域、流通领域的批次数比例，同时兼顾电子商务领域的批次数"
WHERE distribution_batches = 0 OR ecommerce_batches = 0
