-- name: brist_sysselsattningsutveckling
-- label: Sysselsatta i yrket, förändring från föregående år
-- version: 1
-- unit: procent
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- numerator: employed
-- depends: employed@1
-- part: employment_growth
-- description: Employment growth: 100 (E_t / E_t-1 - 1), the employed on the chosen basis (numerator and denominator: the two years' employed).
SELECT region_level, region, period, ssyk4,
       employment_growth AS value, employed AS numerator, employed_prev AS denominator, employed AS n
FROM shortage_cells
WHERE employed IS NOT NULL AND employed_prev IS NOT NULL
