-- params: Dims, Table
-- One indicator's regions at one level and period, highest value first
-- (ties by region code), from its family's result table (Table): the
-- published values only, at the cells where every dimension of the family
-- (Dims) is summed away (TOT). Binds: indicator, level, period.
SELECT region, region_name, value, n
FROM {{.Table}}
WHERE indicator = ? AND region_level = ? AND period = ?
{{- range .Dims}} AND {{.}} = 'TOT'{{end}}
  AND NOT suppressed
ORDER BY value DESC, region
