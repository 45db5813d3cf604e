-- A22 (article 22, second paragraph): a lower level may not sample again, within six
-- months, the same producer's product made to the same standard with the same brand and
-- model that a higher level sampled (国家 > 市级 > 区县级).
-- Exempt (article 22): follow-up sampling of a failed product — read here as: the higher
-- level's batch had the initial conclusion 不合格 — and special checks (kind 专项, which
-- article 4 defines as tracking problem products or responding to emergencies).
-- "Same product" needs all four of producer_name, standard, brand, model present and equal.
-- "Within six months": after the higher level's sampling day, up to the same calendar day
-- six months later (month arithmetic, clamped to the month's end). Not a deadline period of
-- article 75: nothing is rolled. The finding names the lower level's (later) batch and,
-- in the sentence, the latest higher-level batch it repeats.
WITH sampled AS (
  SELECT sample_id, task_id, sampled_region, level, kind, sampling_date,
    producer_name, standard, brand, model,
    CASE level WHEN '国家' THEN 3 WHEN '市级' THEN 2 WHEN '区县级' THEN 1 END AS level_rank,
    coalesce(conclusion, '') = '不合格' AS failed
  FROM batches
  WHERE outcome = '已抽样' AND sampling_date <= CAST($as_of AS DATE)
    AND standard IS NOT NULL AND brand IS NOT NULL AND model IS NOT NULL
),
-- only products sampled by more than one level can repeat; this keeps the pair join small
multi_level_products AS (
  SELECT producer_name, standard, brand, model
  FROM sampled
  GROUP BY producer_name, standard, brand, model
  HAVING min(level_rank) < max(level_rank)
),
candidates AS (
  SELECT s.*
  FROM sampled s
  SEMI JOIN multi_level_products p USING (producer_name, standard, brand, model)
),
repeats AS (
  SELECT later.*, earlier.sample_id AS higher_id, earlier.level AS higher_level, earlier.sampling_date AS higher_date
  FROM candidates later
  JOIN candidates earlier
    ON  earlier.producer_name = later.producer_name AND earlier.standard = later.standard
    AND earlier.brand = later.brand AND earlier.model = later.model
    AND earlier.level_rank > later.level_rank
    AND NOT earlier.failed
    AND later.sampling_date > earlier.sampling_date
    -- why (article 22): "六个月内接受过上级市场监督管理部门的监督抽查的……不得重复抽查"
    AND later.sampling_date <= CAST(earlier.sampling_date + INTERVAL 6 MONTH AS DATE)
  WHERE later.kind <> '专项'
  QUALIFY row_number() OVER (PARTITION BY later.sample_id ORDER BY earlier.sampling_date DESC, earlier.level_rank DESC, earlier.sample_id) = 1
)
SELECT
  'A22' AS rule, 22 AS article, 'statutory' AS severity, sample_id, task_id, sampled_region AS region_code,
  'violation' AS status, CAST(sampling_date AS VARCHAR) AS due,
  CAST(NULL AS INTEGER) AS days_over, CAST(NULL AS INTEGER) AS days_left,
  '样品 ' || sample_id || '：' || level || '抽查于 ' || CAST(sampling_date AS VARCHAR) || ' 抽取了' ||
    producer_name || '按 ' || standard || ' 生产的「' || brand || '」' || model || '，该产品 ' ||
    CAST(higher_date AS VARCHAR) || ' 已被' || higher_level || '抽查（样品 ' || higher_id ||
    '），六个月内下级重复抽查，违反第二十二条（不属于不合格产品跟踪抽查或专项抽查）。' AS sentence
FROM repeats
