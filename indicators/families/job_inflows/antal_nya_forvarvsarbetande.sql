-- name: antal_nya_forvarvsarbetande
-- label: Nya förvärvsarbetande
-- version: 1
-- unit: antal
-- section: 3
-- family: job_inflows
-- dimensions: sni, sex
-- numerator: new_employed
-- description: Employed in year 2, not employed (or not in the register) in year 1.
SELECT region_level, region, period, sni, sex,
       new_employed AS value, new_employed AS numerator, NULL::BIGINT AS denominator, new_employed AS n
FROM job_inflows_cells
