-- params: Shortage, Table
-- Shortage family, after secondary suppression (shortage.go): rows that
-- use a count besides their numerator and denominator, or one of an
-- earlier year (Shortage.Depends: VALUES rows (indicator, quantity, lag),
-- from shortageDepends), are suppressed unless that count is published:
-- carried as numerator or denominator (Shortage.Carries: VALUES rows
-- (indicator, quantity)) by an unsuppressed row of the same region and
-- occupation in the year lag years before the row's.
UPDATE {{.Table}} SET suppressed = true
WHERE row_id IN (
    WITH published AS (
        SELECT DISTINCT c.quantity, r.region_level, r.region, r.ssyk4, CAST(r.period AS INTEGER) AS year
        FROM {{.Table}} AS r
        JOIN (VALUES {{.Shortage.Carries}}) AS c(indicator, quantity) USING (indicator)
        WHERE NOT r.suppressed
    )
    SELECT r.row_id
    FROM {{.Table}} AS r
    JOIN (VALUES {{.Shortage.Depends}}) AS d(indicator, quantity, lag) USING (indicator)
    LEFT JOIN published AS p
           ON p.quantity = d.quantity AND p.region_level = r.region_level AND p.region = r.region
          AND p.ssyk4 = r.ssyk4 AND p.year = CAST(r.period AS INTEGER) - d.lag
    WHERE NOT r.suppressed AND p.quantity IS NULL
)
