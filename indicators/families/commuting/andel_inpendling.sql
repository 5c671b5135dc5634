-- name: andel_inpendling
-- label: Andel inpendlare
-- version: 1
-- unit: procent
-- section: 3
-- family: commuting
-- dimensions: edu_group, sex
-- numerator: in_commuters
-- denominator: day
-- description: In-commuters as a share of the day population.
SELECT region_level, region, period, edu_group, sex,
       100.0 * in_commuters / nullif(day, 0) AS value,
       in_commuters AS numerator, day AS denominator, day AS n
FROM commuting_cells
