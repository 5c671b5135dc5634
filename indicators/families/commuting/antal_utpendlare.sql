-- name: antal_utpendlare
-- label: Utpendlare över regiongräns
-- version: 1
-- unit: antal
-- section: 3
-- family: commuting
-- dimensions: edu_group, sex
-- numerator: out_commuters
-- description: Employed who live in the region and work outside it.
SELECT region_level, region, period, edu_group, sex,
       out_commuters AS value, out_commuters AS numerator, NULL::BIGINT AS denominator, out_commuters AS n
FROM commuting_cells
