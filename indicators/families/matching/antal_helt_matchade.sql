-- name: antal_helt_matchade
-- label: Anställda, helt matchade (A)
-- version: 1
-- unit: antal
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
-- numerator: a
-- description: Employed whose education matches the occupation fully in field and level.
SELECT region_level, region, period, edu_group, sex, birth_region,
       a AS value, a AS numerator, NULL::BIGINT AS denominator, a AS n
FROM matching_cells
