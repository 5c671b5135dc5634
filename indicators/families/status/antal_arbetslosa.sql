-- name: antal_arbetslosa
-- label: Inskrivna arbetslösa
-- version: 1
-- unit: antal
-- section: 3
-- family: status
-- dimensions: edu_group, sex
-- numerator: unemployed
-- description: Residents registered as unemployed at Arbetsförmedlingen.
SELECT region_level, region, period, edu_group, sex,
       unemployed AS value, unemployed AS numerator, NULL::BIGINT AS denominator, unemployed AS n
FROM status_cells
