-- params: BySex
-- Demography family (docs/methods.md section 3.6): residents of every age by
-- region, for the demographic dependency ratio. The age band does not
-- apply: the ratio is about the whole population.
CREATE OR REPLACE TEMP TABLE demography_cells AS
WITH counts AS (
    SELECT
        p.year,
        r.region_key,
        {{if .BySex}}p.sex{{else}}NULL{{end}} AS sex,
        coalesce(sum(p.n) FILTER (WHERE p.age <= 19), 0)             AS young,
        coalesce(sum(p.n) FILTER (WHERE p.age BETWEEN 20 AND 64), 0) AS working_age,
        coalesce(sum(p.n) FILTER (WHERE p.age >= 65), 0)             AS old,
        sum(p.n)                                                     AS population
    FROM persons AS p
    JOIN region_map AS r ON r.kommun = p.home_kommun
    GROUP BY ALL
)
SELECT
    k.level AS region_level, k.region, CAST(c.year AS VARCHAR) AS period,
    {{if .BySex}}CAST(c.sex AS VARCHAR){{else}}'TOT'{{end}} AS sex,
    c.young::BIGINT AS young, c.working_age::BIGINT AS working_age,
    c.old::BIGINT AS old, c.population::BIGINT AS population
FROM counts AS c
JOIN region_keys AS k USING (region_key);
