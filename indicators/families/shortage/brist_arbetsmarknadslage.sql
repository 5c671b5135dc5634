-- name: brist_arbetsmarknadslage
-- label: Arbetsmarknadsläge, lediga platser per arbetssökande (V/U), årsgenomsnitt
-- version: 1
-- unit: kvot
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- numerator: v
-- denominator: u
-- part: tightness
-- description: Tightness: the monthly mean of new vacancies over the monthly mean of job seekers in the year (numerator: the year's vacancies; denominator: the mean job seekers, rounded).
SELECT region_level, region, period, ssyk4,
       tightness AS value, v AS numerator, u AS denominator, u AS n
FROM shortage_cells
WHERE u IS NOT NULL AND v IS NOT NULL
