-- The derived table catalogue_draft as the last refresh computed it (meta.as_of says as of which day).
SELECT * FROM catalogue_draft
