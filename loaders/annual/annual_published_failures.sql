-- annual_published_failures: the batches published (every gate P1–P3 passed, article 62) with
-- a 不合格 conclusion: a repeat offender is on the public list only when both its failures are.
SELECT sample_id
FROM disclosure_status
WHERE published AND conclusion = '不合格'
ORDER BY sample_id
