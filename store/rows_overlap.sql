-- Would the rows of extract $1 in table $2 count something a second
-- time? Another extract holding the same key is the same content loaded
-- again, whatever its bytes: the Parquet twin of a CSV, the CSV re-saved
-- with other line ends, a copy cut short. The keys:
--   persons (register rows): year and person_id; rows without a
--     person_id are not compared (cells are checked by persons_overlap.sql
--     when published by SCB);
--   graduates: year, region and education group;
--   published_cells: SCB table id, dimensions and codes.
-- Returns the first other extract in key order with the number of
-- overlapping rows and the first and last overlapping key, as text.
WITH clash AS (
    SELECT n.year::VARCHAR AS part, o.source, n.person_id::VARCHAR AS key, n.person_id AS ord
    FROM persons AS n
    JOIN persons AS o ON o.year = n.year AND o.person_id = n.person_id
    WHERE $2 = 'persons' AND n.source = $1 AND o.source <> $1
    UNION ALL
    SELECT n.year::VARCHAR, o.source, n.region || ' ' || n.edu_group, NULL
    FROM graduates AS n
    JOIN graduates AS o ON o.year = n.year AND o.region = n.region AND o.edu_group = n.edu_group
    WHERE $2 = 'graduates' AND n.source = $1 AND o.source <> $1
    UNION ALL
    SELECT n.table_id, o.source, array_to_string(n.codes, ' '), NULL
    FROM published_cells AS n
    JOIN published_cells AS o ON o.table_id = n.table_id AND o.dimensions = n.dimensions AND o.codes = n.codes
    WHERE $2 = 'published_cells' AND n.source = $1 AND o.source <> $1
)
SELECT c.part, s.file, count(*) AS rows,
       coalesce(min(c.ord)::VARCHAR, min(c.key)) AS first,
       coalesce(max(c.ord)::VARCHAR, max(c.key)) AS last
FROM clash AS c
JOIN sources AS s ON s.sha256 = c.source
GROUP BY c.part, s.file
ORDER BY c.part, s.file
LIMIT 1;
