-- Nesting of the requested regional levels, for secondary suppression
-- across regions (suppress.go): region_nesting (child_key, parent_key,
-- child_level) pairs a region with a region of another level when the
-- child's kommuner all lie in the parent and the parent's kommuner are
-- exactly those of its children at the child's level, so that parent =
-- sum of children. A region that straddles the regions of another level
-- (an FA region reaching into two län) is neither parent nor child at that
-- level. Reads region_map (session.PrepareRegions, regions.go).
CREATE OR REPLACE TEMP TABLE region_nesting AS
WITH child_in AS (
    -- for each child region and coarser level: the single parent, if any
    SELECT c.region_key AS child_key, c.level_id AS child_level, p.level_id AS parent_level,
           min(p.region_key) AS parent_key, count(DISTINCT p.region_key) AS parents
    FROM region_map AS c
    JOIN region_map AS p ON p.kommun = c.kommun AND p.level_id <> c.level_id
    GROUP BY ALL
),
nested AS (
    SELECT child_key, child_level, parent_key, parent_level FROM child_in WHERE parents = 1
),
parent_size AS (SELECT region_key, count(*) AS kommuner FROM region_map GROUP BY ALL),
child_size  AS (SELECT region_key, count(*) AS kommuner FROM region_map GROUP BY ALL),
covered AS (
    -- how many kommuner a parent's children at one level cover
    SELECT n.parent_key, n.child_level, sum(cs.kommuner) AS kommuner, count(*) AS children
    FROM nested AS n JOIN child_size AS cs ON cs.region_key = n.child_key
    GROUP BY ALL
)
SELECT n.child_key, n.parent_key, n.child_level
FROM nested AS n
JOIN covered AS c USING (parent_key, child_level)
JOIN parent_size AS ps ON ps.region_key = n.parent_key
WHERE c.kommuner = ps.kommuner
