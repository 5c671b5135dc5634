-- params: Dims, K, Secondary, Table
-- Secondary suppression (docs/methods.md section 6.2), first step: the counts
-- behind a family's result table (Table, built by suppress.sql with the
-- primary flags and the numbers still present) and the additive relations
-- among them. A count below K is hidden. suppress_secondary_pass.sql then
-- spreads the hiding through the relations; suppress_secondary_flag.sql
-- flags the rows. suppress.go says why.
--
-- Quantities, one VALUES row (indicator, numerator, denominator) per
-- indicator with counts, name what each row's numerator and denominator
-- are. A count is identified by its name, region, period and the row's
-- other dimensions joined with '|' (dims), so the rows of several
-- indicators that publish the same count share it.
CREATE OR REPLACE TEMP TABLE sup_quantities (indicator VARCHAR, num VARCHAR, den VARCHAR);
INSERT INTO sup_quantities VALUES {{.Secondary.Quantities}};

-- row -> its counts, with the region's key
CREATE OR REPLACE TEMP TABLE sup_row_counts AS
SELECT r.row_id, q.name, k.region_key, r.period,
       {{if .Dims}}concat_ws('|'{{range .Dims}}, r.{{.}}{{end}}){{else}}''{{end}} AS dims, q.value
FROM {{.Table}} AS r
JOIN sup_quantities AS iq USING (indicator)
JOIN region_keys AS k ON k.level = r.region_level AND k.region = r.region
CROSS JOIN LATERAL (VALUES (iq.num, r.numerator), (iq.den, r.denominator)) AS q(name, value)
WHERE q.name IS NOT NULL AND q.value IS NOT NULL;

-- one row per distinct count, hidden when below k
CREATE OR REPLACE TEMP TABLE sup_counts AS
SELECT hash(name, region_key, period, dims) AS qid, -- stable across runs, for tie-breaks
       name, region_key, period, dims, value, value < {{.K}} AS hidden
FROM (SELECT DISTINCT name, region_key, period, dims, value FROM sup_row_counts);

-- the relations: rid names one relation, qid one of its members
CREATE OR REPLACE TEMP TABLE sup_members (rid UBIGINT, qid UBIGINT);

-- within a cell: the family's identities among its quantities
-- (family.toml relations), numbered, each over the counts of one region, period
-- and dims; Total and Members are quoted names, the total among the members
{{- range $i, $r := .Secondary.CellRelations}}
INSERT INTO sup_members
SELECT hash('cell', {{$i}}, t.qid), q.qid
FROM sup_counts AS t
JOIN sup_counts AS q USING (region_key, period, dims)
WHERE t.name = {{$r.Total}} AND q.name IN ({{$r.Members}});
{{- end}}

-- the family's own relations (family.relationsSQL, rendered), if any
{{.Secondary.FamilyRelations}}

-- across regions: a parent and its children at every finer nested level
INSERT INTO sup_members
SELECT DISTINCT hash('region', n.child_level, p.qid), x.qid
FROM sup_counts AS p
JOIN region_nesting AS n ON n.parent_key = p.region_key
JOIN sup_counts AS c ON c.region_key = n.child_key AND c.name = p.name AND c.period = p.period AND c.dims = p.dims
CROSS JOIN LATERAL (VALUES (p.qid), (c.qid)) AS x(qid);
