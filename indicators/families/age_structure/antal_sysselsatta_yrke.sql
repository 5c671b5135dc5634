-- name: antal_sysselsatta_yrke
-- label: Sysselsatta efter yrke
-- version: 1
-- unit: antal
-- section: 3
-- family: age_structure
-- dimensions: ssyk4
-- numerator: employed
-- description: Employed with the occupation, every age.
SELECT region_level, region, period, ssyk4,
       employed AS value, employed AS numerator, NULL::BIGINT AS denominator, employed AS n
FROM age_structure_cells
