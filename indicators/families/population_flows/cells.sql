-- params: ByEdu, BySex, PanelPairs
-- Population flows family (docs/methods.md section 3.3, SCB's U3): the change
-- in the population aged 18-64 of a region and education group between two
-- consecutive years, split into its components. Only persons with a
-- person_id can be followed; each person-pair is placed by where they live
-- in each year, at every level, so a move within a län is no move at län
-- level. Each person leaving a cell is counted under exactly one reason,
-- and so is each person entering one, in this order:
--
--   leaving:  not in the register the next year (died or emigrated),
--             aged out of 18-64, moved out of the region, changed
--             education group (further education);
--   entering: not in the register the year before (born abroad, immigrated,
--             or new to the register), aged into 18-64, moved into the
--             region, changed education group (graduated into it).
--
-- So population(year 2) - population(year 1) equals the entries minus the
-- exits, cell by cell, by construction; a test checks it.
--
-- The person-pairs are collected one pair of years at a time, so memory
-- holds two years of the panel, not all of them.
CREATE OR REPLACE TEMP TABLE population_flows_joined (
    y1 SMALLINT, k1 kommun, band1_raw BOOLEAN, e1 VARCHAR, s1 VARCHAR,
    k2 kommun, band2_raw BOOLEAN, e2 VARCHAR, s2 VARCHAR,
    was BOOLEAN, is_now BOOLEAN, n BIGINT
);
{{range .PanelPairs}}
INSERT INTO population_flows_joined
WITH p AS (
    SELECT person_id, year, home_kommun, age,
           {{if $.ByEdu}}coalesce(CAST(edu_group AS VARCHAR), 'UNK'){{else}}'TOT'{{end}} AS edu_group,
           {{if $.BySex}}CAST(sex AS VARCHAR){{else}}'TOT'{{end}} AS sex
    FROM persons
    WHERE person_id IS NOT NULL AND year IN ({{.}}, {{.}} + 1)
),
a AS (SELECT * FROM p WHERE year = {{.}}),
b AS (SELECT * FROM p WHERE year = {{.}} + 1)
-- person-pairs, counted by what the classification needs, so the placing
-- below works on a few distinct combinations instead of every person
-- (most stay in the same kommun and group)
SELECT {{.}} AS y1,
       a.home_kommun AS k1, a.age BETWEEN 18 AND 64 AS band1_raw, a.edu_group AS e1, a.sex AS s1,
       b.home_kommun AS k2, b.age BETWEEN 18 AND 64 AS band2_raw, b.edu_group AS e2, b.sex AS s2,
       a.person_id IS NOT NULL AS was, b.person_id IS NOT NULL AS is_now,
       count(*) AS n
FROM a FULL JOIN b ON b.person_id = a.person_id
GROUP BY ALL;
{{end}}
CREATE OR REPLACE TEMP TABLE population_flows_cells AS
WITH joined AS (SELECT * FROM population_flows_joined),
placed AS (
    -- the regions at each level in both years (NULL when absent)
    SELECT j.*, lv.level_id, m1.region_key AS r1, m2.region_key AS r2,
           coalesce(j.band1_raw, false) AS band1,
           coalesce(j.band2_raw, false) AS band2
    FROM joined AS j
    CROSS JOIN (SELECT DISTINCT level_id FROM region_map) AS lv
    LEFT JOIN region_map AS m1 ON m1.kommun = j.k1 AND m1.level_id = lv.level_id
    LEFT JOIN region_map AS m2 ON m2.kommun = j.k2 AND m2.level_id = lv.level_id
),
leaving AS (
    SELECT y1, r1 AS region_key, e1 AS edu_group, s1 AS sex, n,
           CASE
               WHEN band2 AND r2 = r1 AND e2 = e1 THEN 'stays'
               WHEN NOT is_now                   THEN 'died_or_emigrated'
               WHEN NOT band2                    THEN 'aged_out'
               WHEN r2 IS DISTINCT FROM r1       THEN 'moved_out'
               ELSE 'left_group'
           END AS reason
    FROM placed
    WHERE band1 AND r1 IS NOT NULL
),
entering AS (
    SELECT y1, r2 AS region_key, e2 AS edu_group, s2 AS sex, n,
           CASE
               WHEN band1 AND r1 = r2 AND e1 = e2 THEN 'stays'
               WHEN NOT was                      THEN 'new_in_register'
               WHEN NOT band1                    THEN 'aged_in'
               WHEN r1 IS DISTINCT FROM r2       THEN 'moved_in'
               ELSE 'joined_group'
           END AS reason
    FROM placed
    WHERE band2 AND r2 IS NOT NULL
),
counts AS (
    SELECT y1, region_key, edu_group, sex,
           sum(n)                                             AS population1,
           0 AS population2,
           coalesce(sum(n) FILTER (WHERE reason = 'died_or_emigrated'), 0) AS died_or_emigrated,
           coalesce(sum(n) FILTER (WHERE reason = 'aged_out'), 0)          AS aged_out,
           coalesce(sum(n) FILTER (WHERE reason = 'moved_out'), 0)         AS moved_out,
           coalesce(sum(n) FILTER (WHERE reason = 'left_group'), 0)        AS left_group,
           0 AS new_in_register, 0 AS aged_in, 0 AS moved_in, 0 AS joined_group
    FROM leaving GROUP BY ALL
    UNION ALL
    SELECT y1, region_key, edu_group, sex,
           0, sum(n), 0, 0, 0, 0,
           coalesce(sum(n) FILTER (WHERE reason = 'new_in_register'), 0),
           coalesce(sum(n) FILTER (WHERE reason = 'aged_in'), 0),
           coalesce(sum(n) FILTER (WHERE reason = 'moved_in'), 0),
           coalesce(sum(n) FILTER (WHERE reason = 'joined_group'), 0)
    FROM entering GROUP BY ALL
)
SELECT
    k.level AS region_level, k.region,
    CAST(c.y1 AS VARCHAR) || '-' || CAST(c.y1 + 1 AS VARCHAR) AS period,
    c.edu_group, c.sex,
    sum(population1)::BIGINT AS population1, sum(population2)::BIGINT AS population2,
    sum(died_or_emigrated)::BIGINT AS died_or_emigrated, sum(aged_out)::BIGINT AS aged_out,
    sum(moved_out)::BIGINT AS moved_out, sum(left_group)::BIGINT AS left_group,
    sum(new_in_register)::BIGINT AS new_in_register, sum(aged_in)::BIGINT AS aged_in,
    sum(moved_in)::BIGINT AS moved_in, sum(joined_group)::BIGINT AS joined_group
FROM counts AS c
JOIN region_keys AS k ON k.region_key = c.region_key
GROUP BY ALL;
DROP TABLE population_flows_joined;
