-- The hand-written baseline: the matching counts and rates by län x
-- education group x sex x year in one plain DuckDB query, as an analyst
-- fluent in SQL would write it without lmi. Same definitions as lmi
-- (docs/methods.md section 2, statistical key with threshold 0.05 in the
-- latest year, home region, ages 20-64), no suppression, wide output.
CREATE OR REPLACE TEMP TABLE baseline AS
WITH base AS (
    SELECT max(year) AS year FROM persons
),
employed AS (
    SELECT p.edu_group, p.ssyk4, sum(p.n) AS n
    FROM persons AS p, base
    WHERE p.year = base.year AND p.status = 'employed'
      AND p.edu_group IS NOT NULL AND p.ssyk4 IS NOT NULL
      AND p.age BETWEEN 20 AND 64
    GROUP BY ALL
),
group_total AS (
    SELECT edu_group, sum(n) AS n FROM employed GROUP BY ALL
),
share4 AS (
    SELECT e.edu_group, e.ssyk4, e.n / g.n AS share
    FROM employed AS e JOIN group_total AS g USING (edu_group)
),
share3 AS (
    SELECT e.edu_group, left(e.ssyk4::VARCHAR, 3) AS ssyk3, sum(e.n) / any_value(g.n) AS share
    FROM employed AS e JOIN group_total AS g USING (edu_group)
    GROUP BY ALL
),
modal AS (
    SELECT ssyk4, level
    FROM (SELECT ssyk4, left(edu_group::VARCHAR, 1) AS level, sum(n) AS n FROM employed GROUP BY ALL)
    QUALIFY row_number() OVER (PARTITION BY ssyk4 ORDER BY n DESC, level) = 1
),
match_key AS (
    SELECT g.edu_group, m.ssyk4,
           coalesce(s4.share, 0) >= 0.05                            AS field_full,
           coalesce(s4.share, 0) < 0.05 AND coalesce(s3.share, 0) >= 0.05 AS field_part,
           left(g.edu_group::VARCHAR, 1) = m.level                  AS level_right
    FROM group_total AS g
    CROSS JOIN modal AS m
    LEFT JOIN share4 AS s4 ON s4.edu_group = g.edu_group AND s4.ssyk4 = m.ssyk4
    LEFT JOIN share3 AS s3 ON s3.edu_group = g.edu_group AND s3.ssyk3 = left(m.ssyk4::VARCHAR, 3)
),
counts AS (
    SELECT
        p.year,
        left(p.home_kommun::VARCHAR, 2)               AS lan,
        coalesce(p.edu_group::VARCHAR, 'UNK')         AS edu_group,
        p.sex::VARCHAR                                AS sex,
        sum(p.n) FILTER (WHERE p.status = 'employed' AND k.field_full AND k.level_right)                     AS a,
        sum(p.n) FILTER (WHERE p.status = 'employed' AND (k.field_full AND NOT k.level_right OR k.field_part)) AS b,
        sum(p.n) FILTER (WHERE p.status = 'employed' AND p.ssyk4 IS NOT NULL AND p.edu_group IS NOT NULL
                           AND NOT coalesce(k.field_full OR k.field_part, false))                            AS c,
        sum(p.n) FILTER (WHERE p.status = 'employed' AND (p.ssyk4 IS NULL OR p.edu_group IS NULL))           AS d,
        sum(p.n) FILTER (WHERE NOT (p.status = 'employed' AND (p.ssyk4 IS NULL OR p.edu_group IS NULL)))      AS e
    FROM persons AS p
    LEFT JOIN match_key AS k ON k.edu_group = p.edu_group AND k.ssyk4 = p.ssyk4
    WHERE p.age BETWEEN 20 AND 64
    GROUP BY ALL
)
SELECT
    year, lan, edu_group, sex,
    coalesce(a, 0) AS a, coalesce(b, 0) AS b, coalesce(c, 0) AS c, coalesce(d, 0) AS d, coalesce(e, 0) AS e,
    100.0 * (coalesce(a, 0) + coalesce(b, 0) + coalesce(c, 0)) / nullif(e, 0)  AS forvarvsgrad,
    100.0 * coalesce(a, 0) / nullif(e, 0)                                       AS matchad_forvarvsgrad,
    100.0 * (coalesce(b, 0) + coalesce(c, 0)) / nullif(e, 0)                    AS matchningsgap,
    100.0 * coalesce(a, 0) / nullif(coalesce(a, 0) + coalesce(b, 0) + coalesce(c, 0), 0) AS matchningsgrad
FROM counts;
