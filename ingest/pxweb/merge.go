package pxweb

import (
	"fmt"
	"math"
	"slices"

	"lmi/ingest/cube"
)

// Merge stitches tables cut from one query (the answers to the calls of a
// split query) into one table. The parts must have the same dimensions in
// the same order; each dimension's values are the union of the parts'
// values, in the order they first appear going through the parts in
// order, so parts cut in query order give the query's order. Every cell
// goes to its place by its codes, whatever order the parts or their values
// come in; a cell no part has is missing (".."), and two parts giving one
// cell different contents is an error, as are parts from different
// versions of the table (different Updated).
func Merge(parts ...*cube.Table) (*cube.Table, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("%w: nothing to merge", ErrConflict)
	}
	first := parts[0]
	for i, p := range parts {
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("part %d: %w", i, err)
		}
		if len(p.Dimensions) != len(first.Dimensions) {
			return nil, fmt.Errorf("%w: part %d has %d dimensions, part 0 has %d", ErrConflict, i, len(p.Dimensions), len(first.Dimensions))
		}
		for j, d := range p.Dimensions {
			if d.Code != first.Dimensions[j].Code {
				return nil, fmt.Errorf("%w: part %d has dimension %s where part 0 has %s", ErrConflict, i, d.Code, first.Dimensions[j].Code)
			}
		}
		if p.Updated != first.Updated {
			return nil, fmt.Errorf("%w: the table changed while it was fetched (updated %q in part 0, %q in part %d); fetch it again (without the cache)", ErrConflict, first.Updated, p.Updated, i)
		}
	}
	if len(parts) == 1 {
		return first, nil
	}

	// The union of the values, and where each part's values go.
	dims := make([]cube.Dimension, len(first.Dimensions))
	where := make([][][]int, len(parts)) // part, dimension, value index -> merged index
	for j, d := range first.Dimensions {
		m := cube.Dimension{Code: d.Code, Label: d.Label, Role: d.Role}
		pos := map[string]int{}
		for i, p := range parts {
			if where[i] == nil {
				where[i] = make([][]int, len(first.Dimensions))
			}
			pd := p.Dimensions[j]
			where[i][j] = make([]int, len(pd.Values))
			for k, v := range pd.Values {
				at, ok := pos[v.Code]
				if !ok {
					at = len(m.Values)
					pos[v.Code] = at
					m.Values = append(m.Values, v)
				}
				where[i][j][k] = at
			}
		}
		dims[j] = m
	}
	if product(lens(dims)) > 1<<31 {
		return nil, fmt.Errorf("%w: the merged table would have %d cells", ErrTooManyCells, product(lens(dims)))
	}

	t := cube.New(dims)
	t.ID, t.Title, t.Source, t.Updated, t.Language = first.ID, first.Title, first.Source, first.Updated, first.Language
	filled := make([]bool, t.Len())
	idx := make([]int, len(dims))
	for i, p := range parts {
		src := make([]int, len(dims))
		for cell := 0; cell < p.Len(); cell++ {
			for j := range dims {
				idx[j] = where[i][j][src[j]]
			}
			off := t.Offset(idx)
			v, s := p.Values[cell], p.Status[cell]
			if filled[off] {
				if t.Status[off] != s || (s == "" && t.Values[off] != v) {
					return nil, fmt.Errorf("%w: cell %v is %s in one part and %s in part %d", ErrConflict, codesAt(t, idx), show(t.Values[off], t.Status[off]), show(v, s), i)
				}
			} else {
				filled[off] = true
				if s != "" {
					t.SetStatus(off, s)
				} else {
					t.Set(off, v)
				}
			}
			// Advance the odometer over the part, last dimension fastest.
			for j := len(src) - 1; j >= 0; j-- {
				src[j]++
				if src[j] < len(p.Dimensions[j].Values) {
					break
				}
				src[j] = 0
			}
		}
		for _, n := range p.Notes {
			if !slices.Contains(t.Notes, n) {
				t.Notes = append(t.Notes, n)
			}
		}
	}
	return t, nil
}

func lens(dims []cube.Dimension) []int {
	n := make([]int, len(dims))
	for i, d := range dims {
		n[i] = len(d.Values)
	}
	return n
}

func codesAt(t *cube.Table, idx []int) []string {
	codes := make([]string, len(idx))
	for j, i := range idx {
		codes[j] = t.Dimensions[j].Values[i].Code
	}
	return codes
}

func show(v float64, status string) string {
	if status != "" || math.IsNaN(v) {
		return fmt.Sprintf("%q", status)
	}
	return fmt.Sprint(v)
}
