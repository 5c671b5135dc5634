-- name: brist_klass
-- label: Bristklass (1 tydligt överskott - 5 tydlig brist)
-- version: 1
-- unit: klass
-- section: 5
-- family: shortage
-- dimensions: ssyk4
-- description: brist_index on five classes by four thresholds (parameters): below T1 1, below T2 2, up to T3 3 (balance), up to T4 4, above 5.
SELECT region_level, region, period, ssyk4,
       class AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, composite_n AS n
FROM shortage_cells
WHERE composite IS NOT NULL
