-- An assessment release already loaded from another file: the same
-- publisher and round whose assessments are, row for row, those of the
-- extract being loaded ($1). The rows are compared by a digest of their
-- sorted content (region, occupation, measure, value, class), so a
-- release's CSV and xlsx, or a copy saved again, are found whatever their
-- bytes. Returns the earliest such file.
WITH rows AS (
    SELECT source, publisher, round,
           concat_ws('|', region, occupation, measure,
                     coalesce(CAST(value AS VARCHAR), ''), coalesce(CAST(class AS VARCHAR), '')) AS r
    FROM assessments
    WHERE (publisher, round) IN (SELECT DISTINCT publisher, round FROM assessments WHERE source = $1)
),
digests AS (
    SELECT source, publisher, round, count(*) AS n, md5(string_agg(r, chr(10) ORDER BY r)) AS digest
    FROM rows
    GROUP BY source, publisher, round
)
SELECT d.publisher, d.round, s.file, s.loaded_at
FROM digests AS n
JOIN digests AS d ON d.publisher = n.publisher AND d.round = n.round AND d.n = n.n
    AND d.digest = n.digest AND d.source <> n.source
JOIN sources AS s ON s.sha256 = d.source
WHERE n.source = $1
ORDER BY s.loaded_at, s.file
LIMIT 1
