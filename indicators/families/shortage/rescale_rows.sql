-- params: Shortage, Table
-- Shortage family, after the scaled parts and the composite are computed
-- again from the published parts (shortage.go): the rows of the
-- indicators that carry no counts of their own (Shortage.Recomputed,
-- quoted names) are replaced by rows over the new cells
-- (Shortage.RecomputedRows: suppress.sql over those indicators). The new
-- rows get ids above the old ones, since the dependency rule
-- (shortage_dependencies.sql) finds rows by id.
DELETE FROM {{.Table}} WHERE indicator IN ({{.Shortage.Recomputed}});
INSERT INTO {{.Table}}
SELECT row_id + (SELECT coalesce(max(row_id), 0) FROM {{.Table}}), * EXCLUDE (row_id)
FROM ({{.Shortage.RecomputedRows}})
