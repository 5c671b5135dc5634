-- name: nya_i_registret
-- label: Varav nya i registret (invandrade m.fl.)
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: new_in_register
-- description: In the cell in year 2, not in the register in year 1.
SELECT region_level, region, period, edu_group, sex,
       new_in_register AS value, new_in_register AS numerator, NULL::BIGINT AS denominator, new_in_register AS n
FROM population_flows_cells
