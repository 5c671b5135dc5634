-- name: dagbefolkning
-- label: Dagbefolkning (förvärvsarbetande)
-- version: 1
-- unit: antal
-- section: 3
-- family: commuting
-- dimensions: edu_group, sex
-- numerator: day
-- description: Employed working in the region.
SELECT region_level, region, period, edu_group, sex,
       day AS value, day AS numerator, NULL::BIGINT AS denominator, day AS n
FROM commuting_cells
