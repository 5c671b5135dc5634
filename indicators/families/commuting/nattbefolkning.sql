-- name: nattbefolkning
-- label: Nattbefolkning (förvärvsarbetande)
-- version: 1
-- unit: antal
-- section: 3
-- family: commuting
-- dimensions: edu_group, sex
-- numerator: night
-- description: Employed living in the region (with a known workplace).
SELECT region_level, region, period, edu_group, sex,
       night AS value, night AS numerator, NULL::BIGINT AS denominator, night AS n
FROM commuting_cells
