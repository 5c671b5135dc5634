-- name: arbetsmarknadslage
-- label: Arbetsmarknadsläge, lediga platser per arbetssökande (V/U)
-- version: 1
-- unit: kvot
-- section: 4
-- family: tightness
-- dimensions: ssyk4
-- numerator: v
-- denominator: u
-- description: Tightness theta = V/U.
SELECT region_level, region, period, ssyk4,
       v / nullif(u, 0) AS value, v AS numerator, u AS denominator, u AS n
FROM tightness_cells
