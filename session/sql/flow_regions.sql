-- Flow tables (jobseekers, hires, vacancies, graduates) give their region as
-- a kommun or a län code. flow_region_map sends each code to the region of
-- every requested level: a kommun to its region at each level; a län only
-- to a region made of whole län (the län itself, riket, a grouping of whole
-- län; of the FA regions only Gotland), so that no region is counted with
-- part of its flows missing. Rows that cannot be placed at a level are left
-- out there rather than split by guesswork. SCB's published employment
-- cells in persons use the same map for their workplace län (work_lan),
-- and their "99" (unknown or abroad), which SCB counts in riket and in no
-- län, goes only to regions made of every kommun.
CREATE OR REPLACE TEMP TABLE flow_region_map AS
WITH kommuner_per_lan AS (
    SELECT left(CAST(k AS VARCHAR), 2) AS lan, count(*) AS n
    FROM (SELECT unnest(enum_range(NULL::kommun)) AS k)
    GROUP BY ALL
),
lan_in_region AS (
    SELECT left(CAST(kommun AS VARCHAR), 2) AS lan, level_id,
           min(region_key) AS region_key, count(DISTINCT region_key) AS regions, count(*) AS kommuner
    FROM region_map
    GROUP BY ALL
),
contained AS (
    -- län lying wholly inside one region of a level
    SELECT l.lan, l.region_key
    FROM lan_in_region AS l
    JOIN kommuner_per_lan AS k USING (lan)
    WHERE l.regions = 1 AND l.kommuner = k.n
),
whole_regions AS (
    -- regions every kommun of which belongs to a contained län
    SELECT m.region_key
    FROM region_map AS m
    LEFT JOIN contained AS c
           ON c.region_key = m.region_key AND c.lan = left(CAST(m.kommun AS VARCHAR), 2)
    GROUP BY m.region_key
    HAVING count(c.lan) = count(*)
)
SELECT CAST(kommun AS VARCHAR) AS code, region_key FROM region_map
UNION ALL
SELECT c.lan, c.region_key
FROM contained AS c
JOIN whole_regions AS w USING (region_key)
UNION ALL
SELECT '99', region_key
FROM region_map
GROUP BY region_key
HAVING count(*) = (SELECT sum(n) FROM kommuner_per_lan);
