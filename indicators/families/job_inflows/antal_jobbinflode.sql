-- name: antal_jobbinflode
-- label: Totalt jobbinflöde
-- version: 1
-- unit: antal
-- section: 3
-- family: job_inflows
-- dimensions: sni, sex
-- numerator: inflow
-- description: New employed plus job switchers.
SELECT region_level, region, period, sni, sex,
       inflow AS value, inflow AS numerator, NULL::BIGINT AS denominator, inflow AS n
FROM job_inflows_cells
