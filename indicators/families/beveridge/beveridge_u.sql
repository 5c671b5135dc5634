-- name: beveridge_u
-- label: Arbetslöshet, Beveridgepunkt (u = U/(E+U))
-- version: 1
-- unit: andel
-- section: 4
-- family: beveridge
-- dimensions:
-- description: Average monthly registered job seekers over employment plus job seekers.
SELECT region_level, region, period,
       u_rate AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, e AS n
FROM beveridge_cells
