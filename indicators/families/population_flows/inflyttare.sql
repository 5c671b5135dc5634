-- name: inflyttare
-- label: Varav inflyttare till regionen
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: moved_in
-- description: In the cell in year 2, living in another region in year 1.
SELECT region_level, region, period, edu_group, sex,
       moved_in AS value, moved_in AS numerator, NULL::BIGINT AS denominator, moved_in AS n
FROM population_flows_cells
