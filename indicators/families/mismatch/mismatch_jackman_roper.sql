-- name: mismatch_jackman_roper
-- label: Matchningsindex Jackman-Roper
-- version: 1
-- unit: index
-- section: 4
-- family: mismatch
-- dimensions: ssyk4, alpha
-- description: 0.5 * sum |u_i - v_i| over the cells (0 = job seekers and vacancies spread alike); n is the job seekers covered.
SELECT region_level, region, period, ssyk4, alpha,
       jr AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, u AS n
FROM mismatch_cells
WHERE alpha = 'TOT' AND v > 0 AND u > 0
