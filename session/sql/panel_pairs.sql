-- The first years y of the pairs of consecutive years (y, y + 1) the
-- person panel has: years with person ids in both. The families that
-- follow persons from one year to the next (population_flows, job_inflows)
-- and the exit rates (exit_rates.sql) go one such pair at a time, so that
-- memory holds two years of the panel, not all of them. Rows without a
-- person id are cells and cannot be followed.
WITH y AS (
    SELECT DISTINCT year FROM persons WHERE person_id IS NOT NULL
)
SELECT a.year
FROM y AS a
JOIN y AS b ON b.year = a.year + 1
ORDER BY 1
