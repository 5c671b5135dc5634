-- Employment by region, occupation (SSYK 4) and year: the series the
-- projections run on. With the workplace basis jobs count where they are
-- (dagbefolkning), otherwise where the employed live.
SELECT
    r.region_key,
    CAST(p.ssyk4 AS VARCHAR) AS ssyk4,
    p.year,
    sum(p.n)::BIGINT AS employed
FROM persons AS p
JOIN region_map AS r
  ON r.kommun = {{if .Workplace}}coalesce(p.work_kommun, p.home_kommun){{else}}p.home_kommun{{end}}
WHERE p.status = 'employed'
  AND p.ssyk4 IS NOT NULL
  AND p.year <= {{.Origin}}
GROUP BY ALL
ORDER BY 1, 2, 3;
