-- New labour: persons employed in a year who the year before were
-- studying, outside the labour force or not in the register (graduates,
-- immigrants, returners). The unemployed who find work are not counted
-- here: the registered job seekers are supply of their own. This mirrors
-- the exits of replacement demand (to outside the labour force or out of
-- the register), so in a steady state entrants match exits.
--
-- Counted by region of residence and education group over the entrant
-- years (the last EntrantYears years up to the origin), and nationally by
-- education group and occupation for the entry shares.
CREATE OR REPLACE TEMP TABLE forecast_entrants AS
WITH years AS (
    SELECT DISTINCT year FROM persons WHERE person_id IS NOT NULL
),
now AS (
    SELECT p.person_id, p.year, p.home_kommun,
           coalesce(CAST(p.edu_group AS VARCHAR), '') AS edu_group,
           CAST(p.ssyk4 AS VARCHAR) AS ssyk4, p.n
    FROM persons AS p
    WHERE p.person_id IS NOT NULL
      AND p.status = 'employed'
      AND p.year BETWEEN {{.Origin}} - {{.EntrantYears}} + 1 AND {{.Origin}}
      AND p.year - 1 IN (SELECT year FROM years)
),
before AS (
    -- the year before, only who was in work or looking for it
    SELECT person_id, year + 1 AS year
    FROM persons
    WHERE person_id IS NOT NULL
      AND status IN ('employed', 'unemployed')
      AND year BETWEEN {{.Origin}} - {{.EntrantYears}} AND {{.Origin}} - 1
)
SELECT n.year, n.home_kommun, n.edu_group, n.ssyk4, sum(n.n) AS n
FROM now AS n
ANTI JOIN before AS b USING (person_id, year)
GROUP BY ALL;
