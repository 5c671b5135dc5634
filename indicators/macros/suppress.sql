-- params: Body, Dims, K, Source
-- Primary suppression (docs/methods.md section 6.1): a cell whose count n, or
-- the numerator or denominator of its rate, is below K is flagged. The
-- numbers stay until secondary suppression has read them (suppress.go); then
-- every flagged row loses them. The table is a set; writers sort it.
--
-- Numbers from SCB's published tables are public already and are not
-- suppressed again; a number lmi cannot compute because part of it is not
-- published is (reason: which), and is never taken as zero.
SELECT
    row_number() OVER () AS row_id,
    indicator, version, period, region_level, region, region_name,
    {{range .Dims}}{{.}}, {{end}}value, numerator, denominator, n,
{{- if .Source.Published}}
    (value IS NULL AND unpublished > 0) AS suppressed,
    CASE
        WHEN value IS NOT NULL OR unpublished = 0 THEN NULL
        WHEN own THEN 'not published by SCB'
        ELSE 'incomplete: part of the sum is not published'
    END AS reason,
{{- else}}
    (   coalesce(n, 0) < {{.K}}
     OR coalesce(numerator, {{.K}}) < {{.K}}
     OR coalesce(denominator, {{.K}}) < {{.K}}) AS suppressed,
    CASE
        WHEN coalesce(n, 0) < {{.K}}
          OR coalesce(numerator, {{.K}}) < {{.K}}
          OR coalesce(denominator, {{.K}}) < {{.K}} THEN 'primary: a count below {{.K}}'
    END AS reason,
{{- end}}
    source
FROM (
{{.Body}}
)
