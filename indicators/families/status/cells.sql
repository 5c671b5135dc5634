-- params: AgeMin, AgeMax, ByEdu, BySex
-- Labour-market status family (docs/methods.md section 3.1, SCB's U1a):
-- persons aged AgeMin-AgeMax by where they live, split by status. Registered
-- unemployed are in the labour force; students and others are outside it.
-- The persons table carries no employee/self-employed split, so the
-- employed are one group.
CREATE OR REPLACE TEMP TABLE status_cells AS
WITH counts AS (
    SELECT
        p.year,
        r.region_key,
        {{if .ByEdu}}p.edu_group{{else}}NULL{{end}}  AS edu_group,
        {{if .BySex}}p.sex{{else}}NULL{{end}}        AS sex,
        coalesce(sum(p.n) FILTER (WHERE p.status = 'employed'), 0)    AS employed,
        coalesce(sum(p.n) FILTER (WHERE p.status = 'unemployed'), 0)  AS unemployed,
        coalesce(sum(p.n) FILTER (WHERE p.status = 'student'), 0)     AS students,
        coalesce(sum(p.n) FILTER (WHERE p.status = 'outside'), 0)     AS others,
        sum(p.n)                                                      AS population
    FROM persons AS p
    JOIN region_map AS r ON r.kommun = p.home_kommun
    WHERE p.age BETWEEN {{.AgeMin}} AND {{.AgeMax}}
    GROUP BY ALL
)
SELECT
    k.level AS region_level, k.region, CAST(c.year AS VARCHAR) AS period,
    {{if .ByEdu}}coalesce(CAST(c.edu_group AS VARCHAR), 'UNK'){{else}}'TOT'{{end}} AS edu_group,
    {{if .BySex}}CAST(c.sex AS VARCHAR){{else}}'TOT'{{end}}                        AS sex,
    c.employed::BIGINT AS employed, c.unemployed::BIGINT AS unemployed,
    c.students::BIGINT AS students, c.others::BIGINT AS others,
    c.population::BIGINT AS population
FROM counts AS c
JOIN region_keys AS k USING (region_key);
