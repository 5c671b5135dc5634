-- name: forsorjningskvot
-- label: Demografisk försörjningskvot ((0-19 + 65+) / 20-64)
-- version: 1
-- unit: kvot
-- section: 3
-- family: demography
-- dimensions: sex
-- numerator: dependents
-- denominator: working_age
-- description: Persons aged 0-19 and 65 or more per person aged 20-64.
SELECT region_level, region, period, sex,
       (young + old) / nullif(working_age, 0) AS value,
       young + old AS numerator, working_age AS denominator, population AS n
FROM demography_cells
