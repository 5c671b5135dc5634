-- name: antal_invanare
-- label: Folkmängd
-- version: 1
-- unit: antal
-- section: 3
-- family: demography
-- dimensions: sex
-- numerator: population
-- description: All residents in the register, every age.
SELECT region_level, region, period, sex,
       population AS value, population AS numerator, NULL::BIGINT AS denominator, population AS n
FROM demography_cells
