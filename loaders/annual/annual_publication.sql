-- annual_publication: the persisted gate decisions (disclosure_status, P1–P3, article 62) the
-- annual report's published scope reads (annual_batches_macro.sql): published or not, and the
-- conclusion a published batch is published with.
CREATE OR REPLACE TEMP VIEW annual_publication AS
SELECT sample_id, published, conclusion FROM disclosure_status
