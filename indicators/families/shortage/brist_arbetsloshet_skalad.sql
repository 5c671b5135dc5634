-- name: brist_arbetsloshet_skalad
-- label: Arbetslöshet i yrket, skalad (0 = som vanligt, högre = mer brist)
-- version: 1
-- unit: logkvot
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- description: brist_arbetsloshet scaled: its log measure relative to the same measure over the region's occupations where it is shown that year, minus the occupation's mean of that over the years of the window before where it is shown. Inverted: lower unemployment than usual is more shortage.
SELECT region_level, region, period, ssyk4,
       unemployment_scaled AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, employed AS n
FROM shortage_cells
WHERE unemployment_scaled IS NOT NULL
