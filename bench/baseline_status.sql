-- Hand-written baseline for the labour-market status family: residents
-- aged 20-64 by län x education group x sex x year, by status, with the
-- shares lmi computes. No suppression.
CREATE OR REPLACE TEMP TABLE baseline_status AS
SELECT
    year,
    left(home_kommun::VARCHAR, 2)                    AS lan,
    coalesce(edu_group::VARCHAR, 'UNK')              AS edu_group,
    sex::VARCHAR                                     AS sex,
    coalesce(sum(n) FILTER (WHERE status = 'employed'), 0)    AS employed,
    coalesce(sum(n) FILTER (WHERE status = 'unemployed'), 0)  AS unemployed,
    coalesce(sum(n) FILTER (WHERE status = 'student'), 0)     AS students,
    coalesce(sum(n) FILTER (WHERE status = 'outside'), 0)     AS others,
    sum(n)                                                    AS population
FROM persons
WHERE age BETWEEN 20 AND 64
GROUP BY ALL;
