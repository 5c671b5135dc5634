-- Beveridge family (docs/methods.md section 4.3), per region and year: the
-- monthly job seekers U and new vacancies V averaged over the months of the
-- year, against employment E from the register (the employed living in the
-- region). u = U / (E + U), v = V / (V + E), Michaillat and Saez's efficient
-- unemployment u* = sqrt(u v) and the gap u - u*.
--
-- Every row counts, with an occupation or without. A censored cell
-- (published "<5": n NULL) adds nothing to a month's U or V, the sums of
-- the known cells, and is counted in censored; a month whose U (or V) rows
-- are all censored has no U (V) and is left out of that year's average.
CREATE OR REPLACE TEMP TABLE beveridge_cells AS
WITH flows AS (
    SELECT period, region, n AS u, NULL::INTEGER AS v, censored::INTEGER AS uc, 0 AS vc FROM jobseekers
    UNION ALL
    SELECT period, region, NULL, n, 0, censored::INTEGER FROM vacancies
),
monthly AS (
    SELECT m.region_key, left(f.period, 4) AS year, f.period,
           coalesce(sum(f.u), CASE WHEN sum(f.uc) = 0 THEN 0 END) AS u,
           coalesce(sum(f.v), CASE WHEN sum(f.vc) = 0 THEN 0 END) AS v,
           sum(f.uc + f.vc) AS censored
    FROM flows AS f
    JOIN flow_region_map AS m ON m.code = f.region
    WHERE length(f.period) = 7 -- months only
    GROUP BY ALL
),
yearly AS (
    SELECT region_key, year, avg(u) AS u, avg(v) AS v, count(*) AS months, sum(censored) AS censored
    FROM monthly
    GROUP BY ALL
),
employed AS (
    SELECT r.region_key, CAST(p.year AS VARCHAR) AS year, sum(p.n) AS e
    FROM persons AS p
    JOIN region_map AS r ON r.kommun = p.home_kommun
    WHERE p.status = 'employed'
    GROUP BY ALL
)
SELECT
    k.level AS region_level, k.region, y.year AS period,
    y.u, y.v, e.e::BIGINT AS e, y.months, y.censored,
    y.u / (e.e + y.u) AS u_rate,
    y.v / (y.v + e.e) AS v_rate
FROM yearly AS y
JOIN employed AS e USING (region_key, year)
JOIN region_keys AS k ON k.region_key = y.region_key;
