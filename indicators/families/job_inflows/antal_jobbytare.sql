-- name: antal_jobbytare
-- label: Jobbytare
-- version: 1
-- unit: antal
-- section: 3
-- family: job_inflows
-- dimensions: sni, sex
-- numerator: switchers
-- description: Employed both years with another work kommun or industry in year 2.
SELECT region_level, region, period, sni, sex,
       switchers AS value, switchers AS numerator, NULL::BIGINT AS denominator, switchers AS n
FROM job_inflows_cells
