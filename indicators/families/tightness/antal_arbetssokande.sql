-- name: antal_arbetssokande
-- label: Inskrivna arbetssökande (U)
-- version: 1
-- unit: antal
-- section: 4
-- family: tightness
-- dimensions: ssyk4
-- numerator: u
-- description: Registered job seekers seeking the occupation.
SELECT region_level, region, period, ssyk4,
       u AS value, u AS numerator, NULL::BIGINT AS denominator, u AS n
FROM tightness_cells
