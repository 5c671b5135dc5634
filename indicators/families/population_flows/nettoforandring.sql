-- name: nettoforandring
-- label: Nettoförändring mellan år 1 och 2
-- version: 1
-- unit: antal
-- section: 3
-- family: population_flows
-- dimensions: edu_group, sex
-- numerator: population2
-- denominator: population1
-- description: Population in year 2 (numerator) minus year 1 (denominator); equals the entries minus the exits.
SELECT region_level, region, period, edu_group, sex,
       population2 - population1 AS value, population2 AS numerator, population1 AS denominator,
       greatest(population1, population2) AS n
FROM population_flows_cells
