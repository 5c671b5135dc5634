-- name: brist_lediga_platser
-- label: Nyanmälda lediga platser under året (V)
-- version: 1
-- unit: antal
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- numerator: v
-- description: New vacancies registered in the months of the year (the monthly counts summed).
SELECT region_level, region, period, ssyk4,
       v AS value, v AS numerator, NULL::BIGINT AS denominator, v AS n
FROM shortage_cells
WHERE v IS NOT NULL
