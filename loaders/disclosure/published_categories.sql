-- published_categories: product categories with at least one published batch (a page each).
SELECT DISTINCT b.product_category
FROM disclosure_status d
JOIN batches b USING (sample_id)
WHERE d.published
ORDER BY b.product_category
