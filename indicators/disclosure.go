package indicators

import (
	"fmt"
	"slices"

	"lmi/disclosure/tables"
)

// Disclosure returns what disclosure control needs of each family of the
// catalog, in output order: its dimensions, the counts behind each
// indicator, and the relations its family.toml declares ([suppression]
// relations, shared, periods, matrix).
func (c *Catalog) Disclosure() []*tables.Family {
	out := make([]*tables.Family, 0, len(c.families))
	for _, f := range c.families {
		tf := &tables.Family{
			Name: f.name, Dims: slices.Clone(f.dims), Quantities: map[string]tables.Counts{},
			Shared: slices.Clone(f.shared), Periods: slices.Clone(f.periods), Matrix: f.matrix,
			RegionsApart: slices.Clone(f.regionsApart), WholeLevels: f.wholeLevels,
		}
		for _, r := range f.relations {
			tf.Relations = append(tf.Relations, tables.Relation{Total: r.total, Parts: slices.Clone(r.parts), Minus: slices.Clone(r.minus)})
		}
		for _, ind := range c.indicators {
			if ind.Family == f.name && ind.Numerator != "" {
				tf.Quantities[ind.Name] = tables.Counts{Numerator: ind.Numerator, Denominator: ind.Denominator}
			}
		}
		out = append(out, tf)
	}
	return out
}

// checkDisclosure checks the families' shared counts and matrices against
// the catalog: the other family and its quantities must exist.
func (c *Catalog) checkDisclosure() error {
	quantities := map[string]map[string]bool{}
	for _, ind := range c.indicators {
		if quantities[ind.Family] == nil {
			quantities[ind.Family] = map[string]bool{}
		}
		quantities[ind.Family][ind.Numerator] = true
		quantities[ind.Family][ind.Denominator] = true
	}
	has := func(fam, q string) bool { return q != "" && quantities[fam][q] }
	for _, f := range c.families {
		for _, s := range f.shared {
			if !has(f.name, s.Quantity) || !has(s.Family, s.As) {
				return &FamilyError{f.name, fmt.Sprintf("[suppression] shared: %s = %s of %s: no such count", s.Quantity, s.As, s.Family)}
			}
		}
		for _, p := range f.periods {
			if !has(f.name, p.Quantity) || !has(f.name, p.Equals) || p.Lag <= 0 {
				return &FamilyError{f.name, fmt.Sprintf("[suppression] periods: %s = %s %d periods before: no such count, or lag not positive", p.Quantity, p.Equals, p.Lag)}
			}
		}
		if m := f.matrix; m != nil {
			if !slices.Contains(f.dims, m.RegionDim) {
				return &FamilyError{f.name, fmt.Sprintf("[suppression] matrix: region_dimension %q is not a dimension", m.RegionDim)}
			}
			for _, q := range []string{m.Row, m.Column, m.Diagonal} {
				if !has(m.Family, q) {
					return &FamilyError{f.name, fmt.Sprintf("[suppression] matrix: %s of %s: no such count", q, m.Family)}
				}
			}
		}
	}
	return nil
}
