-- name: brist_index
-- label: Sammanvägt bristindex
-- version: 1
-- unit: logkvot
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- description: The weighted mean of the scaled parts present (weights are parameters; missing parts reweight the rest): 0 as usual, higher more shortage; n is the smallest count behind the parts used.
SELECT region_level, region, period, ssyk4,
       composite AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, composite_n AS n
FROM shortage_cells
WHERE composite IS NOT NULL
