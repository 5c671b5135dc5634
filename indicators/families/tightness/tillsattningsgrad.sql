-- name: tillsattningsgrad
-- label: Tillsatta per ledig plats (H/V)
-- version: 1
-- unit: kvot
-- section: 4
-- family: tightness
-- dimensions: ssyk4
-- numerator: h
-- denominator: v
-- description: Vacancy-filling rate H/V.
SELECT region_level, region, period, ssyk4,
       h / nullif(v, 0) AS value, h AS numerator, v AS denominator, v AS n
FROM tightness_cells
