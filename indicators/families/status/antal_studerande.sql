-- name: antal_studerande
-- label: Studerande, ej förvärvsarbetande
-- version: 1
-- unit: antal
-- section: 3
-- family: status
-- dimensions: edu_group, sex
-- numerator: students
-- description: Residents studying and not employed (outside the labour force).
SELECT region_level, region, period, edu_group, sex,
       students AS value, students AS numerator, NULL::BIGINT AS denominator, students AS n
FROM status_cells
