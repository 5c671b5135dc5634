-- name: antal_inpendlare
-- label: Inpendlare över regiongräns
-- version: 1
-- unit: antal
-- section: 3
-- family: commuting
-- dimensions: edu_group, sex
-- numerator: in_commuters
-- description: Employed who work in the region and live outside it.
SELECT region_level, region, period, edu_group, sex,
       in_commuters AS value, in_commuters AS numerator, NULL::BIGINT AS denominator, in_commuters AS n
FROM commuting_cells
