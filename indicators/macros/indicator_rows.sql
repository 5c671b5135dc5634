-- params: Dims, Row
-- One indicator's rows of its family's long output: the indicator's SELECT
-- over the family's cells (Row.SQL, its header comments stripped) with the
-- indicator's name and version, the region's name and the numbers in the
-- output's types. compute.go stacks one of these per indicator with UNION
-- ALL into the Body of suppress.sql.
SELECT {{.Row.Name}} AS indicator, {{.Row.Version}} AS version, CAST(i.period AS VARCHAR) AS period,
       i.region_level, i.region, names.region_name, {{range .Dims}}i.{{.}}, {{end}}
       CAST(i.value       AS DOUBLE) AS value,
       CAST(i.numerator   AS BIGINT) AS numerator,
       CAST(i.denominator AS BIGINT) AS denominator,
       CAST(i.n           AS BIGINT) AS n
FROM (
{{.Row.SQL}}
) AS i
JOIN region_keys AS names ON names.level = i.region_level AND names.region = i.region
