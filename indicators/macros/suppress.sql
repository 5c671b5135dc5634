-- params: Body, Dims, K
-- Primary suppression (docs/methods.md section 6.1): a cell whose count n, or
-- the numerator or denominator of its rate, is below K is flagged. The
-- numbers stay until secondary suppression has read them (suppress.go); then
-- every flagged row loses them. The table is a set; writers sort it.
SELECT
    row_number() OVER () AS row_id,
    indicator, version, period, region_level, region, region_name,
    {{range .Dims}}{{.}}, {{end}}value, numerator, denominator, n,
    (   coalesce(n, 0) < {{.K}}
     OR coalesce(numerator, {{.K}}) < {{.K}}
     OR coalesce(denominator, {{.K}}) < {{.K}}) AS suppressed
FROM (
{{.Body}}
)
