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
// function) have primary suppression only. The SQL is in
// sql/suppress_secondary.sql (counts and relations),
// sql/suppress_secondary_pass.sql (one pass of the rule) and
// sql/suppress_secondary_flag.sql (the rows behind hidden counts).

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

// secondaryTemplate is what sql/suppress_secondary.sql needs, formatted
// for SQL.
type secondaryTemplate struct {
	// Quantities are the VALUES rows (indicator, numerator, denominator)
	// of the family's indicators with counts.
	Quantities string
	// CellRelations are the family's familyRelations, quoted.
	CellRelations []cellRelation
	// FamilyRelations is the family's own relations SQL
	// (family.relationsSQL), rendered; empty for most families.
	FamilyRelations string
}

// cellRelation is a relation with its names as SQL string literals:
// Total the total, Members the total and its parts as a list.
type cellRelation struct{ Total, Members string }

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
	tp := templateParams{K: k, Dims: f.dims, Table: table}
	tp.Secondary.Quantities = strings.Join(quant, ", ")
	for _, rel := range familyRelations[f.name] {
		names := append([]string{rel.total}, rel.parts...)
		tp.Secondary.CellRelations = append(tp.Secondary.CellRelations,
			cellRelation{Total: sqlString(rel.total), Members: sqlStrings(names)})
	}
	if f.relationsSQL != "" {
		q, err := render(f.relationsSQL, templateParams{})
		if err != nil {
			return 0, err
		}
		tp.Secondary.FamilyRelations = q
	}
	// The counts and the relations among them.
	q, err := render("sql/suppress_secondary.sql", tp)
	if err != nil {
		return 0, err
	}
	if _, err := s.conn.ExecContext(ctx, q); err != nil {
		return 0, fmt.Errorf("secondary suppression, family %s: %w", f.name, err)
	}
	// The rule, pass by pass until nothing changes.
	pass, err := render("sql/suppress_secondary_pass.sql", tp)
	if err != nil {
		return 0, err
	}
	var added int64
	for {
		res, err := s.conn.ExecContext(ctx, pass)
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
	// The rows behind a hidden count.
	flag, err := render("sql/suppress_secondary_flag.sql", tp)
	if err != nil {
		return added, err
	}
	_, err = s.conn.ExecContext(ctx, flag)
	return added, err
}

func sqlStrings(vs []string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = sqlString(v)
	}
	return strings.Join(out, ", ")
}
