-- params: ByEdu, BySex
-- Population flows family from SCB's published tables (docs/methods.md
-- sections 3.3 and 7): RMI U3, the population aged 18-64 by home region,
-- SCB's education group and sex in the first and second year of a pair,
-- and the parts of the change: age entries (turning 18) and exits
-- (turning 65), in- and out-movers, graduates into the group and the
-- further educated out of it. SCB signs the exits as parts of the net
-- change (negative); the family counts persons, so they are taken
-- without their sign. U3 has no deaths, emigration or immigration:
-- died_or_emigrated and new_in_register have no number, and their
-- indicators (requiring "register") no row.
--
-- Each requested region is summed from the units U3 has
-- (units_scb_rmi_u3; macros/units.sql): its own row, whole län, whole FA
-- regions. The populations, the age entries and exits and the changes of
-- education group add up over them: each person lives in one unit. The
-- moves do not: a region's in- and out-movers are those crossing its
-- border. So moved_in and moved_out (the indicators requiring "flows")
-- are given for a region made of one unit only, and family.toml
-- (not_sums) refuses a region made of more when one of them is chosen.
--
-- A sum with a part SCB did not publish, or with a unit lacking its row,
-- has no number: bool_and(x IS NOT NULL) guards every sum. unpublished
-- counts the unit rows lacking a number other than the moves,
-- unpublished_flows those lacking any. source names the tables a row's
-- counts come from. Where two tables cover the same cell, the later
-- table id is taken.
--
-- With BySex the rows are each sex and the total (TOT), with ByEdu each
-- education group; without, the total.
CREATE OR REPLACE TEMP TABLE population_flows_cells AS
WITH u3 AS (
    SELECT t.table_id, t.region, t.period, k.edu_group, k.sex,
           t.befolkning_ar1 AS population1, t.befolkning_ar2 AS population2,
           t.aldersintraden AS aged_in, abs(t.aldersutraden) AS aged_out,
           t.inflyttare AS moved_in, abs(t.utflyttare) AS moved_out,
           t.examinerade AS joined_group, abs(t.vidareutbildade) AS left_group,
           t.befolkning_ar1 IS NOT NULL AND t.befolkning_ar2 IS NOT NULL AND t.aldersintraden IS NOT NULL
               AND t.aldersutraden IS NOT NULL AND t.examinerade IS NOT NULL
               AND t.vidareutbildade IS NOT NULL AS complete
    FROM scb_rmi_u3 AS t
    JOIN published_keys AS k USING (table_id, breakdown)
    WHERE NOT k.skip AND k.birth_region = 'TOT'
      AND {{if .ByEdu}}k.edu_group <> 'TOT'{{else}}k.edu_group = 'TOT'{{end}}
      AND {{if .BySex}}true{{else}}k.sex = 'TOT'{{end}}
    QUALIFY row_number() OVER (PARTITION BY t.region, t.period, k.edu_group, k.sex ORDER BY t.table_id DESC) = 1
),
grid AS (
    -- every unit of every region for every key: a unit without its row
    -- is a missing number, not a zero
    SELECT u.region_key, u.unit, u.own, k.*
    FROM units_scb_rmi_u3 AS u
    CROSS JOIN (SELECT DISTINCT period, edu_group, sex FROM u3) AS k
),
placed AS (
    SELECT g.region_key, g.own, g.period, g.edu_group, g.sex, x.* EXCLUDE (region, period, edu_group, sex)
    FROM grid AS g
    LEFT JOIN u3 AS x ON x.region = g.unit AND x.period = g.period AND x.edu_group = g.edu_group AND x.sex = g.sex
),
sums AS (
    SELECT region_key, period, edu_group, sex,
           CASE WHEN bool_and(population1 IS NOT NULL) THEN sum(population1) END   AS population1,
           CASE WHEN bool_and(population2 IS NOT NULL) THEN sum(population2) END   AS population2,
           CASE WHEN bool_and(aged_out IS NOT NULL) THEN sum(aged_out) END         AS aged_out,
           CASE WHEN count(*) = 1 THEN any_value(moved_out) END                    AS moved_out,
           CASE WHEN bool_and(left_group IS NOT NULL) THEN sum(left_group) END     AS left_group,
           CASE WHEN bool_and(aged_in IS NOT NULL) THEN sum(aged_in) END           AS aged_in,
           CASE WHEN count(*) = 1 THEN any_value(moved_in) END                     AS moved_in,
           CASE WHEN bool_and(joined_group IS NOT NULL) THEN sum(joined_group) END AS joined_group,
           count(*) FILTER (WHERE NOT coalesce(complete, false))                   AS unpublished,
           count(*) FILTER (WHERE NOT coalesce(complete AND moved_in IS NOT NULL
                                               AND moved_out IS NOT NULL, false))  AS unpublished_flows,
           bool_and(own)                                                           AS own,
           string_agg(DISTINCT table_id, '+' ORDER BY table_id)                    AS source
    FROM placed
    GROUP BY ALL
)
SELECT k.level AS region_level, k.region, s.period, s.edu_group, s.sex,
       s.population1, s.population2,
       NULL::DOUBLE AS died_or_emigrated, s.aged_out, s.moved_out, s.left_group,
       NULL::DOUBLE AS new_in_register, s.aged_in, s.moved_in, s.joined_group,
       s.source, s.unpublished, s.source AS source_flows, s.unpublished_flows,
       s.source AS source_register, 0 AS unpublished_register, s.own
FROM sums AS s
JOIN region_keys AS k USING (region_key);
