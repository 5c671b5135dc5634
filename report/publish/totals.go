package publish

import (
	"cmp"
	"slices"

	"lmi/codes"
	"lmi/report"
)

// totals indexes a family's rows whose every dimension is TOT: the numbers
// the report's charts, maps and tables show.
type totals struct {
	f     *family
	rows  map[totKey]*totRow
	per   map[*indInfo][]string        // periods with a row, sorted
	names map[string]map[string]string // level -> region -> name
	codes map[string][]string          // level -> regions, sorted
}

type totKey struct {
	ind                   *indInfo
	level, region, period string
}

func newTotals(f *family) *totals {
	t := &totals{f: f, rows: map[totKey]*totRow{}, per: map[*indInfo][]string{}, names: map[string]map[string]string{},
		codes: map[string][]string{}}
	seen := map[*indInfo]map[string]bool{}
	for i := range f.tot {
		r := &f.tot[i]
		t.rows[totKey{r.ind, r.level, r.region, r.period}] = r
		if seen[r.ind] == nil {
			seen[r.ind] = map[string]bool{}
		}
		if !seen[r.ind][r.period] {
			seen[r.ind][r.period] = true
			t.per[r.ind] = append(t.per[r.ind], r.period)
		}
		if t.names[r.level] == nil {
			t.names[r.level] = map[string]string{}
		}
		if _, ok := t.names[r.level][r.region]; !ok {
			t.names[r.level][r.region] = r.name
			t.codes[r.level] = append(t.codes[r.level], r.region)
		}
	}
	for _, p := range t.per {
		slices.Sort(p)
	}
	for _, c := range t.codes {
		slices.SortFunc(c, compareRegions)
	}
	return t
}

// allRegions is the region code of a level's total over its regions (a
// pooled measure, not riket).
const allRegions = "*"

// compareRegions orders region codes, a level's total after its regions.
func compareRegions(a, b string) int {
	if (a == allRegions) != (b == allRegions) {
		if a == allRegions {
			return 1
		}
		return -1
	}
	return cmp.Compare(a, b)
}

// get returns a total, or nil.
func (t *totals) get(in *indInfo, level, region, period string) *totRow {
	return t.rows[totKey{in, level, region, period}]
}

// riket returns riket's total, or nil.
func (t *totals) riket(in *indInfo, period string) *totRow {
	return t.get(in, string(codes.LevelRiket), codes.Riket, period)
}

// hasRiket says whether the family has riket's totals.
func (t *totals) hasRiket() bool { return len(t.codes[string(codes.LevelRiket)]) > 0 }

// latest is the last period in which the indicator has a value at the
// level, "" when none.
func (t *totals) latest(in *indInfo, level string) string {
	ps := t.per[in]
	for i := len(ps) - 1; i >= 0; i-- {
		for _, r := range t.codes[level] {
			if x := t.get(in, level, r, ps[i]); x != nil && x.v.State == report.Value {
				return ps[i]
			}
		}
	}
	return ""
}

// cell returns a total's value and its source, or a missing cell.
func (t *totals) cell(r *totRow) (report.Cell, string) {
	if r == nil {
		return report.Cell{}, ""
	}
	return r.v, ref(t.f.file, r.line, "value")
}

// ranked returns the level's regions by their value in the period,
// highest first, ties by code; regions without a value last; the level's
// total ("*") is not a region to rank.
func (t *totals) ranked(in *indInfo, level, period string) []string {
	rs := slices.DeleteFunc(slices.Clone(t.codes[level]), func(r string) bool { return r == allRegions })
	val := func(r string) (float64, bool) {
		x := t.get(in, level, r, period)
		if x == nil || x.v.State != report.Value {
			return 0, false
		}
		return x.v.Num, true
	}
	slices.SortStableFunc(rs, func(a, b string) int {
		va, oka := val(a)
		vb, okb := val(b)
		switch {
		case oka && !okb:
			return -1
		case !oka && okb:
			return 1
		case oka && okb && va != vb:
			return cmp.Compare(vb, va)
		}
		return cmp.Compare(a, b)
	})
	return rs
}

// valued counts the ranked regions that have a value in the period.
func (t *totals) valued(in *indInfo, level, period string, rs []string) int {
	n := 0
	for _, r := range rs {
		if x := t.get(in, level, r, period); x != nil && x.v.State == report.Value {
			n++
		}
	}
	return n
}
