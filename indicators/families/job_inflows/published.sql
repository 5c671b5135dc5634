-- params: AgeMin, AgeMax, BySex
-- Job inflows family from SCB's published tables (docs/methods.md
-- sections 3.4 and 7): RMI E2B, the employed 20-64 in the second year of
-- a pair by workplace region, SCB's industry group (SNI 2007, as E2B
-- groups it; TOT for all industries) and sex: the new employed, the job
-- switchers, their sum (the inflow) and each as a percent of the employed
-- in the second year. SCB counts ages 20-64: another age band has no rows.
--
-- Each requested region is summed from the units E2B has
-- (units_scb_rmi_e2b; macros/units.sql): its own row, whole län, whole FA
-- regions. The counts add up over them: each person counts where they
-- work in the second year. E2B does not publish the employed the shares
-- are of, so the shares cannot be recomputed for a sum: employed has no
-- number, the shares (share_new, share_switchers, share_inflow; the
-- indicators requiring "shares") are SCB's own for a region made of one
-- unit only, and family.toml (not_sums) refuses a region made of more
-- when one of them is chosen.
--
-- A sum with a part SCB did not publish, or with a unit lacking its row,
-- has no number: bool_and(x IS NOT NULL) guards every sum. unpublished
-- counts the unit rows lacking a count, unpublished_shares those lacking
-- a count or a share. source names the tables a row's counts come from.
-- Where two tables cover the same cell, the later table id is taken.
--
-- The rows are E2B's industry groups and their total; with BySex each
-- sex and the total (TOT), without, the total.
CREATE OR REPLACE TEMP TABLE job_inflows_cells AS
WITH e2b AS (
    SELECT t.table_id, t.region, t.period, k.sni, k.sex,
           t.nya_forvarvsarbetande AS new_employed, t.jobbytare AS switchers, t.jobbinflode AS inflow,
           t.andel_nya_forvarvsarbetande AS share_new, t.andel_jobbytare AS share_switchers,
           t.andel_jobbinflode AS share_inflow,
           t.nya_forvarvsarbetande IS NOT NULL AND t.jobbytare IS NOT NULL
               AND t.jobbinflode IS NOT NULL AS complete
    FROM scb_rmi_e2b AS t
    JOIN published_keys AS k USING (table_id, breakdown)
    WHERE NOT k.skip AND k.edu_group = 'TOT' AND k.birth_region = 'TOT'
      AND {{.AgeMin}} = 20 AND {{.AgeMax}} = 64
      AND {{if .BySex}}true{{else}}k.sex = 'TOT'{{end}}
    QUALIFY row_number() OVER (PARTITION BY t.region, t.period, k.sni, k.sex ORDER BY t.table_id DESC) = 1
),
grid AS (
    -- every unit of every region for every key: a unit without its row
    -- is a missing number, not a zero
    SELECT u.region_key, u.unit, u.own, k.*
    FROM units_scb_rmi_e2b AS u
    CROSS JOIN (SELECT DISTINCT period, sni, sex FROM e2b) AS k
),
placed AS (
    SELECT g.region_key, g.own, g.period, g.sni, g.sex, x.* EXCLUDE (region, period, sni, sex)
    FROM grid AS g
    LEFT JOIN e2b AS x ON x.region = g.unit AND x.period = g.period AND x.sni = g.sni AND x.sex = g.sex
),
sums AS (
    SELECT region_key, period, sni, sex,
           CASE WHEN bool_and(new_employed IS NOT NULL) THEN sum(new_employed) END AS new_employed,
           CASE WHEN bool_and(switchers IS NOT NULL) THEN sum(switchers) END       AS switchers,
           CASE WHEN bool_and(inflow IS NOT NULL) THEN sum(inflow) END             AS inflow,
           CASE WHEN count(*) = 1 THEN any_value(share_new) END                    AS share_new,
           CASE WHEN count(*) = 1 THEN any_value(share_switchers) END              AS share_switchers,
           CASE WHEN count(*) = 1 THEN any_value(share_inflow) END                 AS share_inflow,
           count(*) FILTER (WHERE NOT coalesce(complete, false))                   AS unpublished,
           count(*) FILTER (WHERE NOT coalesce(complete AND share_new IS NOT NULL
                                               AND share_switchers IS NOT NULL
                                               AND share_inflow IS NOT NULL, false)) AS unpublished_shares,
           bool_and(own)                                                           AS own,
           string_agg(DISTINCT table_id, '+' ORDER BY table_id)                    AS source
    FROM placed
    GROUP BY ALL
)
SELECT k.level AS region_level, k.region, s.period, s.sni, s.sex,
       NULL::DOUBLE AS employed, s.new_employed, s.switchers, s.inflow,
       s.share_new, s.share_switchers, s.share_inflow,
       s.source, s.unpublished, s.source AS source_shares, s.unpublished_shares, s.own
FROM sums AS s
JOIN region_keys AS k USING (region_key);
