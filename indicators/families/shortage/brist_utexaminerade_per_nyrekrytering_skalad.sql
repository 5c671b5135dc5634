-- name: brist_utexaminerade_per_nyrekrytering_skalad
-- label: Matchade utexaminerade per nyrekrytering, skalad (0 = som vanligt, högre = mer brist)
-- version: 1
-- unit: logkvot
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- description: brist_utexaminerade_per_nyrekrytering scaled: its log measure relative to the same measure over the region's occupations where it is shown that year, minus the occupation's mean of that over the years of the window before where it is shown. Inverted: fewer graduates per opening than usual is more shortage.
SELECT region_level, region, period, ssyk4,
       graduates_scaled AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, least(employed, employed_prev) AS n
FROM shortage_cells
WHERE graduates_scaled IS NOT NULL
