-- name: brist_arbetssokande
-- label: Inskrivna arbetssökande, månadsgenomsnitt (U)
-- version: 1
-- unit: antal
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- numerator: u
-- description: Registered job seekers seeking the occupation, the mean of the monthly counts over the months of the year; numerator and n are it rounded.
SELECT region_level, region, period, ssyk4,
       u_mean AS value, u AS numerator, NULL::BIGINT AS denominator, u AS n
FROM shortage_cells
WHERE u IS NOT NULL
