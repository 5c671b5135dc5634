-- params: AgeMin, AgeMax, ByBirth, ByEdu, BySex, Requires
-- Matching family from SCB's published tables: RMI E3 (the employed
-- fully, partly, not matched and without enough information, A-D, and
-- the adjusted population E, by region, SCB's education group and one of
-- sex, birth region or age) and, for over- and under-education, RMI E4
-- (the employed 20-64 by SCB's field and level match and education group).
--
-- Each requested region is summed from the units its table has
-- (units_scb_rmi_e3: its own row, whole län, whole FA regions or
-- kommuner; macros/units.sql). A sum with a part SCB did not publish has
-- no number: bool_and(x IS NOT NULL) guards every sum, and unpublished
-- counts the unit rows lacking a number. source names the tables a row's
-- counts come from; source_level_match and unpublished_level_match are
-- those of the indicators that read E4 (requires: level_match). Where two E3 tables cover the
-- same cell (RegionInd19E3N1 and E3N2), the later table id is taken.
--
-- E3 publishes sex and birth region each against the total of the other,
-- not crossed: with both kept, the rows are sex by TOT and TOT by birth
-- region, and the total (TOT by TOT) is always there. E4 has no sex or
-- birth region: l, h and u are given on the rows that span both.
CREATE OR REPLACE TEMP TABLE matching_cells AS
WITH e3 AS (
    SELECT t.table_id, t.region, t.period, k.edu_group, k.sex, k.birth_region,
           t.a, t.b, t.c, t.d, t.e
    FROM scb_rmi_e3 AS t
    JOIN published_keys AS k USING (table_id, breakdown)
    WHERE NOT k.skip
      AND k.age = '{{.AgeMin}}-{{.AgeMax}}'
      AND {{if .ByEdu}}k.edu_group <> 'TOT'{{else}}k.edu_group = 'TOT'{{end}}
      AND (   (k.sex = 'TOT' AND k.birth_region = 'TOT')
           {{- if .BySex}} OR (k.sex <> 'TOT' AND k.birth_region = 'TOT'){{end}}
           {{- if .ByBirth}} OR (k.sex = 'TOT' AND k.birth_region <> 'TOT'){{end}})
    QUALIFY row_number() OVER (PARTITION BY t.region, t.period, k.edu_group, k.sex, k.birth_region
                               ORDER BY t.table_id DESC) = 1
),
e3_sums AS (
    SELECT u.region_key, e3.period, e3.edu_group, e3.sex, e3.birth_region,
           CASE WHEN bool_and(e3.a IS NOT NULL) THEN sum(e3.a) END AS a,
           CASE WHEN bool_and(e3.b IS NOT NULL) THEN sum(e3.b) END AS b,
           CASE WHEN bool_and(e3.c IS NOT NULL) THEN sum(e3.c) END AS c,
           CASE WHEN bool_and(e3.d IS NOT NULL) THEN sum(e3.d) END AS d,
           CASE WHEN bool_and(e3.e IS NOT NULL) THEN sum(e3.e) END AS e,
           count(*) FILTER (WHERE e3.a IS NULL OR e3.b IS NULL OR e3.c IS NULL
                               OR e3.d IS NULL OR e3.e IS NULL)       AS unpublished,
           bool_and(u.own)                                            AS own,
           string_agg(DISTINCT e3.table_id, '+' ORDER BY e3.table_id) AS source
    FROM e3
    JOIN units_scb_rmi_e3 AS u ON u.unit = e3.region
    GROUP BY ALL
),
{{- if index .Requires "level_match"}}
e4 AS (
    -- per unit, region and year: the employed whose level match is known
    -- (l), above (h) and below (u) what the occupation requires
    SELECT t.table_id, t.region, t.period, k.edu_group,
           sum(t.n) FILTER (WHERE t.level_match <> 'okand')            AS l,
           sum(t.n) FILTER (WHERE t.level_match = 'hogre')             AS h,
           sum(t.n) FILTER (WHERE t.level_match = 'lagre')             AS u,
           bool_and(t.n IS NOT NULL)                                   AS complete
    FROM scb_rmi_e4 AS t
    JOIN published_keys AS k USING (table_id, breakdown)
    WHERE {{if .ByEdu}}k.edu_group <> 'TOT'{{else}}k.edu_group = 'TOT'{{end}}
    GROUP BY t.table_id, t.region, t.period, k.edu_group
    QUALIFY row_number() OVER (PARTITION BY t.region, t.period, k.edu_group ORDER BY t.table_id DESC) = 1
),
e4_sums AS (
    SELECT u.region_key, e4.period, e4.edu_group,
           CASE WHEN bool_and(e4.complete) THEN sum(e4.l) END AS l,
           CASE WHEN bool_and(e4.complete) THEN sum(e4.h) END AS h,
           CASE WHEN bool_and(e4.complete) THEN sum(e4.u) END AS u,
           count(*) FILTER (WHERE NOT e4.complete)             AS unpublished,
           string_agg(DISTINCT e4.table_id, '+' ORDER BY e4.table_id) AS source
    FROM e4
    JOIN units_scb_rmi_e4 AS u ON u.unit = e4.region
    GROUP BY ALL
),
{{- end}}
cells AS (
    SELECT s.region_key, s.period, s.edu_group, s.sex, s.birth_region,
           s.a, s.b, s.c, s.d, s.e,
           s.unpublished, s.source,
           {{- if index .Requires "level_match"}}
           x.l, x.h, x.u,
           coalesce(x.unpublished, 0)                                 AS unpublished_level_match,
           x.source                                                   AS source_level_match,
           {{- else}}
           NULL AS l, NULL AS h, NULL AS u,
           s.unpublished AS unpublished_level_match, s.source AS source_level_match,
           {{- end}}
           s.own
    FROM e3_sums AS s
    {{- if index .Requires "level_match"}}
    LEFT JOIN e4_sums AS x
           ON x.region_key = s.region_key AND x.period = s.period AND x.edu_group = s.edu_group
          AND s.sex = 'TOT' AND s.birth_region = 'TOT'
    {{- end}}
)
SELECT k.level AS region_level, k.region, c.period,
       c.edu_group, c.sex, c.birth_region,
       c.a, c.b, c.c, c.d, c.e,
       CAST(c.l AS DOUBLE) AS l, CAST(c.h AS DOUBLE) AS h, CAST(c.u AS DOUBLE) AS u,
       c.source, c.unpublished, c.source_level_match, c.unpublished_level_match, c.own
FROM cells AS c
JOIN region_keys AS k USING (region_key);
