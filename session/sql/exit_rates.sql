-- Exits from working life between year $1 and the next, by age: the
-- employed of the panel in $1, and how many of them the next year are
-- outside the labour force or gone from the register (emigrated, died).
-- Feeds the exit profile (exits.go); rows without a person id are cells
-- and cannot be followed.
WITH now AS (
    SELECT person_id, age
    FROM persons
    WHERE person_id IS NOT NULL AND status = 'employed' AND year = $1
),
next AS (
    SELECT person_id, status
    FROM persons
    WHERE person_id IS NOT NULL AND year = $1 + 1
)
SELECT
    n.age,
    count(*)                                                          AS employed,
    count(*) FILTER (WHERE nx.person_id IS NULL OR nx.status = 'outside') AS exits
FROM now AS n
LEFT JOIN next AS nx USING (person_id)
GROUP BY n.age;
