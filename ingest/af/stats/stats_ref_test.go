package stats

// The statistics sheet reader as it was before its keys became ids
// (statsSheet.ids) and its CSV table a split of one string (splitCSV):
// the reference of TestStatsSameAsReference.

import (
	"fmt"
	"io"
	"math"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
)

// refStatsCell is one number of the sheet before it is sorted into detail
// and totals.
type refStatsCell struct {
	r, c     int
	month    string // "2024-01", "Y2024" or "*"
	region   regionVal
	ssyk     string // 1-4 digits, "" unknown or none
	ssykAll  bool   // total over SSYK
	total    bool   // a total word in a dimension
	category string
	n        float64
	censored bool
}

func refReadStatsCSV(r io.Reader, file string, opt StatsOptions) (*StatsResult, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, err
	}
	t, err := input.ReadCSVTableStd(data, file, detectSeparator(data))
	if err != nil {
		return nil, err
	}
	return refReadStats(t, opt)
}

func refReadStats(t *input.Table, opt StatsOptions) (*StatsResult, error) {
	s := &statsSheet{t: t, opt: opt, res: &StatsResult{}, dimCol: map[int]int{}, dimCache: map[dimKey]dimVal{}}
	if err := s.header(); err != nil {
		return nil, err
	}
	if err := s.columns(); err != nil {
		return nil, err
	}
	cells, err := s.refCells()
	if err != nil {
		return nil, err
	}
	if err := s.refSortCells(cells); err != nil {
		return nil, err
	}
	return s.res, nil
}

// cells reads the data rows: one refStatsCell per number, with its row's and
// column's dimensions. Notes are kept; blank rows and missing values
// skipped.
func (s *statsSheet) refCells() ([]refStatsCell, error) {
	t := s.t
	cells := make([]refStatsCell, 0, max(0, len(t.Raw)-s.he-1)*len(s.cols))
	for r := s.he + 1; r < len(t.Raw); r++ {
		if t.Blank(r) {
			continue
		}
		if note(t, r, s.cols) {
			s.res.Notes = append(s.res.Notes, fmt.Sprintf("%s: %s", rowPos(t, r), input.Short(firstText(t, r))))
			continue
		}
		base := refStatsCell{r: r, month: s.defaultMonth}
		rowTotal := false
		for _, k := range []int{dimRegion, dimSSYK, dimMonth} {
			c, ok := s.dimCol[k]
			if !ok {
				continue
			}
			// Rows repeat the same few labels: parse each once.
			key := dimKey{k, s.hintOf[c], t.TextAt(r, c), ""}
			if k == dimMonth && t.Sheet != "" {
				key.raw = t.Get(r, c)
			}
			d, ok := s.dimCache[key]
			if !ok {
				d = parseDim(key)
				s.dimCache[key] = d
			}
			if d.msg != "" {
				return nil, t.At(r, c, d.kind, "%s", d.msg)
			}
			rowTotal = rowTotal || d.total
			switch k {
			case dimRegion:
				base.region = d.region
			case dimSSYK:
				base.ssyk, base.ssykAll = d.ssyk, d.total
			case dimMonth:
				base.month = d.month
			}
		}
		for _, sc := range s.cols {
			n, cens, miss, ok := input.ParseCount(t.Get(r, sc.c))
			switch {
			case !ok:
				return nil, t.At(r, sc.c, af.ErrValue, "expected a count, \"<5\" or empty (a text column? list its header in StatsOptions.Ignore)")
			case miss:
				s.res.Missing++
				continue
			case n < 0:
				return nil, t.At(r, sc.c, af.ErrNegative, "a count cannot be negative")
			}
			if !cens && t.Sheet != "" {
				n = input.Round15(n)
			}
			cell := base
			cell.c, cell.n, cell.censored, cell.category = sc.c, n, cens, sc.category
			cell.total = rowTotal || sc.total
			if sc.month != "" {
				cell.month = sc.month
			}
			if sc.hasReg {
				cell.region = sc.region
			}
			if cell.month == "" {
				return nil, t.At(r, sc.c, af.ErrHeader, "no month for this cell")
			}
			cells = append(cells, cell)
		}
	}
	return cells, nil
}

// refCkey is a cell's key: month ("2024-01", or for totals "Y2024" or "*"),
// region (a code, or "*"), SSYK (a code or prefix, "", or "*") and
// category.
type refCkey struct{ month, region, ssyk, cat string }

// sortCells puts the detail cells into Counts and counts the totals: a
// cell is a total when a dimension says so, when its region is coarser
// than the finest region of the sheet (a län row among kommuner), or its
// SSYK is a group above level 4. With CheckTotals, each total is compared
// with the sum of the detail cells under it.
func (s *statsSheet) refSortCells(cells []refStatsCell) error {
	t := s.t
	regLevel, ssykLevel := 0, 0
	for _, x := range cells {
		if !x.total {
			regLevel = max(regLevel, x.region.level)
			ssykLevel = max(ssykLevel, len(x.ssyk))
		}
	}
	if c, ok := s.dimCol[dimSSYK]; ok && ssykLevel > 0 && ssykLevel < 4 {
		return t.At(s.hr, c, af.ErrHeader, "the sheet is by SSYK level %d: only unit groups (4 digits) can be loaded", ssykLevel)
	}
	isTotal := func(x *refStatsCell) bool {
		return x.total || x.region.level < regLevel || (x.ssyk != "" && len(x.ssyk) < 4) || x.month == "*" || strings.HasPrefix(x.month, "Y")
	}
	var sums *refTotalSums
	if s.opt.CheckTotals {
		sums = refNewTotalSums()
		for i := range cells {
			if x := &cells[i]; isTotal(x) {
				sums.want(x)
			}
		}
	}
	seen := make(map[refCkey]int, len(cells))
	s.res.Counts = make([]af.Count, 0, len(cells))
	for i := range cells {
		x := &cells[i]
		if isTotal(x) {
			s.res.Totals++
			continue
		}
		k := refCkey{x.month, x.region.code, x.ssyk, x.category}
		if j, dup := seen[k]; dup {
			p := cells[j]
			return t.At(x.r, x.c, af.ErrDuplicate, "period %s, region %s, SSYK %q, %s already at %s", x.month, orRiket(x.region.code), x.ssyk, x.category, cellPos(t, p.r, p.c))
		}
		seen[k] = i
		c := af.Count{Period: x.month, Region: orRiket(x.region.code), SSYK: x.ssyk, N: x.n, Censored: x.censored, Category: x.category}
		if x.censored {
			c.N = math.NaN()
		}
		s.res.Counts = append(s.res.Counts, c)
		if sums != nil {
			sums.add(x)
		}
	}
	if sums != nil {
		for i := range cells {
			x := &cells[i]
			if !isTotal(x) || x.censored {
				continue
			}
			a := sums.sums[refTotalKey(x)]
			if a == nil || a.n == 0 || a.cens > 0 {
				continue // no detail under it, or a censored one: cannot check
			}
			s.res.Checked++
			if math.Abs(a.sum-x.n) > 1e-6*math.Max(1, math.Abs(x.n)) {
				return t.At(x.r, x.c, af.ErrTotal, "the total is %s but its %d detail cells sum to %s (row %q)",
					fmtNum(x.n), a.n, fmtNum(a.sum), input.Short(firstText(t, x.r)))
			}
		}
	}
	if len(s.res.Counts) == 0 {
		return t.At(s.he, -1, af.ErrNotData, "no detail cells under the header")
	}
	af.SortCounts(s.res.Counts)
	return nil
}

// refTotalKey is the key of a total cell.
func refTotalKey(x *refStatsCell) refCkey {
	ss, rg := x.ssyk, x.region.code
	if x.ssykAll {
		ss = "*"
	}
	if rg == "" {
		rg = "*"
	}
	return refCkey{x.month, rg, ss, x.category}
}

// refTotalSums adds up the detail cells under each total. It remembers which
// key levels the totals use, so a detail cell looks up only those: months
// (exact, year, all), regions (own code, its län, all) and SSYK (prefix
// length 0-4, all).
type refTotalSums struct {
	sums       map[refCkey]*refTotalSum
	useM, useR [3]bool
	useS       [6]bool
}

type refTotalSum struct {
	sum     float64
	n, cens int
}

func refNewTotalSums() *refTotalSums { return &refTotalSums{sums: map[refCkey]*refTotalSum{}} }

func (ts *refTotalSums) want(x *refStatsCell) {
	k := refTotalKey(x)
	ts.sums[k] = &refTotalSum{}
	switch {
	case k.month == "*":
		ts.useM[2] = true
	case strings.HasPrefix(k.month, "Y"):
		ts.useM[1] = true
	default:
		ts.useM[0] = true
	}
	switch len(k.region) {
	case 1:
		ts.useR[2] = true
	case 2:
		ts.useR[0], ts.useR[1] = true, true
	default:
		ts.useR[0] = true
	}
	if k.ssyk == "*" {
		ts.useS[5] = true
	} else {
		ts.useS[len(k.ssyk)] = true
	}
}

func (ts *refTotalSums) add(x *refStatsCell) {
	var ms, rs, ss [6]string
	nm, nr, ns := 0, 0, 0
	if ts.useM[0] {
		ms[nm], nm = x.month, nm+1
	}
	if ts.useM[1] {
		ms[nm], nm = "Y"+x.month[:4], nm+1
	}
	if ts.useM[2] {
		ms[nm], nm = "*", nm+1
	}
	if ts.useR[0] && x.region.code != "" {
		rs[nr], nr = x.region.code, nr+1
	}
	if ts.useR[1] && x.region.level == 4 {
		rs[nr], nr = codemap.Lookups().KommunLan[x.region.code], nr+1
	}
	if ts.useR[2] {
		rs[nr], nr = "*", nr+1
	}
	for l := 0; l <= len(x.ssyk); l++ {
		if ts.useS[l] && (l > 0 || x.ssyk == "") {
			ss[ns], ns = x.ssyk[:l], ns+1
		}
	}
	if ts.useS[5] {
		ss[ns], ns = "*", ns+1
	}
	for _, m := range ms[:nm] {
		for _, rg := range rs[:nr] {
			for _, sk := range ss[:ns] {
				if a := ts.sums[refCkey{m, rg, sk, x.category}]; a != nil {
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
