-- name: antal_utan_uppgifter
-- label: Anställda utan tillräckliga uppgifter (D)
-- version: 1
-- unit: antal
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
-- numerator: d
-- description: Employed whose education or occupation is unknown.
SELECT region_level, region, period, edu_group, sex, birth_region,
       d AS value, d AS numerator, NULL::BIGINT AS denominator, d AS n
FROM matching_cells
