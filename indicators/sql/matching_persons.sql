-- Matching family, step 1: classify every person aged AgeMin-AgeMax into
-- the categories of METHODS.md section 2 and count them per kommun.
--
--   A  employed, field match 'helt' and level match 'ratt'
--   B  employed, field 'helt' with the wrong level, or field 'delvis'
--   C  employed, no field agreement (including pairs the key does not list)
--   D  employed, but education or occupation unknown
--   E  everyone in the cell except D (SCB: "totalt antal personer, justerat")
--
-- Region basis: with Workplace, employed persons count where they work and
-- everyone else where they live (they have no workplace); otherwise all
-- count where they live. Dimensions not asked for collapse to 'TOT'.
-- Birth region collapses to SCB's inrikes/utrikes groups ('1' = Sverige).
CREATE OR REPLACE TEMP TABLE matching_kommun AS
WITH classified AS (
    SELECT
        p.year,
        {{- if .Workplace}}
        CASE WHEN p.status = 'employed' AND p.work_kommun IS NOT NULL
             THEN p.work_kommun ELSE p.home_kommun END               AS kommun,
        {{- else}}
        p.home_kommun                                                AS kommun,
        {{- end}}
        {{if .ByEdu}}coalesce(CAST(p.edu_group AS VARCHAR), 'UNK'){{else}}'TOT'{{end}} AS edu_group,
        {{if .BySex}}CAST(p.sex AS VARCHAR){{else}}'TOT'{{end}}       AS sex,
        {{if .ByBirth}}CASE WHEN p.birth_region = '1' THEN 'inrikes' ELSE 'utrikes' END{{else}}'TOT'{{end}} AS birth_region,
        CASE
            WHEN p.status <> 'employed'                             THEN 'N'
            WHEN p.ssyk4 IS NULL OR p.edu_group IS NULL             THEN 'D'
            WHEN m.field_match = 'helt' AND m.level_match = 'ratt'  THEN 'A'
            WHEN m.field_match IN ('helt', 'delvis')                THEN 'B'
            ELSE 'C'
        END                                                          AS class,
        p.n
    FROM persons AS p
    LEFT JOIN matchmap AS m
           ON m.edu_group = p.edu_group AND m.ssyk4 = p.ssyk4
    WHERE p.age BETWEEN {{.AgeMin}} AND {{.AgeMax}}
)
SELECT
    year, kommun, edu_group, sex, birth_region,
    coalesce(sum(n) FILTER (WHERE class = 'A'), 0)   AS a,
    coalesce(sum(n) FILTER (WHERE class = 'B'), 0)   AS b,
    coalesce(sum(n) FILTER (WHERE class = 'C'), 0)   AS c,
    coalesce(sum(n) FILTER (WHERE class = 'D'), 0)   AS d,
    coalesce(sum(n) FILTER (WHERE class <> 'D'), 0)  AS e
FROM classified
GROUP BY ALL;

-- Step 2: roll kommuner up to every requested regional level at once.
-- region_map holds one row per (level, kommun) and never lists a kommun
-- twice within a level, so the sums are exact.
CREATE OR REPLACE TEMP TABLE matching_cells AS
SELECT
    r.level AS region_level, r.region, k.year, k.edu_group, k.sex, k.birth_region,
    sum(k.a)::BIGINT AS a,
    sum(k.b)::BIGINT AS b,
    sum(k.c)::BIGINT AS c,
    sum(k.d)::BIGINT AS d,
    sum(k.e)::BIGINT AS e
FROM matching_kommun AS k
JOIN region_map AS r ON r.kommun = k.kommun
GROUP BY ALL;
