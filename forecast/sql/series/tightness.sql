-- The tightness series for a backtest (series.go, StoreSeries source
-- tightness): new vacancies per registered job seeker, V / U, by region
-- and period, over all occupations. Each count sums the known cells: a
-- censored cell ("<5", n NULL) adds nothing, and a region-period whose
-- every cell is censored has no known count and is left out, as is one
-- without job seekers. Only periods with both counts make a point.
--
-- Not among the forecast's sql/*.sql: those are what a forecast reads
-- (Inputs derives the store tables from them), and a backtest's series
-- are not.
WITH v AS (
    SELECT region, period, sum(n) AS v
    FROM vacancies
    GROUP BY ALL
    HAVING count(n) > 0
),
u AS (
    SELECT region, period, sum(n) AS u
    FROM jobseekers
    GROUP BY ALL
    HAVING count(n) > 0
)
SELECT region, period, v::DOUBLE / u
FROM v
JOIN u USING (region, period)
WHERE u > 0
