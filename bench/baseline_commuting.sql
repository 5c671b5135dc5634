-- Hand-written baseline for the commuting family: the employed aged 20-64
-- with a known workplace by län of residence and of work x education group
-- x sex x year: night and day population, those who live and work in the
-- län, out- and in-commuters. No suppression.
CREATE OR REPLACE TEMP TABLE baseline_commuting AS
WITH pairs AS (
    SELECT year,
           left(home_kommun::VARCHAR, 2) AS home,
           left(work_kommun::VARCHAR, 2) AS work,
           coalesce(edu_group::VARCHAR, 'UNK') AS edu_group,
           sex::VARCHAR AS sex,
           sum(n) AS n
    FROM persons
    WHERE status = 'employed' AND work_kommun IS NOT NULL AND age BETWEEN 20 AND 64
    GROUP BY ALL
),
sides AS (
    SELECT year, home AS lan, edu_group, sex, n AS night, 0 AS day,
           CASE WHEN home = work THEN n ELSE 0 END AS live_work,
           CASE WHEN home <> work THEN n ELSE 0 END AS out_commuters, 0 AS in_commuters
    FROM pairs
    UNION ALL
    SELECT year, work, edu_group, sex, 0, n, 0, 0, CASE WHEN home <> work THEN n ELSE 0 END
    FROM pairs
)
SELECT year, lan, edu_group, sex,
       sum(night) AS night, sum(day) AS day, sum(live_work) AS live_work,
       sum(out_commuters) AS out_commuters, sum(in_commuters) AS in_commuters
FROM sides
GROUP BY ALL;
