package indicators

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Compile writes the SQL that computes one family with p, as a script a
// user can paste into DuckDB against the same database: every statement
// Compute runs for it, in order, with the rows lmi makes in Go (regions,
// the match key, the exit profile, fitted models) written out as VALUES,
// and a final SELECT of the result in output order. It runs the
// computation on the session to learn them, so the script is exactly
// what ran. Without p.Indicators the family's every indicator is
// compiled; the user's own indicators (p.Own) of the family are kept.
func (s *Session) Compile(ctx context.Context, p Params, familyName string, w io.Writer) error {
	cat := p.catalog()
	f, ok := cat.family(familyName)
	if !ok {
		return fmt.Errorf("unknown family %q (want %s)", familyName, strings.Join(cat.Families(), ", "))
	}
	var names []string
	for _, ind := range cat.selected(p.Indicators) {
		if ind.Family == f.name {
			names = append(names, ind.Name)
		}
	}
	var own []*Indicator
	for _, ind := range p.Own {
		if ind.Family == f.name {
			own = append(own, ind)
		}
	}
	if len(names) == 0 && len(own) == 0 {
		return fmt.Errorf("none of the chosen indicators is of family %s", f.name)
	}
	p.Indicators, p.Own, p.KeepCells, p.Write = names, own, false, nil
	fmt.Fprintf(w, "-- lmi indicators compile %s: the SQL lmi runs to compute the family\n"+
		"-- %s (%s), to be run in DuckDB against the same database, on one\n"+
		"-- connection (the tables it makes are temporary). The rows lmi makes in Go\n"+
		"-- from its code lists, files and fitted models are written out as VALUES.\n\n",
		f.name, f.name, strings.Join(slices.Concat(names, ownNames(own)), ", "))
	s.SetTrace(w)
	defer s.SetTrace(nil)
	if _, err := s.Compute(ctx, p); err != nil {
		return err
	}
	s.SetTrace(nil) // flush a repeated statement's note before the SELECT
	_, err := fmt.Fprintf(w, "-- The result, as lmi writes it to %s.parquet and %s.csv:\nSELECT * FROM %s ORDER BY %s;\n",
		f.name, f.name, ResultTable(f.name), OutputOrder(f.dims))
	return err
}

func ownNames(inds []*Indicator) []string {
	out := make([]string, len(inds))
	for i, ind := range inds {
		out[i] = ind.Name
	}
	return out
}
