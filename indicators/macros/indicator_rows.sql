-- params: Dims, Row, Source
-- One indicator's rows of its family's long output: the indicator's SELECT
-- over the family's cells (Row.SQL, its header comments stripped) with the
-- indicator's name and version, the region's name, the numbers in the
-- output's types and where they come from. From SCB's published tables,
-- each row takes its source tables, its count of unpublished parts and
-- whether it is a region's own row from its cell (an indicator that
-- requires an optional column reads that column's source and unpublished
-- parts, Row.Requires: "_level_match"); from lmi's own tables,
-- the source is the tables the family read. compute.go stacks one of these
-- per indicator with UNION ALL into the Body of suppress.sql.
SELECT {{.Row.Name}} AS indicator, {{.Row.Version}} AS version, CAST(i.period AS VARCHAR) AS period,
       i.region_level, i.region, names.region_name, {{range .Dims}}i.{{.}}, {{end}}
       CAST(i.value       AS DOUBLE) AS value,
       CAST(i.numerator   AS BIGINT) AS numerator,
       CAST(i.denominator AS BIGINT) AS denominator,
       CAST(i.n           AS BIGINT) AS n,
{{- if .Source.Published}}
       c.source{{.Row.Requires}} AS source, c.unpublished{{.Row.Requires}} AS unpublished, c.own
{{- else}}
       {{.Source.Tables}} AS source, 0 AS unpublished, false AS own
{{- end}}
FROM (
{{.Row.SQL}}
) AS i
JOIN region_keys AS names ON names.level = i.region_level AND names.region = i.region
{{- if .Source.Published}}
LEFT JOIN {{.Source.Cells}} AS c
       ON c.region_level = i.region_level AND c.region = i.region AND c.period = CAST(i.period AS VARCHAR)
{{- range .Dims}} AND c.{{.}} = i.{{.}}{{end}}
-- a number the table cannot give (a rate over nothing, a count it does
-- not break down by) is no row; one it did not publish is, by the
-- unpublished parts of what the indicator reads
WHERE i.value IS NOT NULL OR c.unpublished{{.Row.Requires}} > 0
{{- end}}
