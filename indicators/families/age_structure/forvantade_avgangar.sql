-- name: forvantade_avgangar
-- label: Förväntade avgångar inom horisonten
-- version: 1
-- unit: antal
-- section: 3
-- family: age_structure
-- dimensions: ssyk4
-- description: Expected number of today's employed in the occupation who leave working life within the horizon (default 5 years), from age-specific exit rates estimated from the person panel (default profile where the panel is thin); an expectation, so not a whole number.
SELECT region_level, region, period, ssyk4,
       expected_exits AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, employed AS n
FROM age_structure_cells
