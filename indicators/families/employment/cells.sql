-- params: BySex
-- Employment family from person records (docs/methods.md section 3.7): the
-- employed aged 16-64 by workplace region (the home kommun where the
-- workplace is unknown, 1.3), SSYK 4 and sex, as SCB's YREG60 counts its
-- employees. The age band and the basis do not apply: 16-64 and the
-- workplace are YREG's. The employed without an occupation are SCB's
-- "yrke okänt", 0002, so the occupations sum to all the employed.
CREATE OR REPLACE TEMP TABLE employment_cells AS
WITH counts AS (
    SELECT
        p.year,
        r.region_key,
        coalesce(CAST(p.ssyk4 AS VARCHAR), '0002')                  AS ssyk4,
        {{if .BySex}}CAST(p.sex AS VARCHAR){{else}}'TOT'{{end}}     AS sex,
        sum(p.n)                                                     AS employed
    FROM persons AS p
    JOIN region_map AS r ON r.kommun = coalesce(p.work_kommun, p.home_kommun)
    WHERE p.status = 'employed' AND p.age BETWEEN 16 AND 64
    GROUP BY ALL
)
SELECT
    k.level AS region_level, k.region, CAST(c.year AS VARCHAR) AS period,
    c.ssyk4, c.sex, c.employed::BIGINT AS employed
FROM counts AS c
JOIN region_keys AS k USING (region_key);
