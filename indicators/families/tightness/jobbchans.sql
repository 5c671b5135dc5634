-- name: jobbchans
-- label: Andel arbetssökande som gått till arbete (H/U)
-- version: 1
-- unit: kvot
-- section: 4
-- family: tightness
-- dimensions: ssyk4
-- numerator: h
-- denominator: u
-- description: Job-finding rate f = H/U.
SELECT region_level, region, period, ssyk4,
       h / nullif(u, 0) AS value, h AS numerator, u AS denominator, u AS n
FROM tightness_cells
