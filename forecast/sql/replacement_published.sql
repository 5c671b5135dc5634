-- Replacement demand for employed without ages of their own (SCB's
-- published employment cells: persons rows with a work_lan and no age).
-- Each län x SSYK 4 cell of the origin year takes an age structure from
-- scb_employment_age, in the latest year at or before the origin that has
-- one, the first that is complete (every band has a number) of:
--   1. its län's SSYK 3 group (YREG57), shared down to every SSYK 4 group
--      of it: each SSYK 4 group is taken to have its SSYK 3 group's ages;
--   2. the occupation's national structure (YREG51, SSYK 4);
--   3. the SSYK 3 group's national structure (YREG57's riket rows).
-- SCB's unknown region ("99") takes the national one. Sexes are summed.
-- A band's probability of leaving working life within h years is the
-- mean of exit_within over its single ages (ages spread evenly within a
-- band). Exits are then summed from the län to the regions made of them
-- (flow_region_map), and each region x SSYK 4 says which structures it
-- took (ages). A cell no structure covers has no replacement demand.
WITH age_year AS (
    SELECT max(year) AS y FROM scb_employment_age WHERE year <= {{.Origin}} AND n IS NOT NULL
),
bands AS (
    SELECT region, ssyk, age_band,
           CAST(split_part(age_band, '-', 1) AS INTEGER) AS age_from,
           CAST(split_part(age_band, '-', 2) AS INTEGER) AS age_to,
           sum(n) AS n, bool_and(n IS NOT NULL) AS complete
    FROM scb_employment_age, age_year
    WHERE year = age_year.y
    GROUP BY ALL
),
structures AS (
    -- complete structures with people in them, as shares of the total
    SELECT region, ssyk, age_band, age_from, age_to, n / sum(n) OVER w AS share
    FROM bands
    WINDOW w AS (PARTITION BY region, ssyk)
    QUALIFY bool_and(complete) OVER w AND sum(n) OVER w > 0
),
band_exit AS (
    SELECT s.region, s.ssyk, x.h, sum(s.share * x.p / (s.age_to - s.age_from + 1) ORDER BY s.age_band, x.age) AS p
    FROM structures AS s
    JOIN exit_within AS x ON x.age BETWEEN s.age_from AND s.age_to
    GROUP BY ALL
),
cells AS (
    SELECT p.work_lan AS lan, CAST(p.ssyk4 AS VARCHAR) AS ssyk4, sum(p.n) AS n
    FROM persons AS p
    WHERE p.status = 'employed' AND p.age IS NULL AND p.work_lan IS NOT NULL
      AND p.ssyk4 IS NOT NULL AND p.year = {{.Origin}}
    GROUP BY ALL
),
chosen AS (
    -- the structure each cell takes, by the order above
    SELECT c.lan, c.ssyk4, c.n,
           CASE WHEN EXISTS (SELECT 1 FROM structures s WHERE s.region = c.lan AND s.ssyk = left(c.ssyk4, 3))
                    THEN c.lan
                WHEN EXISTS (SELECT 1 FROM structures s WHERE s.region = '00' AND s.ssyk = c.ssyk4)
                    THEN '00'
                WHEN EXISTS (SELECT 1 FROM structures s WHERE s.region = '00' AND s.ssyk = left(c.ssyk4, 3))
                    THEN '00' END AS from_region,
           CASE WHEN EXISTS (SELECT 1 FROM structures s WHERE s.region = c.lan AND s.ssyk = left(c.ssyk4, 3))
                    THEN left(c.ssyk4, 3)
                WHEN EXISTS (SELECT 1 FROM structures s WHERE s.region = '00' AND s.ssyk = c.ssyk4)
                    THEN c.ssyk4
                WHEN EXISTS (SELECT 1 FROM structures s WHERE s.region = '00' AND s.ssyk = left(c.ssyk4, 3))
                    THEN left(c.ssyk4, 3) END AS from_ssyk
    FROM cells AS c
),
described AS (
    SELECT *, CASE WHEN from_region IS NULL THEN 'none'
                   WHEN from_region <> '00' THEN 'län x SSYK 3'
                   WHEN length(from_ssyk) = 4 THEN 'riket x SSYK 4'
                   ELSE 'riket x SSYK 3' END AS ages
    FROM chosen
)
SELECT f.region_key, d.ssyk4, e.h,
       -- sums of doubles in a fixed order, so runs give identical results
       sum(d.n * e.p ORDER BY d.lan) AS exits,
       string_agg(DISTINCT d.ages, ' + ' ORDER BY d.ages) AS ages
FROM described AS d
JOIN flow_region_map AS f ON f.code = d.lan
LEFT JOIN band_exit AS e ON e.region = d.from_region AND e.ssyk = d.from_ssyk
GROUP BY ALL
ORDER BY 1, 2, 3;
