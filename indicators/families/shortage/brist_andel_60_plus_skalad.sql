-- name: brist_andel_60_plus_skalad
-- label: Andel 60 år eller äldre, skalad (0 = som vanligt, högre = mer brist)
-- version: 1
-- unit: logkvot
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- description: brist_andel_60_plus scaled: its log measure relative to the same measure over the region's occupations where it is shown that year, minus the occupation's mean of that over the years of the window before where it is shown.
SELECT region_level, region, period, ssyk4,
       aged_60_scaled AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, employed AS n
FROM shortage_cells
WHERE aged_60_scaled IS NOT NULL
