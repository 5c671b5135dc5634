-- params: Source
-- The units each requested region is made of in one of SCB's published
-- tables (Source.Unit): of the ways region_units lists (the region's own
-- row, whole län, whole FA regions, kommuner), the first whose units the
-- table has, every one of them. A region with no such way is missing
-- here; published.go refuses it with a message naming what it lacks.
CREATE OR REPLACE TEMP TABLE units_{{.Source.Unit}} AS
WITH present AS (
    SELECT DISTINCT region AS unit FROM {{.Source.Unit}}
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
)
SELECT u.region_key, u.unit, u.rank = 0 AS own
FROM region_units AS u
JOIN best USING (region_key, rank);
