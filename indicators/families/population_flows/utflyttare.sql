-- name: utflyttare
-- label: Varav utflyttare från regionen
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: moved_out
-- description: In the cell in year 1, living in another region in year 2.
SELECT region_level, region, period, edu_group, sex,
       moved_out AS value, moved_out AS numerator, NULL::BIGINT AS denominator, moved_out AS n
FROM population_flows_cells
