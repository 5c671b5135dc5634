-- name: antal_nya_lediga_platser
-- label: Nyanmälda lediga platser (V)
-- version: 1
-- unit: antal
-- section: 4
-- family: tightness
-- dimensions: ssyk4
-- numerator: v
-- description: New vacancies in the occupation.
SELECT region_level, region, period, ssyk4,
       v AS value, v AS numerator, NULL::BIGINT AS denominator, v AS n
FROM tightness_cells
