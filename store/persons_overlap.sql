-- Would the persons rows of extract $1 count someone a second time?
-- SCB's published employment cells (age NULL: year x workplace län x
-- occupation x sex) sum over everyone the register rows of the same year
-- (age known: microdata or the canonical cells) describe one by one, so a
-- year holds one kind or the other. Two published cells with the same key
-- are the same people twice (a table downloaded again, or two overlapping
-- extracts). Returns the first clash: year, the other extract's file, and
-- whether both sides are published cells.
WITH new_years AS (
    SELECT DISTINCT year, age IS NULL AS cell
    FROM persons
    WHERE source = $1
),
kind_clash AS (
    SELECT p.year, p.source, false AS both_cells
    FROM persons AS p
    JOIN new_years AS y ON y.year = p.year AND y.cell <> (p.age IS NULL)
    WHERE p.source <> $1
    LIMIT 1
),
key_clash AS (
    SELECT o.year, o.source, true AS both_cells
    FROM persons AS o
    JOIN persons AS p
      ON  p.year = o.year
      AND p.work_lan = o.work_lan
      AND p.ssyk4 IS NOT DISTINCT FROM o.ssyk4
      AND p.sex = o.sex
    WHERE p.source = $1 AND p.age IS NULL
      AND o.source <> $1 AND o.age IS NULL
    LIMIT 1
)
SELECT c.year, s.file, c.both_cells
FROM (SELECT * FROM kind_clash UNION ALL SELECT * FROM key_clash) AS c
JOIN sources AS s ON s.sha256 = c.source
ORDER BY c.both_cells, c.year
LIMIT 1;
