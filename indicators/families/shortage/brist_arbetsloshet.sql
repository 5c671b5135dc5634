-- name: brist_arbetsloshet
-- label: Arbetslöshet i yrket, U/(U+E)
-- version: 1
-- unit: procent
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- numerator: u
-- depends: employed@0
-- part: unemployment
-- description: Unemployment rate of the occupation: 100 U / (U + E), registered job seekers seeking it (monthly mean) over them plus its employed (register); the denominator is U rounded plus E, n is E.
SELECT region_level, region, period, ssyk4,
       unemployment_rate AS value, u AS numerator, labour_force AS denominator, employed AS n
FROM shortage_cells
WHERE u IS NOT NULL AND employed IS NOT NULL
