-- Replacement demand: the expected number of the origin year's employed
-- who leave working life within h years, for h = 1..H, from their ages and
-- exit_within (age, h, p), the probability of leaving within h years that
-- forecast writes from the exit profile (indicators.EstimateExitProfile).
WITH by_age AS (
    SELECT r.region_key, CAST(p.ssyk4 AS VARCHAR) AS ssyk4, p.age, sum(p.n) AS n
    FROM persons AS p
    JOIN region_map AS r
      ON r.kommun = {{if .Workplace}}coalesce(p.work_kommun, p.home_kommun){{else}}p.home_kommun{{end}}
    WHERE p.status = 'employed'
      AND p.ssyk4 IS NOT NULL
      AND p.year = {{.Origin}}
    GROUP BY ALL
)
SELECT
    a.region_key, a.ssyk4, x.h,
    -- a sum of doubles in a fixed order, so runs give identical results
    sum(a.n * x.p ORDER BY a.age) AS exits
FROM by_age AS a
JOIN exit_within AS x ON x.age = a.age
GROUP BY ALL
ORDER BY 1, 2, 3;
