-- The derived table disclosure_status as the last refresh computed it (meta.as_of says as of which day).
SELECT * FROM disclosure_status
