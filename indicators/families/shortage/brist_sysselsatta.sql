-- name: brist_sysselsatta
-- label: Sysselsatta i yrket (E)
-- version: 1
-- unit: antal
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- numerator: employed
-- description: The employed with the occupation, every age, counted on the basis chosen (home or workplace), as in age_structure.
SELECT region_level, region, period, ssyk4,
       employed AS value, employed AS numerator, NULL::BIGINT AS denominator, employed AS n
FROM shortage_cells
WHERE employed IS NOT NULL
