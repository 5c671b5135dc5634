-- name: andel_55_plus
-- label: Andel sysselsatta 55 år eller äldre
-- version: 1
-- unit: procent
-- section: 3
-- family: age_structure
-- dimensions: ssyk4
-- numerator: aged_55
-- denominator: employed
-- description: Share of the employed in the occupation aged 55 or more.
SELECT region_level, region, period, ssyk4,
       100.0 * aged_55 / nullif(employed, 0) AS value,
       aged_55 AS numerator, employed AS denominator, employed AS n
FROM age_structure_cells
