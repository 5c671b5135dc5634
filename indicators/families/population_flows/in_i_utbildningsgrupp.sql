-- name: in_i_utbildningsgrupp
-- label: Varav examinerade in i gruppen
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: joined_group
-- description: In the cell in year 2, same region, another education group in year 1 (graduated into it).
SELECT region_level, region, period, edu_group, sex,
       joined_group AS value, joined_group AS numerator, NULL::BIGINT AS denominator, joined_group AS n
FROM population_flows_cells
