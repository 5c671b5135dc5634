-- params: Shortage, Table
-- Shortage family, after secondary suppression (shortage.go): a part
-- whose published row (its unscaled indicator, Shortage.PartIndicators:
-- VALUES rows (part, indicator)) is now suppressed is no longer usable in
-- shortage_parts, so the scaled parts and the composite computed again
-- (shortage.sql with Rescale) use only what is published. shortage.go
-- recomputes them only if this marks any part.
UPDATE shortage_parts AS p SET usable = false
FROM (
    SELECT k.region_key, r.ssyk4, CAST(r.period AS INTEGER) AS year, l.part
    FROM {{.Table}} AS r
    JOIN (VALUES {{.Shortage.PartIndicators}}) AS l(part, indicator) USING (indicator)
    JOIN region_keys AS k ON k.level = r.region_level AND k.region = r.region
    WHERE r.suppressed
) AS h
WHERE p.usable AND p.region_key = h.region_key AND p.ssyk4 = h.ssyk4
  AND p.year = h.year AND p.part = h.part
