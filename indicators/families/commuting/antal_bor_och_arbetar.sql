-- name: antal_bor_och_arbetar
-- label: Bor och arbetar i regionen
-- version: 1
-- unit: antal
-- section: 3
-- family: commuting
-- dimensions: edu_group, sex
-- numerator: live_work
-- description: Employed who live and work in the region.
SELECT region_level, region, period, edu_group, sex,
       live_work AS value, live_work AS numerator, NULL::BIGINT AS denominator, live_work AS n
FROM commuting_cells
