-- name: matchningsfunktion_skattning
-- label: Matchningsfunktionen, skattning
-- version: 1
-- unit: skattning
-- section: 4
-- family: matching_function
-- dimensions: term
-- description: Estimates of ln H = c + a ln U(t-1) + b ln V(t-1) + region and month effects over the regions of the level: a, b, a_plus_b, the constant-returns t statistic crs_t and its p-value crs_p, r_squared (region '*'), and each region's matching efficiency relative to the first region; n is the number of region-months.
SELECT region_level, region, period, term,
       estimate AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, n
FROM matching_function_cells
