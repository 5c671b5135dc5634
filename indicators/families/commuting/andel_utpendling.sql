-- name: andel_utpendling
-- label: Andel utpendlare
-- version: 1
-- unit: procent
-- section: 3
-- family: commuting
-- dimensions: edu_group, sex
-- numerator: out_commuters
-- denominator: night
-- description: Out-commuters as a share of the night population.
SELECT region_level, region, period, edu_group, sex,
       100.0 * out_commuters / nullif(night, 0) AS value,
       out_commuters AS numerator, night AS denominator, night AS n
FROM commuting_cells
