-- name: forvarvsgrad
-- label: Förvärvsgrad, justerad ((A+B+C)/E)
-- version: 1
-- unit: procent
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
-- numerator: abc
-- denominator: e
-- description: Share of persons in the cell who are employed with known education and occupation.
SELECT region_level, region, period, edu_group, sex, birth_region,
       100.0 * (a + b + c) / nullif(e, 0) AS value,
       a + b + c AS numerator, e AS denominator, e AS n
FROM matching_cells
