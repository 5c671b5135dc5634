-- name: brist_vakansutveckling_skalad
-- label: Förändring av lediga platser, skalad (0 = som vanligt, högre = mer brist)
-- version: 1
-- unit: logkvot
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- description: brist_vakansutveckling scaled: its log measure relative to the same measure over the region's occupations where it is shown that year, minus the occupation's mean of that over the years of the window before where it is shown.
SELECT region_level, region, period, ssyk4,
       vacancy_growth_scaled AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, v AS n
FROM shortage_cells
WHERE vacancy_growth_scaled IS NOT NULL
