-- The plan years (计划年度) that have batches with a final conclusion, oldest first.
SELECT DISTINCT CAST(plan_year AS INTEGER) AS plan_year
FROM batch_results
WHERE final_conclusion IS NOT NULL
ORDER BY plan_year
