-- name: matchningsgrad
-- label: Matchningsgrad (A/(A+B+C))
-- version: 1
-- unit: procent
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
-- numerator: a
-- denominator: abc
-- description: Share of the employed with known education and occupation who are fully matched.
SELECT region_level, region, period, edu_group, sex, birth_region,
       100.0 * a / nullif(a + b + c, 0) AS value,
       a AS numerator, a + b + c AS denominator, a + b + c AS n
FROM matching_cells
