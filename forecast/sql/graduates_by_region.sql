-- Without a panel: the graduates of the region (yearly average over the
-- entrant years) are the entrants, and the entry shares are the
-- occupations of the employed under 35 with each education in the origin
-- year.
SELECT m.region_key, CAST(g.edu_group AS VARCHAR) AS edu_group,
       sum(g.n)::DOUBLE / {{.EntrantYears}} AS per_year
FROM graduates AS g
JOIN flow_region_map AS m ON m.code = g.region
WHERE g.year BETWEEN {{.Origin}} - {{.EntrantYears}} + 1 AND {{.Origin}}
GROUP BY ALL
ORDER BY 1, 2;
