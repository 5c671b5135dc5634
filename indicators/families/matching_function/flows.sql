-- The observations of the matching function at one level (bind: the level;
-- matchfn.go fits the model): per region and month, the hires H of the
-- month with the job seekers U and vacancies V of the month before.
-- Every row counts, with an occupation or without. A censored cell ("<5",
-- n NULL) adds nothing to these sums of the known cells; a region-month
-- left with no known H, U or V is not an observation (the > 0 conditions).
-- Months only: a quarter or a year of counts is not a month's. Sorted by
-- region, as the fit needs.
WITH flows AS (
    SELECT period, region, n AS h, 0 AS u, 0 AS v FROM hires
    UNION ALL SELECT period, region, 0, n, 0 FROM jobseekers
    UNION ALL SELECT period, region, 0, 0, n FROM vacancies
),
monthly AS (
    SELECT k.region, strptime(f.period, '%Y-%m') AS month,
           sum(f.h) AS h, sum(f.u) AS u, sum(f.v) AS v
    FROM flows AS f
    JOIN flow_region_map AS m ON m.code = f.region
    JOIN region_keys AS k ON k.region_key = m.region_key
    WHERE k.level = ? AND length(f.period) = 7
    GROUP BY ALL
)
SELECT cur.region, strftime(cur.month, '%Y-%m'), cur.h, prev.u, prev.v
FROM monthly AS cur
JOIN monthly AS prev ON prev.region = cur.region AND prev.month = cur.month - INTERVAL 1 MONTH
WHERE cur.h > 0 AND prev.u > 0 AND prev.v > 0
ORDER BY cur.region, cur.month
