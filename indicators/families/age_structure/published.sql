-- Age structure family from SCB's published tables (docs/methods.md
-- sections 3.5 and 7.3): employees by workplace region, occupation and
-- YREG57's age bands (16-24 to 65-69), both sexes, from
-- scb_employment_age. The family's dimension is ssyk4; YREG57's rows are
-- SSYK 3, so are its codes here. Every band counts in employed (ages
-- 16-69); aged_55 and aged_60 are the bands from 55 and from 60.
--
-- Each requested region is summed from the units the table has
-- (macros/units.sql: a län's own row, riket's own row or its län and SCB's
-- unknown region "99", a grouping of whole län). A band's probability of
-- leaving working life within the horizon is the mean of exit_profile
-- over the band's single ages (ages spread evenly within a band), as the
-- forecast's replacement demand takes it.
--
-- Where two tables hold a unit's cell (a series and its N or BAS
-- successor) the latest series is taken (BAS, then N, then the first),
-- then the later id. SCB's "-" is zero; a unit with a band or sex without
-- a number has no number at all (unpublished counts such units), and nor
-- has a sum with one.
CREATE OR REPLACE TEMP TABLE age_structure_cells AS
WITH chosen AS (
    -- the table each unit's cell comes from
    SELECT region, year, ssyk, table_id
    FROM scb_employment_age
    WHERE length(ssyk) = 3
    GROUP BY region, year, ssyk, table_id
    QUALIFY row_number() OVER (
        PARTITION BY region, year, ssyk
        ORDER BY CASE WHEN upper(table_id) LIKE '%BAS' THEN 0 WHEN upper(table_id) LIKE '%N' THEN 1 ELSE 2 END,
                 table_id DESC) = 1
),
bands AS (
    -- a unit's employees of one band and sex; "-" is zero
    SELECT a.table_id, a.region, a.year, a.ssyk, a.age_band,
           CAST(split_part(a.age_band, '-', 1) AS INTEGER)                 AS age_from,
           CAST(split_part(a.age_band, '-', 2) AS INTEGER)                 AS age_to,
           CASE WHEN a.status = '-' THEN 0 ELSE a.n END                    AS n
    FROM scb_employment_age AS a
    JOIN chosen AS c USING (region, year, ssyk, table_id)
),
band_exit AS (
    SELECT b.age_band, avg(x.within_h) AS p
    FROM (SELECT DISTINCT age_band, age_from, age_to FROM bands) AS b
    JOIN exit_profile AS x ON x.age BETWEEN b.age_from AND b.age_to
    GROUP BY ALL
),
unit_rows AS (
    -- a unit's counts of one occupation, whole only if every band and sex is
    SELECT b.table_id, b.region, b.year, b.ssyk,
           bool_and(b.n IS NOT NULL)                                       AS complete,
           sum(b.n)                                                        AS employed,
           coalesce(sum(b.n) FILTER (WHERE b.age_from >= 55), 0)           AS aged_55,
           coalesce(sum(b.n) FILTER (WHERE b.age_from >= 60), 0)           AS aged_60,
           -- a sum of doubles in a fixed order, so runs give identical bytes
           sum(b.n * e.p ORDER BY b.age_band, b.n)                         AS expected_exits
    FROM bands AS b
    JOIN band_exit AS e USING (age_band)
    GROUP BY ALL
),
sums AS (
    SELECT u.region_key, r.year, r.ssyk,
           bool_and(r.complete)                                            AS complete,
           sum(r.employed)                                                 AS employed,
           sum(r.aged_55)                                                  AS aged_55,
           sum(r.aged_60)                                                  AS aged_60,
           sum(r.expected_exits ORDER BY r.region)                         AS expected_exits,
           count(*) FILTER (WHERE NOT r.complete)                          AS unpublished,
           count(DISTINCT r.region)                                        AS units,
           bool_and(u.own)                                                 AS own,
           string_agg(DISTINCT r.table_id, '+' ORDER BY r.table_id)        AS source
    FROM units_scb_employment_age_ssyk3 AS u
    JOIN unit_rows AS r ON r.region = u.unit
    GROUP BY ALL
),
expected AS (
    SELECT region_key, count(*) AS units FROM units_scb_employment_age_ssyk3 GROUP BY ALL
),
cells AS (
    SELECT s.*, s.complete AND s.units = e.units AS whole, s.unpublished + (e.units - s.units) AS missing
    FROM sums AS s
    JOIN expected AS e USING (region_key)
)
SELECT k.level AS region_level, k.region, CAST(c.year AS VARCHAR) AS period, c.ssyk AS ssyk4,
       CAST(CASE WHEN c.whole THEN c.employed END AS BIGINT)          AS employed,
       CAST(CASE WHEN c.whole THEN c.aged_55 END AS BIGINT)           AS aged_55,
       CAST(CASE WHEN c.whole THEN c.aged_60 END AS BIGINT)           AS aged_60,
       CASE WHEN c.whole THEN c.expected_exits END                    AS expected_exits,
       c.missing AS unpublished, c.own, c.source
FROM cells AS c
JOIN region_keys AS k USING (region_key);
