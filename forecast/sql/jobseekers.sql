-- Registered job seekers by region and sought occupation: the monthly
-- average over the origin year's months, in the chosen categories. A
-- censored cell ("<5", n NULL) adds nothing to the sum of the known
-- cells; an occupation whose every cell is censored is left out (no job
-- seekers counted) rather than given a number. Rows without an occupation
-- (ssyk4 NULL) have no cell.
WITH rows AS (
    SELECT m.region_key, CAST(j.ssyk4 AS VARCHAR) AS ssyk4, j.period, j.n
    FROM jobseekers AS j
    JOIN flow_region_map AS m ON m.code = j.region
    WHERE j.period LIKE '{{.Origin}}-%'
      AND j.category IN ({{.Categories}})
),
months AS (
    SELECT count(DISTINCT period) AS n FROM rows
)
SELECT r.region_key, r.ssyk4, sum(r.n)::DOUBLE / any_value(m.n) AS n
FROM rows AS r
CROSS JOIN months AS m
WHERE r.ssyk4 IS NOT NULL
GROUP BY ALL
HAVING count(r.n) > 0
ORDER BY 1, 2;
