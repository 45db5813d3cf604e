-- annual_years: the sampling years with at least one batch in the scope (annual_batches): the
-- years that get an annual report (public: years with published results; leadership: all).
SELECT CAST(year AS INTEGER) AS year
FROM annual_batches($published_only::BOOLEAN)
GROUP BY year
ORDER BY year
