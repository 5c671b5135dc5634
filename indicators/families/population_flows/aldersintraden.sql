-- name: aldersintraden
-- label: Varav åldersinträden (18-åringar)
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: aged_in
-- description: In the cell in year 2, younger than 18 in year 1.
SELECT region_level, region, period, edu_group, sex,
       aged_in AS value, aged_in AS numerator, NULL::BIGINT AS denominator, aged_in AS n
FROM population_flows_cells
