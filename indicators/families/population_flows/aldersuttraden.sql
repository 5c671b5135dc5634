-- name: aldersuttraden
-- label: Varav åldersutträden (65-åringar)
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: aged_out
-- description: In the cell in year 1, aged out of 18-64 in year 2.
SELECT region_level, region, period, edu_group, sex,
       aged_out AS value, aged_out AS numerator, NULL::BIGINT AS denominator, aged_out AS n
FROM population_flows_cells
