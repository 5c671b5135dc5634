-- name: arbetsloshet
-- label: Arbetslöshet (andel av arbetskraften)
-- version: 1
-- unit: procent
-- section: 3
-- family: status
-- dimensions: edu_group, sex
-- numerator: unemployed
-- denominator: labour_force
-- description: Registered unemployed as a share of the labour force (employed + unemployed).
SELECT region_level, region, period, edu_group, sex,
       100.0 * unemployed / nullif(employed + unemployed, 0) AS value,
       unemployed AS numerator, employed + unemployed AS denominator, employed + unemployed AS n
FROM status_cells
