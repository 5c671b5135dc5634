-- name: mismatch_layard_nickell
-- label: Matchningsindex Layard-Nickell-Jackman
-- version: 1
-- unit: index
-- section: 4
-- family: mismatch
-- dimensions: ssyk4, alpha
-- description: 0.5 * the labour-force-weighted variance of relative unemployment rates over the cells.
SELECT region_level, region, period, ssyk4, alpha,
       lnj AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, u AS n
FROM mismatch_cells
WHERE alpha = 'TOT' AND u > 0
