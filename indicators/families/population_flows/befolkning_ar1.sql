-- name: befolkning_ar1
-- label: Befolkning år 1, 18-64 år
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: population1
-- description: Residents aged 18-64 in the first year of the pair.
SELECT region_level, region, period, edu_group, sex,
       population1 AS value, population1 AS numerator, NULL::BIGINT AS denominator, population1 AS n
FROM population_flows_cells
