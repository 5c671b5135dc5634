-- params: AgeMin, AgeMax, ByBirth, ByEdu, BySex, Requires, Workplace
-- Matching family: classify every person aged AgeMin-AgeMax into the
-- categories of docs/methods.md section 2.2 and count them per region, for
-- every requested regional level in one pass.
--
--   A  employed, field match 'helt' and level match 'ratt'
--   B  employed, field 'helt' with the wrong level, or field 'delvis'
--   C  employed, no field agreement (including pairs the key does not list)
--   D  employed, but education or occupation unknown
--   E  everyone in the cell except D (SCB: "totalt antal personer, justerat")
--
-- and, for over- and under-education (only when one of them is asked for:
-- three more sums over every person), the employed with known education and
-- occupation whose pair the key judges for level (L), and among them those
-- whose education is above (H) or below (U) what the occupation requires.
--
-- Region basis: with Workplace, employed persons count where they work and
-- everyone else where they live (they have no workplace); otherwise all
-- count where they live. region_map lists each kommun once per level, so a
-- person is counted once at every level. Dimensions not asked for collapse
-- to 'TOT'; birth region collapses to SCB's inrikes/utrikes ('1' = Sverige).
--
-- The hot part groups on ENUM codes and integers; text appears only in the
-- small cell table at the end.
CREATE OR REPLACE TEMP TABLE matching_cells AS
WITH classified AS (
    SELECT
        p.year,
        r.region_key,
        {{if .ByEdu}}p.edu_group{{else}}NULL{{end}}                        AS edu_group,
        {{if .BySex}}p.sex{{else}}NULL{{end}}                              AS sex,
        {{if .ByBirth}}p.birth_region = '1'{{else}}NULL{{end}}             AS inrikes,
        CASE
            WHEN p.status <> 'employed'                             THEN 0  -- in E only
            WHEN p.ssyk4 IS NULL OR p.edu_group IS NULL             THEN 4  -- D
            WHEN m.field_match = 'helt' AND m.level_match = 'ratt'  THEN 1  -- A
            WHEN m.field_match IN ('helt', 'delvis')                THEN 2  -- B
            ELSE 3                                                          -- C
        END                                                          AS class,
        {{- if index .Requires "level_match"}}
        CASE m.level_match WHEN 'ratt' THEN 0 WHEN 'hogre' THEN 1 WHEN 'lagre' THEN 2 END AS level_class,
        {{- end}}
        p.n
    FROM persons AS p
    JOIN region_map AS r
      ON r.kommun = {{if .Workplace}}CASE WHEN p.status = 'employed' AND p.work_kommun IS NOT NULL
                                          THEN p.work_kommun ELSE p.home_kommun END{{else}}p.home_kommun{{end}}
    LEFT JOIN matchmap AS m
           ON m.edu_group = p.edu_group AND m.ssyk4 = p.ssyk4
    WHERE p.age BETWEEN {{.AgeMin}} AND {{.AgeMax}}
),
counts AS (
    SELECT
        year, region_key, edu_group, sex, inrikes,
        coalesce(sum(n) FILTER (WHERE class = 1), 0)   AS a,
        coalesce(sum(n) FILTER (WHERE class = 2), 0)   AS b,
        coalesce(sum(n) FILTER (WHERE class = 3), 0)   AS c,
        coalesce(sum(n) FILTER (WHERE class = 4), 0)   AS d,
        coalesce(sum(n) FILTER (WHERE class <> 4), 0)  AS e,
        {{- if index .Requires "level_match"}}
        coalesce(sum(n) FILTER (WHERE class IN (1, 2, 3) AND level_class IS NOT NULL), 0) AS l,
        coalesce(sum(n) FILTER (WHERE class IN (1, 2, 3) AND level_class = 1), 0)  AS h,
        coalesce(sum(n) FILTER (WHERE class IN (1, 2, 3) AND level_class = 2), 0)  AS u
        {{- else}}
        NULL::BIGINT AS l, NULL::BIGINT AS h, NULL::BIGINT AS u -- no level indicator asked for
        {{- end}}
    FROM classified
    GROUP BY ALL
)
SELECT
    k.level                                                   AS region_level,
    k.region,
    CAST(c.year AS VARCHAR)                                   AS period,
    {{if .ByEdu}}coalesce(CAST(c.edu_group AS VARCHAR), 'UNK'){{else}}'TOT'{{end}}  AS edu_group,
    {{if .BySex}}CAST(c.sex AS VARCHAR){{else}}'TOT'{{end}}                         AS sex,
    {{if .ByBirth}}CASE WHEN c.inrikes THEN 'inrikes' ELSE 'utrikes' END{{else}}'TOT'{{end}} AS birth_region,
    c.a::BIGINT AS a, c.b::BIGINT AS b, c.c::BIGINT AS c, c.d::BIGINT AS d, c.e::BIGINT AS e,
    c.l::BIGINT AS l, c.h::BIGINT AS h, c.u::BIGINT AS u
FROM counts AS c
JOIN region_keys AS k USING (region_key);
