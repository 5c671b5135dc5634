-- params: AgeMin, AgeMax, BaseYear, Threshold
-- Statistical match key ("realized matches", ILO): built from the register
-- itself for one base year, nationally, among the employed aged
-- AgeMin-AgeMax whose education and occupation are known.
--
-- Field match for an education group e and occupation o (SSYK 4):
--   helt    o takes at least Threshold of e's employed;
--   delvis  o's SSYK 3 group takes at least Threshold of e's employed;
--   inte    otherwise.
-- Level match compares e's SUN level (the digit before the dash of the
-- group code) with the modal level among o's employed: equal 'ratt', above
-- 'hogre', below 'lagre'. Ties for the mode go to the lower level.
CREATE OR REPLACE TEMP TABLE matchmap AS
WITH employed AS (
    SELECT edu_group, ssyk4, sum(n) AS n
    FROM persons
    WHERE year = {{.BaseYear}}
      AND status = 'employed'
      AND edu_group IS NOT NULL AND ssyk4 IS NOT NULL
      AND age BETWEEN {{.AgeMin}} AND {{.AgeMax}}
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
    SELECT e.edu_group, left(CAST(e.ssyk4 AS VARCHAR), 3) AS ssyk3, sum(e.n) / any_value(g.n) AS share
    FROM employed AS e JOIN group_total AS g USING (edu_group)
    GROUP BY ALL
),
occupation_level AS (
    SELECT ssyk4, left(CAST(edu_group AS VARCHAR), 1) AS level, sum(n) AS n
    FROM employed GROUP BY ALL
),
modal_level AS (
    SELECT ssyk4, level
    FROM occupation_level
    QUALIFY row_number() OVER (PARTITION BY ssyk4 ORDER BY n DESC, level) = 1
),
pairs AS (
    SELECT g.edu_group, o.ssyk4, left(CAST(g.edu_group AS VARCHAR), 1) AS level, o.level AS modal
    FROM group_total AS g CROSS JOIN modal_level AS o
)
SELECT
    p.edu_group,
    p.ssyk4,
    CASE
        WHEN coalesce(s4.share, 0) >= {{.Threshold}} THEN 'helt'
        WHEN coalesce(s3.share, 0) >= {{.Threshold}} THEN 'delvis'
        ELSE 'inte'
    END AS field_match,
    CASE
        WHEN p.level = p.modal THEN 'ratt'
        WHEN p.level > p.modal THEN 'hogre'
        ELSE 'lagre'
    END AS level_match
FROM pairs AS p
LEFT JOIN share4 AS s4 ON s4.edu_group = p.edu_group AND s4.ssyk4 = p.ssyk4
LEFT JOIN share3 AS s3 ON s3.edu_group = p.edu_group AND s3.ssyk3 = left(CAST(p.ssyk4 AS VARCHAR), 3);
