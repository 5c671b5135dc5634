package stats

import (
	"fmt"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/input"
)

// cells reads the data rows: one statsCell per number, with its row's and
// column's dimensions. Notes are kept; blank rows and missing values
// skipped.
func (s *statsSheet) cells() ([]statsCell, error) {
	t := s.t
	cr := newCellReader(s)
	cells := make([]statsCell, 0, max(0, len(t.Raw)-s.he-1)*len(s.cols))
	for r := s.he + 1; r < len(t.Raw); r++ {
		var err error
		if cells, err = cr.row(r, cells); err != nil {
			return nil, err
		}
	}
	return cells, nil
}

// cellReader reads the data rows of a sheet into cells.
type cellReader struct {
	s *statsSheet
	// Rows repeat the same few labels: each is parsed once. A column's
	// labels are keyed by their text alone (its kind and hint are the
	// column's); an xlsx month also by its raw value, in dimCache. The
	// long sheets repeat a label on row after row (a month, a region) or
	// cycle through the same sequence (the SSYK codes under each region):
	// each label remembers the one that followed it, and the map is asked
	// only when neither the last label nor its follower matches.
	entries             [4][]labelEntry
	byText              [4]map[string]int
	lastEntry           [4]int
	dims                []dimColumn   // the dimension columns: region, SSYK, month
	counts              []parsedCount // the value cells of the row being read
	baseMonth, noRegion uint32        // ids of the sheet's month and of no region
	noSSYK, noMonth     uint32
	month               dimVal // the last workbook month read (sheetMonth)
}

type labelEntry struct {
	text string
	d    dimVal
	next int // index of the label that followed, or -1
}

type dimColumn struct{ k, c int }

// parsedCount is input.ParseCount's answer for a cell.
type parsedCount struct {
	n              float64
	cens, miss, ok bool
}

func newCellReader(s *statsSheet) *cellReader {
	ids := &s.ids
	for i := range s.cols {
		sc := &s.cols[i]
		sc.ci = ids.cats.of(sc.category)
		sc.mi = ids.months.of(sc.month)
		sc.ri = ids.regions.of(sc.region.code)
	}
	cr := &cellReader{s: s, lastEntry: [4]int{-1, -1, -1, -1}, counts: make([]parsedCount, len(s.cols)),
		baseMonth: ids.months.of(s.defaultMonth), noRegion: ids.regions.of(""), noSSYK: ids.ssyks.of(""), noMonth: ids.months.of("")}
	for k := range cr.byText {
		cr.byText[k] = map[string]int{}
	}
	for _, k := range []int{dimRegion, dimSSYK, dimMonth} {
		if c, ok := s.dimCol[k]; ok {
			cr.dims = append(cr.dims, dimColumn{k, c})
		}
	}
	return cr
}

// row appends the cells of row r, or keeps it as a note.
func (cr *cellReader) row(r int, cells []statsCell) ([]statsCell, error) {
	s, t := cr.s, cr.s.t
	if t.Blank(r) {
		return cells, nil
	}
	// The counts are parsed once, for note and for the cells.
	hasCount := false
	for i := range s.cols {
		v := t.Get(r, s.cols[i].c)
		p := &cr.counts[i]
		p.n, p.cens, p.miss, p.ok = input.ParseCount(v)
		hasCount = hasCount || (v != "" && p.ok)
	}
	if !hasCount && note(t, r, s.cols) {
		s.res.Notes = append(s.res.Notes, fmt.Sprintf("%s: %s", rowPos(t, r), input.Short(firstText(t, r))))
		return cells, nil
	}
	base, err := cr.rowDims(r)
	if err != nil {
		return nil, err
	}
	counts := cr.counts
	for i := range s.cols {
		sc := &s.cols[i]
		n, cens, miss, ok := counts[i].n, counts[i].cens, counts[i].miss, counts[i].ok
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
		cell.c, cell.n, cell.censored, cell.ci = int32(sc.c), n, cens, sc.ci
		cell.total = base.total || sc.total
		if sc.month != "" {
			cell.mi = sc.mi
		}
		if sc.hasReg {
			cell.level, cell.ri = int8(sc.region.level), sc.ri
		}
		if cell.mi == cr.noMonth {
			return nil, t.At(r, sc.c, af.ErrHeader, "no month for this cell")
		}
		cells = append(cells, cell)
	}
	return cells, nil
}

// rowDims reads the dimension cells of row r into the row's base cell;
// its total is whether a dimension is a total.
func (cr *cellReader) rowDims(r int) (statsCell, error) {
	t := cr.s.t
	base := statsCell{r: int32(r), mi: cr.baseMonth, ri: cr.noRegion, si: cr.noSSYK}
	for _, dc := range cr.dims {
		k, c := dc.k, dc.c
		var d *dimVal
		if k == dimMonth && t.Sheet != "" {
			d = cr.sheetMonth(r, c)
		} else {
			d = cr.label(k, c, t.TextAt(r, c))
		}
		if d.msg != "" {
			return base, t.At(r, c, d.kind, "%s", d.msg)
		}
		base.total = base.total || d.total
		switch k {
		case dimRegion:
			base.level, base.ri = int8(d.region.level), d.id
		case dimSSYK:
			base.ssykAll, base.si = d.total, d.id
		case dimMonth:
			base.mi = d.id
		}
	}
	return base, nil
}

// label returns the meaning of text, a cell of dimension column c of kind
// k: the label of the row before, the one that followed it last time, or
// one looked up (and parsed the first time).
func (cr *cellReader) label(k, c int, text string) *dimVal {
	es, prev, i := cr.entries[k], cr.lastEntry[k], -1
	switch {
	case prev >= 0 && es[prev].text == text:
		i = prev
	case prev >= 0 && es[prev].next >= 0 && es[es[prev].next].text == text:
		i = es[prev].next
	default:
		i = cr.lookup(k, c, text)
		if prev >= 0 {
			cr.entries[k][prev].next = i
		}
	}
	cr.lastEntry[k] = i
	return &cr.entries[k][i].d
}

// lookup returns the index of text's entry among the labels of kind k,
// made the first time.
func (cr *cellReader) lookup(k, c int, text string) int {
	s := cr.s
	i, ok := cr.byText[k][text]
	if !ok {
		i = len(cr.entries[k])
		text = strings.Clone(text)
		cr.entries[k] = append(cr.entries[k], labelEntry{text, s.parseDim(dimKey{k, s.hintOf[c], text, ""}), -1})
		cr.byText[k][text] = i
	}
	return i
}

// sheetMonth returns the meaning of the month cell (r, c) of a workbook,
// keyed by its text and its raw value (an Excel date).
func (cr *cellReader) sheetMonth(r, c int) *dimVal {
	s, t := cr.s, cr.s.t
	key := dimKey{dimMonth, s.hintOf[c], t.TextAt(r, c), t.Get(r, c)}
	d, ok := s.dimCache[key]
	if !ok {
		d = s.parseDim(key)
		s.dimCache[key] = d
	}
	cr.month = d
	return &cr.month
}
