-- name: andel_utanfor_arbetskraften
-- label: Andel utanför arbetskraften
-- version: 1
-- unit: procent
-- section: 3
-- family: status
-- dimensions: edu_group, sex
-- numerator: outside
-- denominator: population
-- description: Students and others outside the labour force as a share of all residents in the age band.
SELECT region_level, region, period, edu_group, sex,
       100.0 * (students + others) / nullif(population, 0) AS value,
       students + others AS numerator, population AS denominator, population AS n
FROM status_cells
