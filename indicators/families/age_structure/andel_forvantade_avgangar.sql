-- name: andel_forvantade_avgangar
-- label: Andel förväntade avgångar inom horisonten
-- version: 1
-- unit: procent
-- section: 3
-- family: age_structure
-- dimensions: ssyk4
-- description: Expected exits within the horizon as a share of the employed in the occupation.
SELECT region_level, region, period, ssyk4,
       100.0 * expected_exits / nullif(employed, 0) AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, employed AS n
FROM age_structure_cells
