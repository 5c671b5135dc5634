-- name: beveridge_v
-- label: Vakansgrad, Beveridgepunkt (v = V/(V+E))
-- version: 1
-- unit: andel
-- section: 4
-- family: beveridge
-- dimensions:
-- description: Average monthly new vacancies over vacancies plus employment.
SELECT region_level, region, period,
       v_rate AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, e AS n
FROM beveridge_cells
