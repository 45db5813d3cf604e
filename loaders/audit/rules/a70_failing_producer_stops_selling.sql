-- A70 (article 70): from the 责令整改 until a re-check passes, the failing party stops
-- producing and selling the same product. Informational (severity 'informational'): a
-- batch found on the market may be stock sold before the order.
-- Finding: a later batch (outcome 已抽样, channel 流通 or 电商 — "on the market") with the
-- same producer_name and product_name, sampled after the order's day and before the first
-- passing re-check (复查 / 再次复查 / 第三次复查 with result 合格), all on or before as_of.
-- The finding names the later batch; the sentence names the failing one.
WITH orders AS (
  SELECT sample_id, min(date) AS order_date
  FROM events
  WHERE event = '责令整改' AND date <= CAST($as_of AS DATE)
  GROUP BY sample_id
),
passes AS (
  SELECT sample_id, min(date) AS pass_date
  FROM events
  WHERE event IN ('复查', '再次复查', '第三次复查') AND result = '合格' AND date <= CAST($as_of AS DATE)
  GROUP BY sample_id
),
failing AS (
  SELECT o.sample_id AS failed_id, o.order_date, p.pass_date, b.producer_name, b.product_name
  FROM orders o
  JOIN batches b USING (sample_id)
  LEFT JOIN passes p USING (sample_id)
),
found_later AS (
  SELECT l.sample_id, l.task_id, l.sampled_region, l.sampling_date, l.channel, l.sampled_name,
    f.producer_name, f.product_name, f.failed_id, f.order_date
  FROM failing f
  JOIN batches l ON l.producer_name = f.producer_name AND l.product_name = f.product_name
  WHERE l.sample_id <> f.failed_id
    AND l.outcome = '已抽样' AND l.channel IN ('流通', '电商')
    -- why (article 70): "自收到《责令整改通知书》之日起至……认定复查合格之前"
    AND l.sampling_date > f.order_date
    AND (f.pass_date IS NULL OR l.sampling_date < f.pass_date)
    AND l.sampling_date <= CAST($as_of AS DATE)
  -- one finding per later batch, naming the earliest order it falls under
  QUALIFY row_number() OVER (PARTITION BY l.sample_id ORDER BY f.order_date, f.failed_id) = 1
)
SELECT
  'A70' AS rule, 70 AS article, 'informational' AS severity, sample_id, task_id, sampled_region AS region_code,
  'violation' AS status, CAST(sampling_date AS VARCHAR) AS due,
  CAST(NULL AS INTEGER) AS days_over, CAST(NULL AS INTEGER) AS days_left,
  '（提示）样品 ' || sample_id || '：' || CAST(sampling_date AS VARCHAR) || ' 在' || channel || '环节（' || sampled_name || '）抽到' ||
    producer_name || '的' || product_name || '；该生产者同一产品（样品 ' || failed_id || '）已于 ' ||
    CAST(order_date AS VARCHAR) || ' 被责令整改且尚未复查合格，按第七十条应停止生产、销售，请核实是否为整改前售出的存货。' AS sentence
FROM found_later
