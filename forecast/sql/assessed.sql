-- The assessments loaded with classes, per publisher, round and measure:
-- their occupations, how many of them map to SSYK 4 (occupation_map), and
-- their regions' levels. Agreements says why one gave no agreement.
SELECT a.publisher, a.round, a.measure,
       count(DISTINCT a.occupation) AS occupations,
       count(DISTINCT a.occupation) FILTER (WHERE m.occupation IS NOT NULL) AS mapped,
       string_agg(DISTINCT a.region_level, ', ' ORDER BY a.region_level) AS levels
FROM assessments AS a
LEFT JOIN (SELECT DISTINCT publisher, occupation FROM occupation_map) AS m
    USING (publisher, occupation)
WHERE a.class BETWEEN 1 AND 5
GROUP BY a.publisher, a.round, a.measure
ORDER BY a.publisher, a.round, a.measure
