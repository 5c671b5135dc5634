-- Would the flow rows of extract $1 count a flow a second time? Indicators
-- place kommun rows in their län and län rows in the län itself, and sum
-- rows without an occupation into region totals, so two extracts holding
-- the same table, period, län (and, for job seekers, category) count the
-- same people or vacancies twice: job ads and Arbetsförmedlingen's vacancy
-- statistics for the same months, a kommun sheet and a län sheet of the
-- same month, a sheet downloaded again. Occupation is not part of the key,
-- for the same reason. Files of job ads ($2 = 'jobtech-ads') may share
-- keys with each other: they count ads one by one, and two files may hold
-- different ads of the same month. Returns the first clash with the other
-- extract's file, or nothing.
WITH flows AS (
    SELECT 'jobseekers' AS flow, period, left(region, 2) AS lan, category, source FROM jobseekers
    UNION ALL
    SELECT 'hires', period, left(region, 2), '', source FROM hires
    UNION ALL
    SELECT 'vacancies', period, left(region, 2), '', source FROM vacancies
),
new_keys AS (
    SELECT DISTINCT flow, period, lan, category
    FROM flows
    WHERE source = $1
)
SELECT f.flow, f.period, f.lan, f.category, s.file
FROM flows AS f
JOIN new_keys AS n USING (flow, period, lan, category)
JOIN sources AS s ON s.sha256 = f.source
WHERE f.source <> $1
  AND NOT (s.format = 'jobtech-ads' AND $2 = 'jobtech-ads')
ORDER BY f.flow, f.period, f.lan, f.category, s.file
LIMIT 1;
