package indicators

import (
	"context"
	"fmt"
	"strings"
)

// Secondary suppression (METHODS.md section 6). Primary suppression hides
// every count below k; but a hidden count can come back by subtraction
// where the same output publishes a total and all the other parts: a
// parent region and its other children (Stockholms län minus its other
// kommuner), or a cell's total and its other components (A+B+C minus A
// and B). Each such additive relation must hide none of its members or at
// least two. The rule, repeated until nothing changes: in a relation with
// exactly one hidden member, hide the smallest other member (ties broken
// by a fixed order). A row is then suppressed when any count behind it,
// its numerator or its denominator, is hidden.
//
// The counts are the indicators' quantities (header keys numerator and
// denominator); the relations are the family's (within a cell) and the
// nesting of the requested levels (across regions: a region whose kommuner
// are exactly those of its children at a finer level). The commuting
// matrix has its own (sql/suppress_matrix.sql): rows and columns, and
// nesting in both of its region dimensions (family.relationsSQL). Model outputs
// without quantities (Beveridge points, mismatch indices, the matching
// function) have primary suppression only.

// relation says total = sum of parts, within one cell of a family (or, more
// generally, that the members are tied by one linear identity: hiding
// exactly one of them never protects it).
type relation struct {
	total string
	parts []string
}

// familyRelations are the additive identities among each family's
// quantities.
var familyRelations = map[string][]relation{
	"matching": {
		{"abc", []string{"a", "b", "c"}},
		{"bc", []string{"b", "c"}},
		{"abc", []string{"a", "bc"}},
	},
	"status": {
		{"population", []string{"employed", "unemployed", "students", "others"}},
		{"labour_force", []string{"employed", "unemployed"}},
		{"outside", []string{"students", "others"}},
		{"population", []string{"labour_force", "outside"}},
		{"population", []string{"labour_force", "students", "others"}},
		{"population", []string{"employed", "unemployed", "outside"}},
	},
	"commuting": {
		{"night", []string{"live_work", "out_commuters"}},
		{"day", []string{"live_work", "in_commuters"}},
	},
	"demography": {
		{"population", []string{"dependents", "working_age"}},
	},
	"job_inflows": {
		{"inflow", []string{"new_employed", "switchers"}},
	},
	// population2 - population1 = entries - exits: any one member follows
	// from the others, whatever the signs.
	"population_flows": {
		{"population2", []string{"population1", "died_or_emigrated", "aged_out", "moved_out", "left_group",
			"new_in_register", "aged_in", "moved_in", "joined_group"}},
	},
}

// secondarySuppress marks further rows of a family's result table (built
// with primary suppression flagged, numbers still present) as suppressed.
// It returns how many quantities it hid beyond the primary ones.
func (s *Session) secondarySuppress(ctx context.Context, f *family, table string, inds []*Indicator, k int) (int64, error) {
	var quant []string
	for _, ind := range inds {
		if ind.Numerator == "" {
			continue
		}
		den := "NULL"
		if ind.Denominator != "" {
			den = sqlString(ind.Denominator)
		}
		quant = append(quant, fmt.Sprintf("(%s, %s, %s)", sqlString(ind.Name), sqlString(ind.Numerator), den))
	}
	if len(quant) == 0 {
		return 0, nil
	}
	dims := "''"
	if len(f.dims) > 0 {
		dims = "concat_ws('|', " + prefixed("r.", f.dims) + ")"
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, `
CREATE OR REPLACE TEMP TABLE sup_quantities (indicator VARCHAR, num VARCHAR, den VARCHAR);
INSERT INTO sup_quantities VALUES %s;

-- row -> its counts, with the region's key
CREATE OR REPLACE TEMP TABLE sup_row_counts AS
SELECT r.row_id, q.name, k.region_key, r.period, %s AS dims, q.value
FROM %s AS r
JOIN sup_quantities AS iq USING (indicator)
JOIN region_keys AS k ON k.level = r.region_level AND k.region = r.region
CROSS JOIN LATERAL (VALUES (iq.num, r.numerator), (iq.den, r.denominator)) AS q(name, value)
WHERE q.name IS NOT NULL AND q.value IS NOT NULL;

-- one row per distinct count, hidden when below k
CREATE OR REPLACE TEMP TABLE sup_counts AS
SELECT hash(name, region_key, period, dims) AS qid, -- stable across runs, for tie-breaks
       name, region_key, period, dims, value, value < %d AS hidden
FROM (SELECT DISTINCT name, region_key, period, dims, value FROM sup_row_counts);

CREATE OR REPLACE TEMP TABLE sup_members (rid UBIGINT, qid UBIGINT);
`, strings.Join(quant, ", "), dims, table, k)

	for i, rel := range familyRelations[f.name] {
		names := append([]string{rel.total}, rel.parts...)
		fmt.Fprintf(&sb, `
INSERT INTO sup_members
SELECT hash('cell', %d, t.qid), q.qid
FROM sup_counts AS t
JOIN sup_counts AS q USING (region_key, period, dims)
WHERE t.name = %s AND q.name IN (%s);
`, i, sqlString(rel.total), sqlStrings(names))
	}
	if f.relationsSQL != "" {
		q, err := render(f.relationsSQL, templateParams{})
		if err != nil {
			return 0, err
		}
		sb.WriteString(q)
	}
	sb.WriteString(`
-- across regions: a parent and its children at every finer nested level
INSERT INTO sup_members
SELECT DISTINCT hash('region', n.child_level, p.qid), x.qid
FROM sup_counts AS p
JOIN region_nesting AS n ON n.parent_key = p.region_key
JOIN sup_counts AS c ON c.region_key = n.child_key AND c.name = p.name AND c.period = p.period AND c.dims = p.dims
CROSS JOIN LATERAL (VALUES (p.qid), (c.qid)) AS x(qid);
`)
	if _, err := s.conn.ExecContext(ctx, sb.String()); err != nil {
		return 0, fmt.Errorf("secondary suppression, family %s: %w", f.name, err)
	}
	var added int64
	for {
		res, err := s.conn.ExecContext(ctx, `
WITH tally AS (
    SELECT m.rid, count(*) FILTER (WHERE q.hidden) AS hidden, count(*) FILTER (WHERE NOT q.hidden) AS open
    FROM sup_members AS m JOIN sup_counts AS q USING (qid)
    GROUP BY m.rid
),
lonely AS (SELECT rid FROM tally WHERE hidden = 1 AND open > 0),
pick AS (
    SELECT m.rid, min_by(q.qid, (q.value, q.qid)) AS qid
    FROM sup_members AS m JOIN sup_counts AS q USING (qid) JOIN lonely USING (rid)
    WHERE NOT q.hidden
    GROUP BY m.rid
)
UPDATE sup_counts SET hidden = true WHERE qid IN (SELECT qid FROM pick)`)
		if err != nil {
			return added, fmt.Errorf("secondary suppression, family %s: %w", f.name, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return added, err
		}
		if n == 0 {
			break
		}
		added += n
	}
	_, err := s.conn.ExecContext(ctx, `
UPDATE `+table+` SET suppressed = true
WHERE row_id IN (
    SELECT rc.row_id
    FROM sup_row_counts AS rc
    JOIN sup_counts AS q USING (name, region_key, period, dims)
    WHERE q.hidden
);
DROP TABLE sup_row_counts; DROP TABLE sup_counts; DROP TABLE sup_members;`)
	return added, err
}

// buildRegionNesting writes region_nesting (child_key, parent_key,
// child_level): pairs of regions of two requested levels where the child's
// kommuner all lie in the parent and the parent's kommuner are exactly its
// children's at that level, so that parent = sum of children.
func (s *Session) buildRegionNesting(ctx context.Context) error {
	_, err := s.conn.ExecContext(ctx, `
CREATE OR REPLACE TEMP TABLE region_nesting AS
WITH child_in AS (
    -- for each child region and coarser level: the single parent, if any
    SELECT c.region_key AS child_key, c.level_id AS child_level, p.level_id AS parent_level,
           min(p.region_key) AS parent_key, count(DISTINCT p.region_key) AS parents
    FROM region_map AS c
    JOIN region_map AS p ON p.kommun = c.kommun AND p.level_id <> c.level_id
    GROUP BY ALL
),
nested AS (
    SELECT child_key, child_level, parent_key, parent_level FROM child_in WHERE parents = 1
),
parent_size AS (SELECT region_key, count(*) AS kommuner FROM region_map GROUP BY ALL),
child_size  AS (SELECT region_key, count(*) AS kommuner FROM region_map GROUP BY ALL),
covered AS (
    SELECT n.parent_key, n.child_level, sum(cs.kommuner) AS kommuner, count(*) AS children
    FROM nested AS n JOIN child_size AS cs ON cs.region_key = n.child_key
    GROUP BY ALL
)
SELECT n.child_key, n.parent_key, n.child_level
FROM nested AS n
JOIN covered AS c USING (parent_key, child_level)
JOIN parent_size AS ps ON ps.region_key = n.parent_key
WHERE c.kommuner = ps.kommuner`)
	return err
}

func prefixed(prefix string, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return strings.Join(out, ", ")
}

func sqlStrings(vs []string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = sqlString(v)
	}
	return strings.Join(out, ", ")
}
