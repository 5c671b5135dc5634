-- name: matchningsgap
-- label: Skillnad förvärvsgrad och matchad förvärvsgrad
-- version: 1
-- unit: procentenheter
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
-- numerator: bc
-- denominator: e
-- description: Förvärvsgrad minus matchad förvärvsgrad, (B+C)/E in percentage points.
SELECT region_level, region, period, edu_group, sex, birth_region,
       100.0 * (b + c) / nullif(e, 0) AS value,
       b + c AS numerator, e AS denominator, e AS n
FROM matching_cells
