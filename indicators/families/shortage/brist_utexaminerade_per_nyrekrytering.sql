-- name: brist_utexaminerade_per_nyrekrytering
-- label: Matchade utexaminerade per förväntad nyrekrytering (G/O)
-- version: 1
-- unit: kvot
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- numerator: graduates
-- depends: employed@0, employed@1
-- part: graduates
-- description: Matched graduates of the year per expected opening (brist_matchade_utexaminerade over brist_forvantade_nyrekryteringar); n is the smaller of this year's and last year's employed.
SELECT region_level, region, period, ssyk4,
       graduates_per_opening AS value, graduates AS numerator, NULL::BIGINT AS denominator, least(employed, employed_prev) AS n
FROM shortage_cells
WHERE graduates IS NOT NULL AND openings IS NOT NULL
