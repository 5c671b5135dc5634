-- name: effektiv_arbetsloshet
-- label: Effektiv arbetslöshet (u* = sqrt(u v))
-- version: 1
-- unit: andel
-- section: 4
-- family: beveridge
-- dimensions:
-- description: Michaillat and Saez's efficient unemployment rate.
SELECT region_level, region, period,
       sqrt(u_rate * v_rate) AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, e AS n
FROM beveridge_cells
