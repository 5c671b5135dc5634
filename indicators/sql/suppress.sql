-- Primary suppression (METHODS.md section 6): a cell whose count n, or the
-- numerator or denominator of its rate, is below K is flagged and none of
-- its numbers are written. The table is a set; writers sort it (OutputOrder).
SELECT
    indicator, version, period, region_level, region, region_name,
    {{range .Dims}}{{.}}, {{end}}
    CASE WHEN suppressed THEN NULL ELSE value END        AS value,
    CASE WHEN suppressed THEN NULL ELSE numerator END    AS numerator,
    CASE WHEN suppressed THEN NULL ELSE denominator END  AS denominator,
    CASE WHEN suppressed THEN NULL ELSE n END            AS n,
    suppressed
FROM (
    SELECT
        *,
        (   coalesce(n, 0) < {{.K}}
         OR coalesce(numerator, {{.K}}) < {{.K}}
         OR coalesce(denominator, {{.K}}) < {{.K}}) AS suppressed
    FROM (
{{.Body}}
    )
)
