-- name: brist_forvantade_nyrekryteringar
-- label: Förväntade nyrekryteringar per år (O)
-- version: 1
-- unit: antal
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- depends: employed@0, employed@1
-- description: Expected openings per year: the expected exits within the horizon divided by its years, plus last year's growth in employment if positive; n is the smaller of this year's and last year's employed.
SELECT region_level, region, period, ssyk4,
       openings AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, least(employed, employed_prev) AS n
FROM shortage_cells
WHERE openings IS NOT NULL
