-- The derived table flags as the last refresh computed it (meta.as_of says as of which day).
SELECT * FROM flags
