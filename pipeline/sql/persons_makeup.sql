-- What the persons table holds, for the hint of a run whose indicators
-- fail (run.go): register rows (a person each; work_lan is NULL) and
-- SCB's published employment cells (work_lan set, no kommun or age).
SELECT count(*) FILTER (WHERE work_lan IS NULL)     AS register_rows,
       count(*) FILTER (WHERE work_lan IS NOT NULL) AS cells
FROM persons
