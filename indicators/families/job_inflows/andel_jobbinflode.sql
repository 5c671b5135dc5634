-- name: andel_jobbinflode
-- label: Andel totalt jobbinflöde
-- version: 1
-- unit: procent
-- section: 3
-- family: job_inflows
-- dimensions: sni, sex
-- numerator: inflow
-- denominator: employed
-- description: New employed and job switchers as a share of the employed in year 2.
SELECT region_level, region, period, sni, sex,
       100.0 * inflow / nullif(employed, 0) AS value, inflow AS numerator, employed AS denominator, employed AS n
FROM job_inflows_cells
