-- name: brist_andel_60_plus
-- label: Andel sysselsatta 60 år eller äldre
-- version: 1
-- unit: procent
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- numerator: aged_60
-- denominator: employed
-- part: aged_60
-- description: Retirement pressure: the share of the occupation's employed aged 60 or more.
SELECT region_level, region, period, ssyk4,
       aged_60_share AS value, aged_60 AS numerator, employed AS denominator, employed AS n
FROM shortage_cells
WHERE employed IS NOT NULL
