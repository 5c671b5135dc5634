-- name: andel_jobbytare
-- label: Andel jobbytare
-- version: 1
-- unit: procent
-- section: 3
-- family: job_inflows
-- dimensions: sni, sex
-- numerator: switchers
-- denominator: employed
-- description: Job switchers as a share of the employed in year 2.
SELECT region_level, region, period, sni, sex,
       100.0 * switchers / nullif(employed, 0) AS value, switchers AS numerator, employed AS denominator, employed AS n
FROM job_inflows_cells
