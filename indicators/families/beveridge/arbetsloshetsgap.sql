-- name: arbetsloshetsgap
-- label: Arbetslöshetsgap (u - u*)
-- version: 1
-- unit: andel
-- section: 4
-- family: beveridge
-- dimensions:
-- description: Unemployment above (positive) or below the efficient rate.
SELECT region_level, region, period,
       u_rate - sqrt(u_rate * v_rate) AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, e AS n
FROM beveridge_cells
