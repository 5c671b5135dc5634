-- The occupations of an extract loaded before ($1): those its assessments
-- name, and for a published series by occupation (the yrkesprognos
-- history) the codes of its dimension $2. MapOccupations maps them.
SELECT DISTINCT occupation FROM assessments WHERE source = $1
UNION
SELECT DISTINCT codes[list_position(dimensions, $2)]
FROM published_cells
WHERE source = $1 AND list_contains(dimensions, $2)
ORDER BY 1
