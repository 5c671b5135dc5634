-- name: andel_forvarvsarbetande
-- label: Andel förvärvsarbetande
-- version: 1
-- unit: procent
-- section: 3
-- family: status
-- dimensions: edu_group, sex
-- numerator: employed
-- denominator: population
-- description: Employed as a share of all residents in the age band.
SELECT region_level, region, period, edu_group, sex,
       100.0 * employed / nullif(population, 0) AS value,
       employed AS numerator, population AS denominator, population AS n
FROM status_cells
