-- params: Workplace
-- Age structure family (docs/methods.md section 3.5): the employed with a
-- known occupation (SSYK 4) by region and age, for retirement pressure.
-- Region basis as for matching: with Workplace, jobs count where they are.
-- expected_exits sums each person's probability of leaving working life
-- within the horizon (exit_profile, from exits.go).
CREATE OR REPLACE TEMP TABLE age_structure_cells AS
WITH by_age AS (
    SELECT p.year, r.region_key, p.ssyk4, p.age, sum(p.n) AS n
    FROM persons AS p
    JOIN region_map AS r
      ON r.kommun = {{if .Workplace}}coalesce(p.work_kommun, p.home_kommun){{else}}p.home_kommun{{end}}
    WHERE p.status = 'employed' AND p.ssyk4 IS NOT NULL
    GROUP BY ALL
),
counts AS (
    SELECT
        a.year, a.region_key, a.ssyk4,
        sum(a.n)                                        AS employed,
        coalesce(sum(a.n) FILTER (WHERE a.age >= 55), 0) AS aged_55,
        coalesce(sum(a.n) FILTER (WHERE a.age >= 60), 0) AS aged_60,
        -- a sum of doubles in a fixed order, so runs give identical bytes
        sum(a.n * x.within_h ORDER BY a.age)            AS expected_exits
    FROM by_age AS a
    JOIN exit_profile AS x ON x.age = a.age
    GROUP BY ALL
)
SELECT
    k.level AS region_level, k.region, CAST(c.year AS VARCHAR) AS period,
    CAST(c.ssyk4 AS VARCHAR) AS ssyk4,
    c.employed::BIGINT AS employed, c.aged_55::BIGINT AS aged_55, c.aged_60::BIGINT AS aged_60,
    c.expected_exits
FROM counts AS c
JOIN region_keys AS k USING (region_key);
