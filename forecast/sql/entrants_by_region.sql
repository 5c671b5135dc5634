-- Yearly entrants by region and education group: the average over the
-- entrant years present, by region of residence.
SELECT r.region_key, e.edu_group,
       sum(e.n)::DOUBLE / (SELECT count(DISTINCT year) FROM forecast_entrants) AS per_year
FROM forecast_entrants AS e
JOIN region_map AS r ON r.kommun = e.home_kommun
GROUP BY ALL
ORDER BY 1, 2;
