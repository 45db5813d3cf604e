-- disclosure_summary: how many batches are published and how many each gate holds back,
-- from the persisted table disclosure_status.
SELECT
  CAST(count(*) FILTER (WHERE published) AS INTEGER)       AS published,
  CAST(count(*) FILTER (WHERE held_by = 'P1') AS INTEGER)  AS p1,
  CAST(count(*) FILTER (WHERE held_by = 'P2') AS INTEGER)  AS p2,
  CAST(count(*) FILTER (WHERE held_by = 'P3') AS INTEGER)  AS p3
FROM disclosure_status
