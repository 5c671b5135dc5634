-- name: brist_delindikatorer
-- label: Antal delindikatorer i bristindex
-- version: 1
-- unit: antal
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- description: How many scaled parts brist_index weighs (1 to 6).
SELECT region_level, region, period, ssyk4,
       parts_used AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, composite_n AS n
FROM shortage_cells
WHERE composite IS NOT NULL
