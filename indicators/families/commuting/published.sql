-- params: AgeMin, AgeMax, ByEdu, BySex
-- Commuting family from SCB's published tables (docs/methods.md sections
-- 3.2 and 7): RMI U2, the employed 20-64 by region, SCB's education group
-- and sex: who lives and works in the region, the in- and out-commuters
-- across its border, the day population (working there) and the night
-- population (living there). SCB counts ages 20-64: another age band
-- has no rows.
--
-- Each requested region is summed from the units U2 has
-- (units_scb_rmi_u2; macros/units.sql): its own row, whole län, whole FA
-- regions. The day and night populations add up over them: each person
-- works in one unit and lives in one. The flows do not: a region's in-
-- and out-commuters are those crossing its border, and the commuting
-- between two of its units crosses theirs but not its. So the flows
-- (live_work, in_commuters, out_commuters; the indicators requiring
-- "flows") are given for a region made of one unit only, and family.toml
-- (not_sums) refuses a region made of more when one of them is chosen.
--
-- A sum with a part SCB did not publish, or with a unit lacking its row,
-- has no number: bool_and(x IS NOT NULL) guards every sum. unpublished
-- counts the unit rows lacking the day or night population,
-- unpublished_flows those lacking any of the five. source names the
-- tables a row's counts come from. Where two tables cover the same cell,
-- the later table id is taken.
--
-- With BySex the rows are each sex and the total (TOT), with ByEdu each
-- education group; without, the total.
CREATE OR REPLACE TEMP TABLE commuting_cells AS
WITH u2 AS (
    SELECT t.table_id, t.region, t.period, k.edu_group, k.sex,
           t.bor_och_arbetar AS live_work, t.inpendlare AS in_commuters, t.utpendlare AS out_commuters,
           t.dagbefolkning AS day, t.nattbefolkning AS night,
           t.dagbefolkning IS NOT NULL AND t.nattbefolkning IS NOT NULL AS complete,
           t.dagbefolkning IS NOT NULL AND t.nattbefolkning IS NOT NULL AND t.bor_och_arbetar IS NOT NULL
               AND t.inpendlare IS NOT NULL AND t.utpendlare IS NOT NULL AS complete_flows
    FROM scb_rmi_u2 AS t
    JOIN published_keys AS k USING (table_id, breakdown)
    WHERE NOT k.skip AND k.birth_region = 'TOT'
      AND {{.AgeMin}} = 20 AND {{.AgeMax}} = 64
      AND {{if .ByEdu}}k.edu_group <> 'TOT'{{else}}k.edu_group = 'TOT'{{end}}
      AND {{if .BySex}}true{{else}}k.sex = 'TOT'{{end}}
    QUALIFY row_number() OVER (PARTITION BY t.region, t.period, k.edu_group, k.sex ORDER BY t.table_id DESC) = 1
),
grid AS (
    -- every unit of every region for every key: a unit without its row
    -- is a missing number, not a zero
    SELECT u.region_key, u.unit, u.own, k.*
    FROM units_scb_rmi_u2 AS u
    CROSS JOIN (SELECT DISTINCT period, edu_group, sex FROM u2) AS k
),
placed AS (
    SELECT g.region_key, g.own, g.period, g.edu_group, g.sex, x.* EXCLUDE (region, period, edu_group, sex)
    FROM grid AS g
    LEFT JOIN u2 AS x ON x.region = g.unit AND x.period = g.period AND x.edu_group = g.edu_group AND x.sex = g.sex
),
sums AS (
    SELECT region_key, period, edu_group, sex,
           CASE WHEN count(*) = 1 THEN any_value(live_work) END                AS live_work,
           CASE WHEN count(*) = 1 THEN any_value(in_commuters) END             AS in_commuters,
           CASE WHEN count(*) = 1 THEN any_value(out_commuters) END            AS out_commuters,
           CASE WHEN bool_and(day IS NOT NULL) THEN sum(day) END               AS day,
           CASE WHEN bool_and(night IS NOT NULL) THEN sum(night) END           AS night,
           count(*) FILTER (WHERE NOT coalesce(complete, false))               AS unpublished,
           count(*) FILTER (WHERE NOT coalesce(complete_flows, false))         AS unpublished_flows,
           bool_and(own)                                                       AS own,
           string_agg(DISTINCT table_id, '+' ORDER BY table_id)                AS source
    FROM placed
    GROUP BY ALL
)
SELECT k.level AS region_level, k.region, s.period, s.edu_group, s.sex,
       s.night, s.day, s.live_work, s.out_commuters, s.in_commuters,
       s.source, s.unpublished, s.source AS source_flows, s.unpublished_flows, s.own
FROM sums AS s
JOIN region_keys AS k USING (region_key);
