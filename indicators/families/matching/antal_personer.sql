-- name: antal_personer
-- label: Totalt antal personer, justerat (E)
-- version: 1
-- unit: antal
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
-- numerator: e
-- description: All persons in the cell, employed or not, except those in D.
SELECT region_level, region, period, edu_group, sex, birth_region,
       e AS value, e AS numerator, NULL::BIGINT AS denominator, e AS n
FROM matching_cells
