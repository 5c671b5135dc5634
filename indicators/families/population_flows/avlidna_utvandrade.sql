-- name: avlidna_utvandrade
-- label: Varav utgångna ur registret (avlidna, utvandrade)
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: died_or_emigrated
-- description: In the cell in year 1, not in the register in year 2.
SELECT region_level, region, period, edu_group, sex,
       died_or_emigrated AS value, died_or_emigrated AS numerator, NULL::BIGINT AS denominator, died_or_emigrated AS n
FROM population_flows_cells
