-- params: BySex
-- Employment family from SCB's published tables (docs/methods.md sections
-- 3.7 and 7.3): employees aged 16-64 by workplace region (dagbefolkning),
-- occupation and sex, from scb_employment.
--
-- Each requested region is summed from the units its unit set has
-- (macros/units.sql): SSYK 4 from YREG60's län where they make it (a län,
-- riket, a grouping of whole län), else SSYK 3 from YREG56's and YREG58's
-- kommuner (a kommun, an FA region, a grouping of kommuner), so a region's
-- rows carry SSYK 4 or SSYK 3 codes in ssyk4, never both. Riket made of
-- its län takes SCB's unknown region "99" too (of its kommuner, "9999"),
-- as SCB's riket does. SCB's "yrke okänt" is 0002.
--
-- Where two tables hold a unit's cell (YREG56 and YREG58; a series and
-- its N or BAS successor), one is taken: the one without SNI groups (no
-- sum to make), then the latest series (BAS, then N, then the first),
-- then the later id. YREG56's SNI groups are summed. SCB's "-" is zero;
-- any other symbol leaves the sum without a number (unpublished counts
-- the unit rows lacking one), and so does a unit without a row.
CREATE OR REPLACE TEMP TABLE employment_cells AS
WITH sets AS (
    -- each region's units, in the first set that makes it
    SELECT region_key, unit, own, 4 AS ssyk_level FROM units_scb_employment_ssyk4
    UNION ALL
    SELECT region_key, unit, own, 3 FROM units_scb_employment_ssyk3
    WHERE region_key NOT IN (SELECT region_key FROM units_scb_employment_ssyk4)
),
chosen AS (
    -- the table each unit's cell comes from
    SELECT region, ssyk_level, year, ssyk, table_id
    FROM scb_employment
    WHERE sector IS NULL
    GROUP BY region, ssyk_level, year, ssyk, table_id
    QUALIFY row_number() OVER (
        PARTITION BY region, ssyk_level, year, ssyk
        ORDER BY bool_or(sni IS NOT NULL),
                 CASE WHEN upper(table_id) LIKE '%BAS' THEN 0 WHEN upper(table_id) LIKE '%N' THEN 1 ELSE 2 END,
                 table_id DESC) = 1
),
unit_rows AS (
    -- a unit's count of one occupation and sex, over YREG56's SNI groups
    SELECT e.table_id, e.region, e.ssyk_level, e.year,
           coalesce(e.ssyk, '0002')                                          AS ssyk4,
           {{if .BySex}}CAST(e.sex AS VARCHAR){{else}}'TOT'{{end}}           AS sex,
           CASE WHEN bool_and(e.n IS NOT NULL OR e.status = '-')
                THEN sum(CASE WHEN e.status = '-' THEN 0 ELSE e.n END) END  AS n
    FROM scb_employment AS e
    JOIN chosen AS c
      ON  c.region = e.region AND c.ssyk_level = e.ssyk_level AND c.year = e.year
      AND c.ssyk IS NOT DISTINCT FROM e.ssyk AND c.table_id = e.table_id
    WHERE e.sector IS NULL
    GROUP BY ALL
),
sums AS (
    SELECT s.region_key, u.year, u.ssyk4, u.sex,
           CASE WHEN bool_and(u.n IS NOT NULL) THEN sum(u.n) END          AS employed,
           count(*) FILTER (WHERE u.n IS NULL)                            AS unpublished,
           count(DISTINCT u.region)                                       AS units,
           bool_and(s.own)                                                AS own,
           string_agg(DISTINCT u.table_id, '+' ORDER BY u.table_id)       AS source
    FROM sets AS s
    JOIN unit_rows AS u ON u.region = s.unit AND u.ssyk_level = s.ssyk_level
    GROUP BY ALL
),
expected AS (
    SELECT region_key, count(*) AS units FROM sets GROUP BY ALL
)
SELECT k.level AS region_level, k.region, CAST(x.year AS VARCHAR) AS period, x.ssyk4, x.sex,
       CAST(CASE WHEN x.units = e.units THEN x.employed END AS BIGINT) AS employed,
       x.unpublished + (e.units - x.units)                            AS unpublished,
       x.own, x.source
FROM sums AS x
JOIN expected AS e USING (region_key)
JOIN region_keys AS k USING (region_key);
