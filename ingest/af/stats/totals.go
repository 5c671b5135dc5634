package stats

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
)

// sortCells puts the detail cells into Counts and counts the totals: a
// cell is a total when a dimension says so, when its region is coarser
// than the finest region of the sheet (a län row among kommuner), or its
// SSYK is a group above level 4. With CheckTotals, each total is compared
// with the sum of the detail cells under it.
func (s *statsSheet) sortCells(cells []statsCell) error {
	var err error
	if s.regLevel, err = s.finest(cells); err != nil {
		return err
	}
	var sums *totalSums
	if s.opt.CheckTotals {
		sums = newTotalSums(&s.ids)
		for i := range cells {
			if x := &cells[i]; s.isTotal(x) {
				sums.want(x)
			}
		}
		sums.wanted()
	}
	details, err := s.details(cells, sums)
	if err != nil {
		return err
	}
	if err := s.duplicate(cells, details); err != nil {
		return err
	}
	if sums != nil {
		if err := s.checkTotals(cells, sums); err != nil {
			return err
		}
	}
	if len(details) == 0 {
		return s.t.At(s.he, -1, af.ErrNotData, "no detail cells under the header")
	}
	s.counts(cells, details)
	return nil
}

// isTotal reports a total cell: a total in a dimension, a region coarser
// than the sheet's finest (regLevel), a SSYK group above level 4, or a
// total over months.
func (s *statsSheet) isTotal(x *statsCell) bool {
	if x.total || x.level < s.regLevel {
		return true
	}
	ss, m := s.ids.ssyk(x), s.ids.month(x)
	return (ss != "" && len(ss) < 4) || m == "*" || strings.HasPrefix(m, "Y")
}

// finest returns the finest region level of the detail cells, and refuses
// a sheet whose finest SSYK level is above 4.
func (s *statsSheet) finest(cells []statsCell) (int8, error) {
	regLevel, ssykLevel := int8(0), 0
	for i := range cells {
		if x := &cells[i]; !x.total {
			regLevel = max(regLevel, x.level)
			ssykLevel = max(ssykLevel, len(s.ids.ssyk(x)))
		}
	}
	if c, ok := s.dimCol[dimSSYK]; ok && ssykLevel > 0 && ssykLevel < 4 {
		return 0, s.t.At(s.hr, c, af.ErrHeader, "the sheet is by SSYK level %d: only unit groups (4 digits) can be loaded", ssykLevel)
	}
	return regLevel, nil
}

// detail is a detail cell's place in Counts: its key (month, region and
// SSYK ranks, 20 bits each), its category's rank and its index in cells.
type detail struct {
	key uint64
	cat uint64
	i   int
}

// details returns the detail cells sorted by their key (period, region,
// SSYK and category, as af.SortCounts orders Counts) and then by
// position: equal keys are neighbours, the first in the sheet first. The
// totals are counted, and the details added to sums.
func (s *statsSheet) details(cells []statsCell, sums *totalSums) ([]detail, error) {
	if len(s.ids.months.s) > 1<<20 || len(s.ids.regions.s) > 1<<20 || len(s.ids.ssyks.s) > 1<<20 {
		return nil, s.t.At(s.hr, -1, af.ErrNotData, "more than %d distinct months, regions or SSYK codes", 1<<20)
	}
	rm, rr, rs, rc := s.ids.months.ranks(), s.ids.regions.ranks(), s.ids.ssyks.ranks(), s.ids.cats.ranks()
	details := make([]detail, 0, len(cells))
	for i := range cells {
		x := &cells[i]
		if s.isTotal(x) {
			s.res.Totals++
			continue
		}
		details = append(details, detail{rm[x.mi]<<40 | rr[x.ri]<<20 | rs[x.si], rc[x.ci], int(i)})
		if sums != nil {
			sums.add(x)
		}
	}
	slices.SortFunc(details, func(a, b detail) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		if c := cmp.Compare(a.cat, b.cat); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	return details, nil
}

// duplicate refuses a second cell of a key. The error names the one first
// in the sheet, as a single pass in sheet order would.
func (s *statsSheet) duplicate(cells []statsCell, details []detail) error {
	ids := &s.ids
	dup := -1
	for j := 1; j < len(details); j++ {
		a, b := details[j-1], details[j]
		if a.key == b.key && a.cat == b.cat && (j < 2 || details[j-2].key != a.key || details[j-2].cat != a.cat) {
			if dup < 0 || b.i < details[dup].i {
				dup = j
			}
		}
	}
	if dup < 0 {
		return nil
	}
	x, p := &cells[details[dup].i], &cells[details[dup-1].i]
	return s.t.At(int(x.r), int(x.c), af.ErrDuplicate, "period %s, region %s, SSYK %q, %s already at %s", ids.month(x), orRiket(ids.region(x)), ids.ssyk(x), ids.cat(x), cellPos(s.t, int(p.r), int(p.c)))
}

// checkTotals compares each total that is not censored with the sum of
// its detail cells, when it has some and none is censored.
func (s *statsSheet) checkTotals(cells []statsCell, sums *totalSums) error {
	t := s.t
	for i := range cells {
		x := &cells[i]
		if !s.isTotal(x) || x.censored {
			continue
		}
		a := sums.sums[sums.totalKey(x)]
		if a == nil || a.n == 0 || a.cens > 0 {
			continue // no detail under it, or a censored one: cannot check
		}
		s.res.Checked++
		if math.Abs(a.sum-x.n) > 1e-6*math.Max(1, math.Abs(x.n)) {
			return t.At(int(x.r), int(x.c), af.ErrTotal, "the total is %s but its %d detail cells sum to %s (row %q)",
				fmtNum(x.n), a.n, fmtNum(a.sum), input.Short(firstText(t, int(x.r))))
		}
	}
	return nil
}

// counts makes Counts of the sorted details.
func (s *statsSheet) counts(cells []statsCell, details []detail) {
	ids := &s.ids
	s.res.Counts = make([]af.Count, len(details))
	for j, d := range details {
		x := &cells[d.i]
		c := af.Count{Period: ids.month(x), Region: orRiket(ids.region(x)), SSYK: ids.ssyk(x), N: x.n, Censored: x.censored, Category: ids.cat(x)}
		if x.censored {
			c.N = math.NaN()
		}
		s.res.Counts[j] = c
	}
}

// skey is a total's key: the ids of its month ("2024-01", "Y2024" or
// "*"), region (a code or "*"), SSYK (a code or prefix, "" or "*") and
// category.
type skey struct{ month, region, ssyk, cat uint32 }

// totalSums adds up the detail cells under each total. It remembers which
// key levels the totals use, so a detail cell looks up only those: months
// (exact, year, all), regions (own code, its län, all) and SSYK (prefix
// length 0-4, all). The ids of a month's year, a kommun's län and a
// code's prefixes are looked up once per id (-2 not yet, -1 none).
type totalSums struct {
	ids        *valueIDs
	sums       map[skey]*totalSum
	useM, useR [3]bool
	useS       [6]bool
	year, lan  []int64
	prefix     [][5]int64
	// allM, allR and allS are the ids of "*" (all months, regions, SSYK
	// codes), -1 when no total uses it; looked up once, not a cell.
	allM, allR, allS int64
	// The detail cells come in runs under the same totals (the SSYK
	// codes of one region and month): each of add's up to 54 look-ups
	// remembers its last key and answer.
	lastKey [54]skey
	lastSum [54]*totalSum
	lastSet [54]bool
}

type totalSum struct {
	sum     float64
	n, cens int
}

func newTotalSums(ids *valueIDs) *totalSums { return &totalSums{ids: ids, sums: map[skey]*totalSum{}} }

// wanted is called after want has seen every total, before add: the
// ids of "*" are final from there on.
func (ts *totalSums) wanted() {
	ts.allM, ts.allR, ts.allS = ts.ids.months.lookup("*"), ts.ids.regions.lookup("*"), ts.ids.ssyks.lookup("*")
}

// totalKey is the key of a total cell.
func (ts *totalSums) totalKey(x *statsCell) skey {
	k := skey{x.mi, x.ri, x.si, x.ci}
	if x.ssykAll {
		k.ssyk = ts.ids.ssyks.of("*")
	}
	if ts.ids.region(x) == "" {
		k.region = ts.ids.regions.of("*")
	}
	return k
}

func (ts *totalSums) want(x *statsCell) {
	ts.sums[ts.totalKey(x)] = &totalSum{}
	month, region, ssyk := ts.ids.month(x), ts.ids.region(x), ts.ids.ssyk(x)
	switch {
	case month == "*":
		ts.useM[2] = true
	case strings.HasPrefix(month, "Y"):
		ts.useM[1] = true
	default:
		ts.useM[0] = true
	}
	switch {
	case region == "":
		ts.useR[2] = true
	case len(region) == 2:
		ts.useR[0], ts.useR[1] = true, true
	default:
		ts.useR[0] = true
	}
	if x.ssykAll {
		ts.useS[5] = true
	} else {
		ts.useS[len(ssyk)] = true
	}
}

// memo returns m[id], filling it with f() the first time.
func memo(m *[]int64, id uint32, f func() int64) int64 {
	for len(*m) <= int(id) {
		*m = append(*m, -2)
	}
	if (*m)[id] == -2 {
		(*m)[id] = f()
	}
	return (*m)[id]
}

func (ts *totalSums) add(x *statsCell) {
	month, region, ssyk := ts.ids.month(x), ts.ids.region(x), ts.ids.ssyk(x)
	var ms, rs, ss [6]int64
	nm, nr, ns := 0, 0, 0
	if ts.useM[0] {
		ms[nm], nm = int64(x.mi), nm+1
	}
	if ts.useM[1] {
		ms[nm], nm = memo(&ts.year, x.mi, func() int64 { return ts.ids.months.lookup("Y" + month[:4]) }), nm+1
	}
	if ts.useM[2] {
		ms[nm], nm = ts.allM, nm+1
	}
	if ts.useR[0] && region != "" {
		rs[nr], nr = int64(x.ri), nr+1
	}
	if ts.useR[1] && x.level == 4 {
		rs[nr], nr = memo(&ts.lan, x.ri, func() int64 { return ts.ids.regions.lookup(codemap.Lookups().KommunLan[region]) }), nr+1
	}
	if ts.useR[2] {
		rs[nr], nr = ts.allR, nr+1
	}
	if ts.useS[0] || ts.useS[1] || ts.useS[2] || ts.useS[3] || ts.useS[4] {
		for len(ts.prefix) <= int(x.si) {
			ts.prefix = append(ts.prefix, [5]int64{-2})
		}
		p := &ts.prefix[x.si]
		if p[0] == -2 {
			for l := range p {
				p[l] = -1
				if l <= len(ssyk) {
					p[l] = ts.ids.ssyks.lookup(ssyk[:l])
				}
			}
		}
		for l := 0; l <= len(ssyk); l++ {
			if ts.useS[l] && (l > 0 || ssyk == "") {
				ss[ns], ns = p[l], ns+1
			}
		}
	}
	if ts.useS[5] {
		ss[ns], ns = ts.allS, ns+1
	}
	for im, m := range ms[:nm] {
		for ir, rg := range rs[:nr] {
			for is, sk := range ss[:ns] {
				if m < 0 || rg < 0 || sk < 0 {
					continue // a value no total has
				}
				k, j := skey{uint32(m), uint32(rg), uint32(sk), x.ci}, (im*3+ir)*6+is
				if !ts.lastSet[j] || ts.lastKey[j] != k {
					ts.lastKey[j], ts.lastSum[j], ts.lastSet[j] = k, ts.sums[k], true
				}
				if a := ts.lastSum[j]; a != nil {
					a.n++
					if x.censored {
						a.cens++
					} else {
						a.sum += x.n
					}
				}
			}
		}
	}
}
