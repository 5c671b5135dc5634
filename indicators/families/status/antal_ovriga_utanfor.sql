-- name: antal_ovriga_utanfor
-- label: Övriga utanför arbetskraften
-- version: 1
-- unit: antal
-- section: 3
-- family: status
-- dimensions: edu_group, sex
-- numerator: others
-- description: Residents outside the labour force who are not students.
SELECT region_level, region, period, edu_group, sex,
       others AS value, others AS numerator, NULL::BIGINT AS denominator, others AS n
FROM status_cells
