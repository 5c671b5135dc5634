-- name: antal_till_arbete
-- label: Arbetssökande som gått till arbete (H)
-- version: 1
-- unit: antal
-- section: 4
-- family: tightness
-- dimensions: ssyk4
-- numerator: h
-- description: Job seekers leaving for work in the occupation.
SELECT region_level, region, period, ssyk4,
       h AS value, h AS numerator, NULL::BIGINT AS denominator, h AS n
FROM tightness_cells
