-- name: antal_inte_matchade
-- label: Anställda, inte matchade (C)
-- version: 1
-- unit: antal
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
-- numerator: c
-- description: Employed whose education field does not agree with the occupation.
SELECT region_level, region, period, edu_group, sex, birth_region,
       c AS value, c AS numerator, NULL::BIGINT AS denominator, c AS n
FROM matching_cells
