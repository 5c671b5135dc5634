-- name: antal_pendlare
-- label: Förvärvsarbetande efter bostadsregion och arbetsregion
-- version: 1
-- unit: antal
-- section: 3
-- family: commuting_matrix
-- dimensions: work_region
-- numerator: commuters
-- description: The commuting matrix: employed living in the region (region) and working in work_region, at every level; the diagonal lives and works in the region.
SELECT region_level, region, period, work_region,
       n AS value, n AS numerator, NULL::BIGINT AS denominator, n AS n
FROM commuting_matrix_cells
