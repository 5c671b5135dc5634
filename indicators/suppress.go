package indicators

import (
	"context"
	"fmt"
	"strings"
)

// Secondary suppression (docs/methods.md section 6.2). Primary suppression
// hides every count below k; but a hidden count can come back by subtraction
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
// denominator); the relations are the family's (its family.toml, within a
// cell) and the nesting of the requested levels (across regions: a region
// whose kommuner are exactly those of its children at a finer level). The
// commuting matrix declares its own (relations_sql): rows and columns, and
// nesting in both of its region dimensions. Model outputs without
// quantities (Beveridge points, mismatch indices, the matching function)
// have primary suppression only. The SQL is in
// macros/suppress_secondary.sql (counts and relations),
// macros/suppress_secondary_pass.sql (one pass of the rule) and
// macros/suppress_secondary_flag.sql (the rows behind hidden counts).

// secondaryTemplate is what macros/suppress_secondary.sql needs, formatted
// for SQL.
type secondaryTemplate struct {
	// Quantities are the VALUES rows (indicator, numerator, denominator)
	// of the family's indicators with counts.
	Quantities string
	// CellRelations are the family's relations (family.toml), quoted.
	CellRelations []cellRelation
	// FamilyRelations is the family's own relations SQL (family.toml's
	// relations_sql), rendered; empty for most families.
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
	for _, rel := range f.relations {
		names := append(append([]string{rel.total}, rel.parts...), rel.minus...)
		tp.Secondary.CellRelations = append(tp.Secondary.CellRelations,
			cellRelation{Total: sqlString(rel.total), Members: sqlStrings(names)})
	}
	if f.relationsSQL != "" {
		q, err := f.render(f.relationsSQL, templateParams{})
		if err != nil {
			return 0, err
		}
		tp.Secondary.FamilyRelations = q
	}
	// The counts and the relations among them.
	q, err := renderMacro("suppress_secondary.sql", tp)
	if err != nil {
		return 0, err
	}
	if _, err := s.Exec(ctx, q); err != nil {
		return 0, fmt.Errorf("secondary suppression, family %s: %w", f.name, err)
	}
	// The rule, pass by pass until nothing changes.
	pass, err := renderMacro("suppress_secondary_pass.sql", tp)
	if err != nil {
		return 0, err
	}
	var added int64
	for {
		res, err := s.Exec(ctx, pass)
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
	flag, err := renderMacro("suppress_secondary_flag.sql", tp)
	if err != nil {
		return added, err
	}
	_, err = s.Exec(ctx, flag)
	return added, err
}

func sqlStrings(vs []string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = sqlString(v)
	}
	return strings.Join(out, ", ")
}
