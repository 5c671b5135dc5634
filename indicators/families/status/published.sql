-- params: AgeMin, AgeMax, ByEdu, BySex
-- Status family from SCB's published tables (docs/methods.md sections 3.1
-- and 7): RMI U1a (the population by home region, education group and
-- status: the employed A, the registered unemployed B, outside the labour
-- force C as students and others, the total A+B+C) and RMI U1b (in and
-- outside the labour force and the total, by education group and sex).
-- SCB counts ages 20-64: another age band has no rows.
--
-- U1a has no sex: its rows are sex TOT, with BySex too. With BySex, U1b
-- adds the rows of each sex, which have the population and those outside
-- the labour force, so antal_befolkning and andel_utanfor_arbetskraften
-- by sex; the indicators that read U1a's split (employed, unemployed,
-- students, others; they require "split") have no row by sex:
-- indicator_rows.sql drops a row without a value when nothing it rests on
-- is unpublished, and unpublished_split counts only U1a's units lacking
-- a number of the split.
--
-- Each requested region is summed from the units its table has
-- (units_scb_rmi_u1a, units_scb_rmi_u1b; macros/units.sql): its own row,
-- whole län, whole FA regions. Every count here is additive over them:
-- each person lives in one unit. A sum with a part SCB did not publish, or
-- with a unit lacking its row, has no number: bool_and(x IS NOT NULL)
-- guards every sum, and unpublished counts the unit rows lacking the
-- population or those outside the labour force. source names the tables a row's counts come from. Where
-- two tables of a kind cover the same cell (U1aN and U1aN1), the later
-- table id is taken.
CREATE OR REPLACE TEMP TABLE status_cells AS
WITH u1a AS (
    SELECT t.table_id, t.region, t.period, k.edu_group, 'TOT' AS sex,
           t.forvarvsarbetande AS employed, t.inskrivna_arbetslosa AS unemployed,
           t.studerande AS students, t.ovriga AS others,
           t.inte_i_arbetskraften AS outside, t.totalt AS population,
           t.inte_i_arbetskraften IS NOT NULL AND t.totalt IS NOT NULL AS complete,
           t.forvarvsarbetande IS NOT NULL AND t.inskrivna_arbetslosa IS NOT NULL
               AND t.studerande IS NOT NULL AND t.ovriga IS NOT NULL AND t.totalt IS NOT NULL AS complete_split
    FROM scb_rmi_u1a AS t
    JOIN published_keys AS k USING (table_id, breakdown)
    WHERE NOT k.skip
      AND {{.AgeMin}} = 20 AND {{.AgeMax}} = 64
      AND {{if .ByEdu}}k.edu_group <> 'TOT'{{else}}k.edu_group = 'TOT'{{end}}
    QUALIFY row_number() OVER (PARTITION BY t.region, t.period, k.edu_group ORDER BY t.table_id DESC) = 1
),
u1b AS (
    -- the sexes only (U1a has the total), and only with BySex
    SELECT t.table_id, t.region, t.period, k.edu_group, k.sex,
           NULL::DOUBLE AS employed, NULL::DOUBLE AS unemployed,
           NULL::DOUBLE AS students, NULL::DOUBLE AS others,
           t.inte_i_arbetskraften AS outside, t.totalt AS population,
           t.inte_i_arbetskraften IS NOT NULL AND t.totalt IS NOT NULL AS complete,
           NULL::BOOLEAN AS complete_split
    FROM scb_rmi_u1b AS t
    JOIN published_keys AS k USING (table_id, breakdown)
    WHERE NOT k.skip AND {{.BySex}}
      AND {{.AgeMin}} = 20 AND {{.AgeMax}} = 64
      AND {{if .ByEdu}}k.edu_group <> 'TOT'{{else}}k.edu_group = 'TOT'{{end}}
      AND k.sex <> 'TOT'
    QUALIFY row_number() OVER (PARTITION BY t.region, t.period, k.edu_group, k.sex ORDER BY t.table_id DESC) = 1
),
grid AS (
    -- every unit of every region for every key of its table: a unit
    -- without its row is a missing number, not a zero
    SELECT 'u1a' AS kind, u.region_key, u.unit, u.own, k.*
    FROM units_scb_rmi_u1a AS u
    CROSS JOIN (SELECT DISTINCT period, edu_group, sex FROM u1a) AS k
    UNION ALL
    SELECT 'u1b', u.region_key, u.unit, u.own, k.*
    FROM units_scb_rmi_u1b AS u
    CROSS JOIN (SELECT DISTINCT period, edu_group, sex FROM u1b) AS k
),
placed AS (
    SELECT g.region_key, g.own, g.kind AS unit_kind, g.period, g.edu_group, g.sex,
           x.* EXCLUDE (kind, region, period, edu_group, sex)
    FROM grid AS g
    LEFT JOIN (SELECT 'u1a' AS kind, * FROM u1a UNION ALL BY NAME SELECT 'u1b' AS kind, * FROM u1b) AS x
           ON x.kind = g.kind AND x.region = g.unit AND x.period = g.period
          AND x.edu_group = g.edu_group AND x.sex = g.sex
),
sums AS (
    SELECT region_key, period, edu_group, sex,
           CASE WHEN bool_and(employed IS NOT NULL) THEN sum(employed) END     AS employed,
           CASE WHEN bool_and(unemployed IS NOT NULL) THEN sum(unemployed) END AS unemployed,
           CASE WHEN bool_and(students IS NOT NULL) THEN sum(students) END     AS students,
           CASE WHEN bool_and(others IS NOT NULL) THEN sum(others) END         AS others,
           CASE WHEN bool_and(outside IS NOT NULL) THEN sum(outside) END       AS outside,
           CASE WHEN bool_and(population IS NOT NULL) THEN sum(population) END AS population,
           count(*) FILTER (WHERE NOT coalesce(complete, false))               AS unpublished,
           count(*) FILTER (WHERE unit_kind = 'u1a' AND NOT coalesce(complete_split, false)) AS unpublished_split,
           bool_and(own)                                                       AS own,
           string_agg(DISTINCT table_id, '+' ORDER BY table_id)                AS source
    FROM placed
    GROUP BY ALL
)
SELECT k.level AS region_level, k.region, s.period, s.edu_group, s.sex,
       s.employed, s.unemployed, s.students, s.others, s.outside, s.population,
       s.source, s.unpublished, s.source AS source_split, s.unpublished_split, s.own
FROM sums AS s
JOIN region_keys AS k USING (region_key);
