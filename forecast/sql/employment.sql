-- Employment by region, occupation (SSYK 4) and year: the series the
-- projections run on. With the workplace basis jobs count where they are
-- (dagbefolkning), otherwise where the employed live. SCB's published
-- employment cells (persons rows with a work_lan) give only the workplace
-- län, so they count on the workplace basis alone, in the regions made of
-- whole län (flow_region_map).
SELECT region_key, ssyk4, year, sum(n)::BIGINT AS employed
FROM (
    SELECT r.region_key, CAST(p.ssyk4 AS VARCHAR) AS ssyk4, p.year, p.n
    FROM persons AS p
    JOIN region_map AS r
      ON r.kommun = {{if .Workplace}}coalesce(p.work_kommun, p.home_kommun){{else}}p.home_kommun{{end}}
    WHERE p.status = 'employed'
      AND p.ssyk4 IS NOT NULL
      AND p.year <= {{.Origin}}
{{- if .Workplace}}
    UNION ALL
    SELECT f.region_key, CAST(p.ssyk4 AS VARCHAR), p.year, p.n
    FROM persons AS p
    JOIN flow_region_map AS f ON f.code = p.work_lan
    WHERE p.status = 'employed'
      AND p.ssyk4 IS NOT NULL
      AND p.year <= {{.Origin}}
{{- end}}
)
GROUP BY ALL
ORDER BY 1, 2, 3;
