-- params: BySex
-- Demography family from SCB's published RMI R1a (docs/methods.md sections
-- 3.6 and 7.3): the population by region, sex and single year of age,
-- from scb_rmi_r1a. Each requested region is summed from the units the
-- table has (macros/units.sql: its own row, whole län, whole FA regions).
--
-- young are the ages 0-19, working_age 20-64, old 65 and over (SCB's
-- "100+" among them), each only where the table has every one of its
-- single ages with a number; population is SCB's total over every age,
-- or where it has none, the sum of the three. Without sex, the rows are
-- SCB's "totalt"; by sex, its men and women. Where two tables hold a
-- unit's year, the later id is taken. unpublished counts the unit rows
-- (region and sex) lacking one of the four numbers.
CREATE OR REPLACE TEMP TABLE demography_cells AS
WITH chosen AS (
    -- the table each unit's year comes from
    SELECT region, period, table_id
    FROM scb_rmi_r1a
    GROUP BY region, period, table_id
    QUALIFY row_number() OVER (PARTITION BY region, period ORDER BY table_id DESC) = 1
),
picked AS (
    SELECT r.table_id, r.region, r.period,
           coalesce(r.sex, 'TOT')                                        AS sex,
           r.age IS NULL                                                 AS total,
           TRY_CAST(rtrim(r.age, '+') AS INTEGER)                        AS age,
           CASE WHEN r.status = '-' THEN 0 ELSE r.folkmangd END          AS n
    FROM scb_rmi_r1a AS r
    JOIN chosen AS c USING (region, period, table_id)
    WHERE {{if .BySex}}r.sex IS NOT NULL{{else}}r.sex IS NULL{{end}}
),
unit_rows AS (
    -- a band's sum only where every single age of it is there, published
    SELECT table_id, region, period, sex,
           CASE WHEN count(*) FILTER (WHERE age BETWEEN 0 AND 19) = 20
                 AND bool_and(n IS NOT NULL) FILTER (WHERE age BETWEEN 0 AND 19)
                THEN sum(n) FILTER (WHERE age BETWEEN 0 AND 19) END      AS young,
           CASE WHEN count(*) FILTER (WHERE age BETWEEN 20 AND 64) = 45
                 AND bool_and(n IS NOT NULL) FILTER (WHERE age BETWEEN 20 AND 64)
                THEN sum(n) FILTER (WHERE age BETWEEN 20 AND 64) END     AS working_age,
           CASE WHEN count(*) FILTER (WHERE age BETWEEN 65 AND 100) = 36
                 AND bool_and(n IS NOT NULL) FILTER (WHERE age BETWEEN 65 AND 100)
                THEN sum(n) FILTER (WHERE age BETWEEN 65 AND 100) END    AS old,
           max(n) FILTER (WHERE total)                                   AS population
    FROM picked
    GROUP BY ALL
),
units AS (
    SELECT table_id, region, period, sex, young, working_age, old,
           coalesce(population, young + working_age + old)               AS population
    FROM unit_rows
),
sums AS (
    SELECT u.region_key, x.period, x.sex,
           CASE WHEN bool_and(x.young IS NOT NULL) THEN sum(x.young) END             AS young,
           CASE WHEN bool_and(x.working_age IS NOT NULL) THEN sum(x.working_age) END AS working_age,
           CASE WHEN bool_and(x.old IS NOT NULL) THEN sum(x.old) END                 AS old,
           CASE WHEN bool_and(x.population IS NOT NULL) THEN sum(x.population) END  AS population,
           count(*) FILTER (WHERE x.young IS NULL OR x.working_age IS NULL
                               OR x.old IS NULL OR x.population IS NULL)            AS unpublished,
           count(DISTINCT x.region)                                                  AS units,
           bool_and(u.own)                                                           AS own,
           string_agg(DISTINCT x.table_id, '+' ORDER BY x.table_id)                  AS source
    FROM units_scb_rmi_r1a AS u
    JOIN units AS x ON x.region = u.unit
    GROUP BY ALL
),
expected AS (
    SELECT region_key, count(*) AS units FROM units_scb_rmi_r1a GROUP BY ALL
)
SELECT k.level AS region_level, k.region, s.period, s.sex,
       CAST(CASE WHEN s.units = e.units THEN s.young END AS BIGINT)       AS young,
       CAST(CASE WHEN s.units = e.units THEN s.working_age END AS BIGINT) AS working_age,
       CAST(CASE WHEN s.units = e.units THEN s.old END AS BIGINT)         AS old,
       CAST(CASE WHEN s.units = e.units THEN s.population END AS BIGINT)  AS population,
       s.unpublished + (e.units - s.units)                                AS unpublished,
       s.own, s.source
FROM sums AS s
JOIN expected AS e USING (region_key)
JOIN region_keys AS k USING (region_key);
