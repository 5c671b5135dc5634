SELECT coalesce(CAST(edu_group AS VARCHAR), '') AS edu_group, CAST(ssyk4 AS VARCHAR) AS ssyk4,
       sum(n)::DOUBLE / sum(sum(n)) OVER (PARTITION BY coalesce(CAST(edu_group AS VARCHAR), '')) AS share
FROM persons
WHERE year = {{.Origin}} AND status = 'employed' AND ssyk4 IS NOT NULL AND age < 35
GROUP BY 1, 2
ORDER BY 1, 2;
