-- withheld_rows: batches held back as of the persisted disclosure date (table
-- disclosure_status), the first gate holding each, why, and when that gate can pass;
-- described only by whitelisted fields (view public_fields).
SELECT
  f.*,
  d.conclusion,
  d.conclusion_by,
  d.held_by,
  d.reason,
  d.can_pass_on
FROM disclosure_status d
JOIN public_fields f USING (sample_id)
WHERE NOT d.published
ORDER BY d.held_by, f.sample_id
