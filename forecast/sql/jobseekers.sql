-- Registered job seekers by region and sought occupation: the monthly
-- average over the origin year's months, in the chosen categories.
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
GROUP BY ALL
ORDER BY 1, 2;
