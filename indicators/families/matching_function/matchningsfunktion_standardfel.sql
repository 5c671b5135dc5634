-- name: matchningsfunktion_standardfel
-- label: Matchningsfunktionen, standardfel
-- version: 1
-- unit: standardfel
-- section: 4
-- family: matching_function
-- dimensions: term
-- description: Standard errors of the matching-function estimates (delta method for the efficiencies); none for the test statistics.
SELECT region_level, region, period, term,
       std_error AS value, NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, n
FROM matching_function_cells
WHERE std_error IS NOT NULL
