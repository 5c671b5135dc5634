-- name: brist_matchade_utexaminerade
-- label: Matchade utexaminerade (G)
-- version: 1
-- unit: antal
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- numerator: graduates
-- description: Graduates of the year whose education group fully matches the occupation (match key: field helt, level rätt), each group's graduates shared among its matched occupations in proportion to its employed there nationally; numerator and n are it rounded.
SELECT region_level, region, period, ssyk4,
       graduates_matched AS value, graduates AS numerator, NULL::BIGINT AS denominator, graduates AS n
FROM shortage_cells
WHERE graduates IS NOT NULL
