-- name: mismatch_sahin
-- label: Matchningsindex Sahin et al. (M_alpha)
-- version: 1
-- unit: index
-- section: 4
-- family: mismatch
-- dimensions: ssyk4, alpha
-- description: 1 - sum v_i^alpha u_i^(1-alpha) with equal matching efficiencies, for each alpha of the grid.
SELECT region_level, region, period, ssyk4, alpha,
       m AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, u AS n
FROM mismatch_cells
WHERE alpha <> 'TOT' AND v > 0 AND u > 0
