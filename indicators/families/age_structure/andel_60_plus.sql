-- name: andel_60_plus
-- label: Andel sysselsatta 60 år eller äldre
-- version: 1
-- unit: procent
-- section: 3
-- family: age_structure
-- dimensions: ssyk4
-- numerator: aged_60
-- denominator: employed
-- description: Share of the employed in the occupation aged 60 or more (retirement pressure).
SELECT region_level, region, period, ssyk4,
       100.0 * aged_60 / nullif(employed, 0) AS value,
       aged_60 AS numerator, employed AS denominator, employed AS n
FROM age_structure_cells
