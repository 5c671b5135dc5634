-- name: ut_ur_utbildningsgrupp
-- label: Varav vidareutbildade ut ur gruppen
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: left_group
-- description: In the cell in year 1, same region, another education group in year 2 (further education).
SELECT region_level, region, period, edu_group, sex,
       left_group AS value, left_group AS numerator, NULL::BIGINT AS denominator, left_group AS n
FROM population_flows_cells
