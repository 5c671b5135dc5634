-- name: befolkning_ar2
-- label: Befolkning år 2, 18-64 år
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: population2
-- description: Residents aged 18-64 in the second year of the pair.
SELECT region_level, region, period, edu_group, sex,
       population2 AS value, population2 AS numerator, NULL::BIGINT AS denominator, population2 AS n
FROM population_flows_cells
