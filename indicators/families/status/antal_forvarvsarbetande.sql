-- name: antal_forvarvsarbetande
-- label: Förvärvsarbetande
-- version: 1
-- unit: antal
-- section: 3
-- family: status
-- dimensions: edu_group, sex
-- numerator: employed
-- description: Employed residents.
SELECT region_level, region, period, edu_group, sex,
       employed AS value, employed AS numerator, NULL::BIGINT AS denominator, employed AS n
FROM status_cells
