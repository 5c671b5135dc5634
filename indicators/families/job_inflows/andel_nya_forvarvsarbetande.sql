-- name: andel_nya_forvarvsarbetande
-- label: Andel nya förvärvsarbetande
-- version: 1
-- unit: procent
-- section: 3
-- family: job_inflows
-- dimensions: sni, sex
-- numerator: new_employed
-- denominator: employed
-- description: New employed as a share of the employed in year 2.
SELECT region_level, region, period, sni, sex,
       100.0 * new_employed / nullif(employed, 0) AS value, new_employed AS numerator, employed AS denominator, employed AS n
FROM job_inflows_cells
