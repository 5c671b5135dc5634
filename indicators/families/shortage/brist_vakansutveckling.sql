-- name: brist_vakansutveckling
-- label: Lediga platser, förändring från föregående år
-- version: 1
-- unit: procent
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- numerator: v
-- depends: v@1
-- part: vacancy_growth
-- description: Vacancy growth: 100 (V_t / V_t-1 - 1) on the monthly means (numerator and denominator: the two years' vacancies).
SELECT region_level, region, period, ssyk4,
       vacancy_growth AS value, v AS numerator, v_prev AS denominator, v AS n
FROM shortage_cells
WHERE v IS NOT NULL AND v_prev IS NOT NULL
