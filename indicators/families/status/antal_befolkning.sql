-- name: antal_befolkning
-- label: Befolkning
-- version: 1
-- unit: antal
-- section: 3
-- family: status
-- dimensions: edu_group, sex
-- numerator: population
-- description: All residents in the age band.
SELECT region_level, region, period, edu_group, sex,
       population AS value, population AS numerator, NULL::BIGINT AS denominator, population AS n
FROM status_cells
