-- name: overutbildning
-- label: Andel med högre utbildningsnivå än yrket kräver
-- version: 1
-- unit: procent
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
-- numerator: h
-- denominator: l
-- requires: level_match
-- description: Share of the employed (with known education, occupation and a level judgement in the key) whose education is above what the occupation requires.
SELECT region_level, region, period, edu_group, sex, birth_region,
       100.0 * h / nullif(l, 0) AS value,
       h AS numerator, l AS denominator, l AS n
FROM matching_cells
