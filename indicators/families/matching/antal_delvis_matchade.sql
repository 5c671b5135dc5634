-- name: antal_delvis_matchade
-- label: Anställda, delvis matchade (B)
-- version: 1
-- unit: antal
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
-- numerator: b
-- description: Employed whose field matches fully with the wrong level, or matches partly.
SELECT region_level, region, period, edu_group, sex, birth_region,
       b AS value, b AS numerator, NULL::BIGINT AS denominator, b AS n
FROM matching_cells
