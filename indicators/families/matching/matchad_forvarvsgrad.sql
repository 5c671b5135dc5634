-- name: matchad_forvarvsgrad
-- label: Matchad förvärvsgrad (A/E)
-- version: 1
-- unit: procent
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
-- numerator: a
-- denominator: e
-- description: Share of persons in the cell employed in an occupation that fully matches their education.
SELECT region_level, region, period, edu_group, sex, birth_region,
       100.0 * a / nullif(e, 0) AS value,
       a AS numerator, e AS denominator, e AS n
FROM matching_cells
