-- params: AgeMin, AgeMax, ByEdu, BySex
-- Commuting family (docs/methods.md section 3.2, SCB's U2): the employed aged
-- AgeMin-AgeMax with a known workplace, by where they live and where they
-- work, at every requested level. A person adds to the night population of
-- the home region and the day population of the work region; if the two
-- differ, the person is an out-commuter from home and an in-commuter to work,
-- otherwise lives and works in the region.
CREATE OR REPLACE TEMP TABLE commuting_pairs AS
SELECT
    p.year,
    h.region_key AS home_key,
    w.region_key AS work_key,
    {{if .ByEdu}}p.edu_group{{else}}NULL{{end}}  AS edu_group,
    {{if .BySex}}p.sex{{else}}NULL{{end}}        AS sex,
    sum(p.n) AS n
FROM persons AS p
JOIN region_map AS h ON h.kommun = p.home_kommun
JOIN region_map AS w ON w.kommun = p.work_kommun AND w.level_id = h.level_id
WHERE p.status = 'employed'
  AND p.age BETWEEN {{.AgeMin}} AND {{.AgeMax}}
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE commuting_cells AS
WITH sides AS (
    -- the home side: night population, and who leaves
    SELECT year, home_key AS region_key, edu_group, sex,
           n AS night, 0 AS day,
           CASE WHEN home_key = work_key THEN n ELSE 0 END AS live_work,
           CASE WHEN home_key <> work_key THEN n ELSE 0 END AS out_commuters,
           0 AS in_commuters
    FROM commuting_pairs
    UNION ALL
    -- the work side: day population, and who comes in
    SELECT year, work_key, edu_group, sex,
           0, n, 0, 0,
           CASE WHEN home_key <> work_key THEN n ELSE 0 END
    FROM commuting_pairs
),
counts AS (
    SELECT year, region_key, edu_group, sex,
           sum(night) AS night, sum(day) AS day, sum(live_work) AS live_work,
           sum(out_commuters) AS out_commuters, sum(in_commuters) AS in_commuters
    FROM sides
    GROUP BY ALL
)
SELECT
    k.level AS region_level, k.region, CAST(c.year AS VARCHAR) AS period,
    {{if .ByEdu}}coalesce(CAST(c.edu_group AS VARCHAR), 'UNK'){{else}}'TOT'{{end}} AS edu_group,
    {{if .BySex}}CAST(c.sex AS VARCHAR){{else}}'TOT'{{end}}                        AS sex,
    c.night::BIGINT AS night, c.day::BIGINT AS day, c.live_work::BIGINT AS live_work,
    c.out_commuters::BIGINT AS out_commuters, c.in_commuters::BIGINT AS in_commuters
FROM counts AS c
JOIN region_keys AS k USING (region_key);

-- The commuting matrix: home region x work region at every level, so any
-- grouping of kommuner gets its own matrix. Kept apart from the cells above:
-- its second region is a dimension of its own.
CREATE OR REPLACE TEMP TABLE commuting_matrix_cells AS
SELECT
    hk.level AS region_level, hk.region, CAST(c.year AS VARCHAR) AS period,
    wk.region AS work_region,
    sum(c.n)::BIGINT AS n
FROM commuting_pairs AS c
JOIN region_keys AS hk ON hk.region_key = c.home_key
JOIN region_keys AS wk ON wk.region_key = c.work_key
GROUP BY ALL;
