-- params: Source
-- The units each requested region is made of in one of SCB's published
-- tables (Source.Unit), or in one set of its rows (Source.UnitSet, those
-- where Source.UnitWhere holds: one occupation level, say): of the ways
-- region_units lists (the region's own row, whole län, whole FA regions,
-- kommuner), the first whose units the table has, every one of them. A
-- region with no such way is missing here; published.go refuses it with a
-- message naming what it lacks.
--
-- SCB's unknown region counts in riket and in no län or kommun (YREG's
-- "okänt/utlandet"): riket made of its län takes SCB's unknown län "99"
-- too, made of its kommuner SCB's unknown kommun "9999", where the table
-- has them. RMI's tables have neither.
CREATE OR REPLACE TEMP TABLE units_{{.Source.Unit}}{{with .Source.UnitSet}}_{{.}}{{end}} AS
WITH present AS (
    SELECT DISTINCT region AS unit
    FROM {{.Source.Unit}}
    {{- with .Source.UnitWhere}}
    WHERE {{.}}
    {{- end}}
),
options AS (
    SELECT u.region_key, u.rank, count(*) AS units, count(p.unit) AS present
    FROM region_units AS u
    LEFT JOIN present AS p USING (unit)
    GROUP BY ALL
),
best AS (
    SELECT region_key, min(rank) AS rank
    FROM options
    WHERE units = present
    GROUP BY ALL
),
chosen AS (
    SELECT u.region_key, u.unit, u.rank = 0 AS own, u.rank
    FROM region_units AS u
    JOIN best USING (region_key, rank)
),
unknown AS (
    -- riket is the region whose own row is SCB's "00"
    SELECT DISTINCT c.region_key, CASE c.rank WHEN 1 THEN '99' ELSE '9999' END AS unit, false AS own
    FROM chosen AS c
    JOIN region_units AS r ON r.region_key = c.region_key AND r.rank = 0 AND r.unit = '00'
    WHERE c.rank IN (1, 3)
)
SELECT region_key, unit, own FROM chosen
UNION ALL
SELECT x.region_key, x.unit, x.own
FROM unknown AS x
JOIN present AS p USING (unit);
