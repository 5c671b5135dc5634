package stats

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/input"
)

// Column and row roles.
const (
	dimNone = iota
	dimRegion
	dimSSYK
	dimMonth
)

// dimColumns are the dimension columns a statistics sheet's header may
// name (Kind is the dimension), in the order they are tried: a header
// starting with "Län", "Kommun", "Region", "SSYK" or "Yrke" (not
// "Yrkesområde"), or "Månad", or one of the month headers. Every other
// column holds values (months, regions, totals or measures, read by
// statsSheet.columns).
var dimColumns = input.Columns{
	List: []input.Column{
		{Name: "Län", Prefixes: []string{"län", "lan "}, Headers: []string{"lan", "lanskod"}, Kind: dimRegion},
		{Name: "Kommun", Prefixes: []string{"kommun"}, Kind: dimRegion},
		{Name: "Region", Prefixes: []string{"region"}, Kind: dimRegion},
		{Name: "SSYK", Prefixes: []string{"ssyk", "yrke"}, Except: []string{"yrkesområde"}, Kind: dimSSYK},
		{Name: "Månad", Prefixes: []string{"månad"}, Headers: []string{"period", "tid", "år-månad", "år och månad", "datum"}, Kind: dimMonth},
	},
}

// dimHints are how the region cells of dimColumns read (parseRegion's
// hint): a lost leading zero is a kommun's or a län's.
var dimHints = [...]string{0: "lan", 1: "kommun"}

// dimKind classifies a header cell as a dimension column.
func dimKind(h string) (kind int, hint string) {
	i, _ := dimColumns.Match(input.Fold(h))
	if i < 0 {
		return dimNone, ""
	}
	if i < len(dimHints) {
		hint = dimHints[i]
	}
	return int(dimColumns.List[i].Kind), hint
}

// statsHeaderRow reports whether row r looks like a header: a short
// dimension cell and at least one other cell, not a merged title.
func statsHeaderRow(t *input.Table, r int) bool {
	dim, nonEmpty := false, 0
	first, same := "", true
	for c := range t.Width(r) {
		h := t.TextAt(r, c)
		if h == "" {
			continue
		}
		nonEmpty++
		if first == "" {
			first = h
		} else if h != first {
			same = false
		}
		if k, _ := dimKind(h); k != dimNone && len(h) < 60 {
			dim = true
		}
	}
	return dim && nonEmpty >= 2 && !same
}

var yearRe = regexp.MustCompile(`^(19[5-9]\d|20\d\d)$`)

// header finds the header row and its continuation rows, the dimension
// columns and the column labels, and keeps the title lines as notes.
func (s *statsSheet) header() error {
	t := s.t
	s.hr = -1
	for r := 0; r < len(t.Raw) && r < 60; r++ {
		if statsHeaderRow(t, r) {
			s.hr = r
			break
		}
	}
	if s.hr < 0 {
		return &af.Error{File: t.File, Sheet: t.Sheet, Kind: af.ErrHeader,
			Msg: "no header row with Län, Kommun, Region, Yrke/SSYK or Månad in the first 60 rows (is the separator ';', tab or ','?)"}
	}
	s.titles()
	s.dimensions()
	s.continuation()
	t.Names = s.labels()
	return nil
}

// titles keeps the lines above the header as notes, and the months they
// name.
func (s *statsSheet) titles() {
	t := s.t
	for r := 0; r < s.hr; r++ {
		if t.Blank(r) {
			continue
		}
		line := strings.Join(slices.Compact(slices.DeleteFunc(slices.Clone(t.Text[r]), func(s string) bool { return s == "" })), " ")
		s.res.Notes = append(s.res.Notes, fmt.Sprintf("%s: %s", rowPos(t, r), input.Short(line)))
		s.titleMonths = append(s.titleMonths, monthsIn(line)...)
	}
}

// dimensions finds the dimension columns of the header row and the
// ignored ones. Of two columns for one dimension (a code and a name) the
// code is kept.
func (s *statsSheet) dimensions() {
	t, hr := s.t, s.hr
	for r := hr; r < len(t.Raw); r++ {
		s.width = max(s.width, t.Width(r))
	}
	s.dimOf = make([]int, s.width)
	s.hintOf = make([]string, s.width)
	s.ignored = make([]bool, s.width)
	dimCols := map[int][]int{}
	for c := range s.width {
		h := t.TextAt(hr, c)
		for _, ig := range s.opt.Ignore {
			if input.Fold(ig) == input.Fold(h) && h != "" {
				s.ignored[c] = true
			}
		}
		if s.ignored[c] {
			continue
		}
		if k, hint := dimKind(h); k != dimNone {
			s.dimOf[c], s.hintOf[c] = k, hint
			dimCols[k] = append(dimCols[k], c)
		}
	}
	for k, cs := range dimCols {
		keep := cs[0]
		for _, c := range cs {
			f := input.Fold(t.TextAt(hr, c))
			if strings.Contains(f, "kod") || strings.HasPrefix(f, "ssyk") {
				keep = c
				break
			}
		}
		for _, c := range cs {
			if c != keep {
				s.dimOf[c] = dimNone
				s.ignored[c] = true
			}
		}
		s.dimCol[k] = keep
	}
}

// continuation finds the header's continuation rows: their dimension
// cells are empty or repeat the cell above (a merged range).
func (s *statsSheet) continuation() {
	t, hr := s.t, s.hr
	s.he = hr
	for r := hr + 1; r < len(t.Raw) && r <= hr+3; r++ {
		if t.Blank(r) {
			break
		}
		cont := true
		for c := range s.width {
			if s.dimOf[c] != dimNone && t.TextAt(r, c) != "" && t.TextAt(r, c) != t.TextAt(r-1, c) {
				cont = false
			}
		}
		if !cont || rowHasNumbers(t, r, s.dimOf) {
			break
		}
		s.he = r
	}
}

// labels returns the column labels: the header cells top-down; in a CSV,
// a year above month columns is carried right over the empty cells next
// to it.
func (s *statsSheet) labels() []string {
	t := s.t
	labels := make([]string, s.width)
	for r := s.hr; r <= s.he; r++ {
		carry := ""
		for c := range s.width {
			h := t.TextAt(r, c)
			if h == "" && r < s.he && carry != "" && s.dimOf[c] == dimNone {
				h = carry
			}
			if yearRe.MatchString(input.Fold(h)) && s.dimOf[c] == dimNone {
				carry = h
			} else if h != "" {
				carry = ""
			}
			if h != "" && !strings.HasSuffix(labels[c], h) {
				labels[c] = strings.TrimSpace(labels[c] + " " + h)
			}
		}
	}
	return labels
}

// columns reads the value columns' labels (a month, a region, a total or
// a measure name), gives each its category, and settles the month of
// sheets without months in rows or columns.
func (s *statsSheet) columns() error {
	t, he := s.t, s.he
	_, rowMonth := s.dimCol[dimMonth]
	_, rowRegion := s.dimCol[dimRegion]
	for c := range s.width {
		if s.dimOf[c] != dimNone || s.ignored[c] || input.ColumnEmpty(t, he, c) {
			continue
		}
		sc, err := s.valueColumn(c, rowMonth, rowRegion)
		if err != nil {
			return err
		}
		s.cols = append(s.cols, sc)
	}
	if len(s.cols) == 0 {
		return t.At(s.hr, -1, af.ErrHeader, "no value columns")
	}
	hasMonthCols, err := s.categories()
	if err != nil {
		return err
	}
	return s.settleMonth(rowMonth, hasMonthCols)
}

// valueColumn reads the label of value column c: a total, a month, a
// region (when the rows hold none) or a measure.
func (s *statsSheet) valueColumn(c int, rowMonth, rowRegion bool) (statsCol, error) {
	t, hr, he := s.t, s.hr, s.he
	l := t.Names[c]
	sc := statsCol{c: c}
	if l == "" {
		return sc, t.At(hr, c, af.ErrHeader, "a column without a header has data")
	}
	if tot, rest := totalLabel(l); tot {
		sc.total = true
		sc.month = "*"
		if rest != "" && yearRe.MatchString(input.Fold(rest)) {
			sc.month = "Y" + input.Fold(rest)
		}
		if rowMonth {
			sc.month = ""
		}
	} else if m, ok := parseMonth(l); ok && !rowMonth {
		sc.month = m
	} else if m, ok := excelSerialMonth(t, hr, he, c); ok && !rowMonth {
		sc.month = m
	} else if v, tot, msg := parseRegion(l, ""); msg == "" && !rowRegion {
		sc.region, sc.hasReg, sc.total = v, true, tot
	} else if onlyMonthName(l) {
		return sc, t.At(he, c, af.ErrHeader, "a month without a year: put the year above the months or in the month header")
	} else {
		sc.measure = l
	}
	return sc, nil
}

// categories gives each value column its category, and reports whether
// any column is a month.
func (s *statsSheet) categories() (hasMonthCols bool, err error) {
	measures := map[string]bool{}
	for _, sc := range s.cols {
		measures[sc.measure] = true
	}
	cat := s.opt.Category
	for i := range s.cols {
		sc := &s.cols[i]
		switch {
		case cat != "" && (len(measures) == 1 || sc.measure == ""):
			sc.category = cat
		case cat != "":
			sc.category = cat + ": " + sc.measure
		case sc.measure == "" || genericMeasure(sc.measure):
			return false, s.t.At(s.hr, sc.c, af.ErrHeader, "the sheet does not say what it counts: set StatsOptions.Category")
		default:
			sc.category = sc.measure
		}
		if sc.month != "" && sc.month != "*" && sc.month[0] != 'Y' {
			hasMonthCols = true
		}
	}
	return hasMonthCols, nil
}

// settleMonth checks that every value column has a month when some do,
// and finds the month of a sheet whose rows and columns have none: the
// option, else the one month of the title.
func (s *statsSheet) settleMonth(rowMonth, hasMonthCols bool) error {
	t, hr := s.t, s.hr
	switch {
	case rowMonth:
	case hasMonthCols:
		for _, sc := range s.cols {
			if sc.month == "" {
				return t.At(hr, sc.c, af.ErrHeader, "a column without a month among month columns")
			}
		}
	case s.opt.Period != "":
		m, ok := parseMonth(s.opt.Period)
		if !ok {
			return &af.Error{File: t.File, Kind: af.ErrValue, Column: "StatsOptions.Period", Value: s.opt.Period, Msg: "expected a month like 2024-01"}
		}
		s.defaultMonth = m
	default:
		slices.Sort(s.titleMonths)
		ms := slices.Compact(s.titleMonths)
		if len(ms) != 1 {
			return t.At(hr, -1, af.ErrHeader, "no month in the rows, columns or title (found %d): set StatsOptions.Period", len(ms))
		}
		s.defaultMonth = ms[0]
	}
	return nil
}
