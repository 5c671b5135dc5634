package stats

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// StatsOptions are the few choices ReadStatsCSV and ReadStatsXLSX cannot
// make from the sheet itself.
type StatsOptions struct {
	// Category says what the numbers are ("inskrivna arbetslösa", "nya
	// lediga platser"). With one measure in the sheet it is the
	// Count.Category; with several named value columns it prefixes their
	// names. Without it the value column's header is used, which must then
	// be more than "Antal".
	Category string
	// Sheet is the xlsx sheet to read; default the first sheet with a
	// recognisable header row.
	Sheet string
	// Period ("2024-01") is used when neither the rows nor the columns
	// hold months; default the one month named in the title lines.
	Period string
	// CheckTotals checks every total and subtotal (rows or columns named
	// Summa, Totalt, Riket, a län in a kommun sheet, a SSYK group above
	// level 4) against the sum of its detail cells, when none of them is
	// censored. A difference is an ErrTotal error naming the cell. Leave
	// it off for stocks whose "Totalt" over months is an average.
	CheckTotals bool
	// Ignore lists column headers to skip (extra dimensions such as "Kön"
	// that do not belong to the Count table).
	Ignore []string
}

// StatsResult is what the statistics readers return.
type StatsResult struct {
	Counts  []af.Count // the detail cells, sorted by period, region, SSYK, category
	Totals  int        // total and subtotal cells recognised and left out of Counts
	Checked int        // totals checked against their details (CheckTotals)
	Missing int        // empty, "..", "-" cells (no count)
	Notes   []string   // title and note lines skipped, with their position
}

// ReadStatsCSV reads a monthly job-seeker or vacancy statistics sheet
// saved as CSV (UTF-8, with or without BOM; separated by semicolons, tabs
// or commas, detected). See the package documentation for the shapes.
func ReadStatsCSV(r io.Reader, file string, opt StatsOptions) (*StatsResult, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, err
	}
	t, err := input.ReadCSVTable(data, file, detectSeparator(data))
	if err != nil {
		return nil, err
	}
	return readStats(t, opt)
}

// ReadStatsXLSX reads the same sheets as xlsx workbooks; merged header
// cells are read as if the value were in every cell of the range.
func ReadStatsXLSX(r io.Reader, file string, opt StatsOptions) (*StatsResult, error) {
	wb, err := input.OpenXLSX(r, file)
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	t, _, err := wb.FindSheet(opt.Sheet, func(t *input.Table, r int) bool { return statsHeaderRow(t, r) }, "a statistics header row (Län, Kommun, Region, Yrke/SSYK or Månad)")
	if err != nil {
		return nil, err
	}
	return readStats(t, opt)
}

// detectSeparator picks ';', tab or ',' from the first lines.
func detectSeparator(data []byte) rune {
	head := data[:min(len(data), 64<<10)]
	semi, tab := bytes.Count(head, []byte{';'}), bytes.Count(head, []byte{'\t'})
	switch {
	case semi == 0 && tab == 0:
		return ','
	case tab > semi:
		return '\t'
	}
	return ';'
}

// Column and row roles.
const (
	dimNone = iota
	dimRegion
	dimSSYK
	dimMonth
)

// dimKind classifies a header cell as a dimension column.
func dimKind(h string) (kind int, hint string) {
	f := input.Fold(h)
	switch {
	case f == "":
		return dimNone, ""
	case strings.HasPrefix(f, "län"), strings.HasPrefix(f, "lan ") || f == "lan" || f == "lanskod":
		return dimRegion, "lan"
	case strings.HasPrefix(f, "kommun"):
		return dimRegion, "kommun"
	case strings.HasPrefix(f, "region"):
		return dimRegion, ""
	case strings.HasPrefix(f, "ssyk"), strings.HasPrefix(f, "yrke") && !strings.HasPrefix(f, "yrkesområde"):
		return dimSSYK, ""
	case strings.HasPrefix(f, "månad"), f == "period", f == "tid", f == "år-månad", f == "år och månad", f == "datum":
		return dimMonth, ""
	}
	return dimNone, ""
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

var (
	monthNumRe  = regexp.MustCompile(`^(\d{4})\s*(?:-|/|m|\s)?\s*(\d{1,2})$`)
	monthDateRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[ t].*)?$`)
	yearRe      = regexp.MustCompile(`^(19[5-9]\d|20\d\d)$`)
	monthNames  = map[string]int{
		"januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2,
		"mars": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "maj": 5, "may": 5,
		"juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7,
		"augusti": 8, "aug": 8, "august": 8, "september": 9, "sep": 9, "sept": 9,
		"oktober": 10, "okt": 10, "oct": 10, "october": 10, "november": 11, "nov": 11,
		"december": 12, "dec": 12,
	}
)

// parseMonth reads "2024-01", "2024M01", "202401", "2024-01-31",
// "januari 2024", "jan-24", "2024 januari" (Swedish or English names).
func parseMonth(s string) (string, bool) {
	f := input.Fold(s)
	y, m := 0, 0
	if p := monthNumRe.FindStringSubmatch(f); p != nil {
		y, _ = strconv.Atoi(p[1])
		m, _ = strconv.Atoi(p[2])
	} else if p := monthDateRe.FindStringSubmatch(f); p != nil {
		y, _ = strconv.Atoi(p[1])
		m, _ = strconv.Atoi(p[2])
	} else {
		toks := strings.FieldsFunc(f, func(r rune) bool { return r == ' ' || r == '-' || r == '.' || r == '/' || r == '\'' })
		if len(toks) != 2 {
			return "", false
		}
		for _, tk := range toks {
			if n, ok := monthNames[tk]; ok && m == 0 {
				m = n
			} else if input.Digits(tk) && (len(tk) == 4 || len(tk) == 2) && y == 0 {
				y, _ = strconv.Atoi(tk)
				if len(tk) == 2 {
					y += 2000
				}
			} else {
				return "", false
			}
		}
	}
	if y < 1950 || y > 2100 || m < 1 || m > 12 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d", y, m), true
}

// totalWords are the labels of totals, in any dimension.
var totalWords = map[string]bool{
	"summa": true, "totalt": true, "total": true, "totalsumma": true, "samtliga": true, "alla": true,
	"riket": true, "hela riket": true, "sverige": true, "samtliga yrken": true, "alla yrken": true,
	"samtliga län": true, "samtliga kommuner": true, "totalt riket": true, "riket totalt": true,
	"00 riket": true, "summa riket": true, "samtliga månader": true, "hela året": true,
}

// totalLabel reports a total label and returns what is left of it once
// the total word is removed ("Summa Stockholms län" -> "Stockholms län").
func totalLabel(s string) (bool, string) {
	f := input.Fold(s)
	if totalWords[f] {
		return true, ""
	}
	for _, w := range []string{"summa ", "totalt ", "total ", "samtliga "} {
		if strings.HasPrefix(f, w) {
			return true, strings.TrimSpace(s[len(w):])
		}
	}
	for _, w := range []string{" totalt", " summa", " total"} {
		if strings.HasSuffix(f, w) {
			return true, strings.TrimSpace(s[:len(s)-len(w)])
		}
	}
	return false, ""
}

// regionVal is a parsed region cell.
type regionVal struct {
	code  string // "" for a total over all regions
	level int    // 4 kommun, 2 län, 0 all
}

// parseRegion reads a region cell: "0180 Stockholm", "0180", "01
// Stockholms län", "Stockholms län", "Stockholm", or a total.
func parseRegion(s, hint string) (regionVal, bool, string) {
	if tot, rest := totalLabel(s); tot {
		if rest == "" {
			return regionVal{}, true, ""
		}
		v, _, msg := parseRegion(rest, "")
		return v, true, msg
	}
	n := codemap.Lookups()
	s = strings.Join(strings.Fields(s), " ")
	code, name, _ := strings.Cut(s, " ")
	if input.Digits(code) {
		switch {
		case len(code) == 3 && hint == "kommun":
			code = "0" + code // a lost leading zero
		case len(code) == 1 && hint == "lan":
			code = "0" + code
		}
		switch len(code) {
		case 4:
			if !codes.IsKommun(code) {
				return regionVal{}, false, fmt.Sprintf("kommun code %s is not in lmi/codes", code)
			}
			if name != "" && n.KommunByName[input.Fold(name)] != code {
				return regionVal{}, false, fmt.Sprintf("kommun %s is not named %q", code, name)
			}
			return regionVal{code, 4}, false, ""
		case 2:
			if code == codes.Riket {
				return regionVal{}, true, ""
			}
			if !codes.IsLan(code) {
				return regionVal{}, false, fmt.Sprintf("län code %s is not in lmi/codes", code)
			}
			if name != "" && n.LanByName[input.Fold(name)] != code {
				return regionVal{}, false, fmt.Sprintf("län %s is not named %q", code, name)
			}
			return regionVal{code, 2}, false, ""
		}
		return regionVal{}, false, fmt.Sprintf("%q is neither a kommun (4 digits) nor a län (2 digits) code", code)
	}
	f := input.Fold(s)
	lan, isLan := n.LanByName[f]
	kommun, isKommun := n.KommunByName[f]
	switch {
	case isLan && strings.HasSuffix(f, " län"):
		return regionVal{lan, 2}, false, ""
	case isKommun && (hint == "kommun" || !isLan):
		return regionVal{kommun, 4}, false, ""
	case isLan && (hint == "lan" || !isKommun):
		return regionVal{lan, 2}, false, ""
	case isLan && isKommun:
		return regionVal{}, false, fmt.Sprintf("%q is both a län and a kommun name: use codes", s)
	}
	return regionVal{}, false, fmt.Sprintf("%q is not a län or kommun code or name in lmi/codes", s)
}

// parseSSYKCell reads a SSYK cell: "2512 Mjukvaru- och
// systemutvecklare", "2512", a group ("25 ...") or a total. unknown is
// true for "Okänt yrke" style cells (SSYK "").
func parseSSYKCell(s string) (code string, total, unknown bool, msg string) {
	if tot, _ := totalLabel(s); tot {
		return "", true, false, ""
	}
	f := input.Fold(s)
	for _, w := range []string{"okänt", "yrke okänt", "okänt yrke", "uppgift saknas", "ej angivet", "saknas", "övrigt/okänt"} {
		if f == w {
			return "", false, true, ""
		}
	}
	tok, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	tok = strings.TrimSuffix(tok, ".0")
	if !input.Digits(tok) || len(tok) > 4 {
		return "", false, false, fmt.Sprintf("%q does not start with a SSYK code", s)
	}
	n := codemap.Lookups()
	if len(tok) == 3 && n.SSYKLevel[tok] == 0 && n.SSYKLevel["0"+tok] == 4 {
		tok = "0" + tok
	}
	if n.SSYKLevel[tok] == 0 {
		return "", false, false, fmt.Sprintf("SSYK code %s is not in lmi/codes", tok)
	}
	return tok, false, false, ""
}

// statsCol is a value column.
type statsCol struct {
	c        int
	month    string // from the header, or "" (rows give it), "*" or "Y2024" for a total over months
	region   regionVal
	hasReg   bool // the header is a region
	total    bool // the header is a total
	measure  string
	category string

	mi, ri, ci uint32 // month, region and category ids (valueIDs)
}

// statsCell is one number of the sheet before it is sorted into detail
// and totals. Its month ("2024-01", "Y2024" or "*"), region code ("" for
// all), SSYK (1-4 digits, "" unknown or none) and category are ids of
// statsSheet.ids: a sheet has hundreds of thousands of cells, and the
// strings made them three times the size (zeroing and copying them was
// a fifth of the time).
type statsCell struct {
	r, c           int32
	mi, ri, si, ci uint32
	n              float64
	level          int8 // the region's: 4 kommun, 2 län, 0 all
	ssykAll        bool // total over SSYK
	total          bool // a total word in a dimension
	censored       bool
}

func (ids *valueIDs) month(x *statsCell) string  { return ids.months.s[x.mi] }
func (ids *valueIDs) region(x *statsCell) string { return ids.regions.s[x.ri] }
func (ids *valueIDs) ssyk(x *statsCell) string   { return ids.ssyks.s[x.si] }
func (ids *valueIDs) cat(x *statsCell) string    { return ids.cats.s[x.ci] }

// statsSheet is one statistics sheet being read, phase by phase: the
// header (header), the value columns (columns), the cells (cells) and
// their sorting into detail and totals (sortCells).
type statsSheet struct {
	t   *input.Table
	opt StatsOptions
	res *StatsResult

	hr, he       int         // the header rows
	width        int         // columns
	dimOf        []int       // per column: dimNone, dimRegion, dimSSYK or dimMonth
	hintOf       []string    // per region column: "lan", "kommun" or ""
	dimCol       map[int]int // dimension -> its column
	ignored      []bool      // per column
	titleMonths  []string    // months named in the title lines
	cols         []statsCol  // the value columns
	defaultMonth string      // when no row or column gives one
	dimCache     map[dimKey]dimVal
	ids          valueIDs
}

// valueIDs numbers the distinct months, region codes, SSYK codes and
// categories of a sheet. The cells of a sheet hold a few dozen distinct
// values each; keys of numbers instead of four strings made the
// duplicate map, the sort and the total sums a quarter of the time
// they were.
type valueIDs struct{ months, regions, ssyks, cats interner }

// interner numbers distinct strings in order of first sight.
type interner struct {
	id map[string]uint32
	s  []string
}

func (in *interner) of(s string) uint32 {
	if id, ok := in.id[s]; ok {
		return id
	}
	if in.id == nil {
		in.id = map[string]uint32{}
	}
	id := uint32(len(in.s))
	in.id[s] = id
	in.s = append(in.s, s)
	return id
}

// lookup returns the id of s, or -1 when s has none.
func (in *interner) lookup(s string) int64 {
	if id, ok := in.id[s]; ok {
		return int64(id)
	}
	return -1
}

// ranks returns each id's position among the strings in byte order, so
// that ids compare as their strings do.
func (in *interner) ranks() []uint64 {
	order := make([]uint32, len(in.s))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(in.s[a], in.s[b]) })
	r := make([]uint64, len(in.s))
	for i, id := range order {
		r[id] = uint64(i)
	}
	return r
}

func readStats(t *input.Table, opt StatsOptions) (*StatsResult, error) {
	s := &statsSheet{t: t, opt: opt, res: &StatsResult{}, dimCol: map[int]int{}, dimCache: map[dimKey]dimVal{}}
	if err := s.header(); err != nil {
		return nil, err
	}
	if err := s.columns(); err != nil {
		return nil, err
	}
	cells, err := s.cells()
	if err != nil {
		return nil, err
	}
	if err := s.sortCells(cells); err != nil {
		return nil, err
	}
	return s.res, nil
}

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
	hr := s.hr
	for r := 0; r < hr; r++ {
		if t.Blank(r) {
			continue
		}
		line := strings.Join(slices.Compact(slices.DeleteFunc(slices.Clone(t.Text[r]), func(s string) bool { return s == "" })), " ")
		s.res.Notes = append(s.res.Notes, fmt.Sprintf("%s: %s", rowPos(t, r), input.Short(line)))
		s.titleMonths = append(s.titleMonths, monthsIn(line)...)
	}

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
	// Two columns for one dimension (code and name): keep the code.
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
	// Header continuation rows: their dimension cells are empty or repeat
	// the cell above (a merged range).
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
	// Column labels: the header cells top-down; in a CSV, a year above
	// month columns is carried right over the empty cells next to it.
	labels := make([]string, s.width)
	for r := hr; r <= s.he; r++ {
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
	t.Names = labels
	return nil
}

// columns reads the value columns' labels (a month, a region, a total or
// a measure name), gives each its category, and settles the month of
// sheets without months in rows or columns.
func (s *statsSheet) columns() error {
	t, hr, he := s.t, s.hr, s.he
	_, rowMonth := s.dimCol[dimMonth]
	_, rowRegion := s.dimCol[dimRegion]
	for c := range s.width {
		if s.dimOf[c] != dimNone || s.ignored[c] || input.ColumnEmpty(t, he, c) {
			continue
		}
		l := t.Names[c]
		sc := statsCol{c: c}
		if l == "" {
			return t.At(hr, c, af.ErrHeader, "a column without a header has data")
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
			return t.At(he, c, af.ErrHeader, "a month without a year: put the year above the months or in the month header")
		} else {
			sc.measure = l
		}
		s.cols = append(s.cols, sc)
	}
	if len(s.cols) == 0 {
		return t.At(hr, -1, af.ErrHeader, "no value columns")
	}
	measures := map[string]bool{}
	for _, sc := range s.cols {
		measures[sc.measure] = true
	}
	cat := s.opt.Category
	hasMonthCols := false
	for i := range s.cols {
		sc := &s.cols[i]
		switch {
		case cat != "" && (len(measures) == 1 || sc.measure == ""):
			sc.category = cat
		case cat != "":
			sc.category = cat + ": " + sc.measure
		case sc.measure == "" || genericMeasure(sc.measure):
			return t.At(hr, sc.c, af.ErrHeader, "the sheet does not say what it counts: set StatsOptions.Category")
		default:
			sc.category = sc.measure
		}
		if sc.month != "" && sc.month != "*" && sc.month[0] != 'Y' {
			hasMonthCols = true
		}
	}
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

// cells reads the data rows: one statsCell per number, with its row's and
// column's dimensions. Notes are kept; blank rows and missing values
// skipped.
func (s *statsSheet) cells() ([]statsCell, error) {
	t := s.t
	ids := &s.ids
	for i := range s.cols {
		sc := &s.cols[i]
		sc.ci = ids.cats.of(sc.category)
		sc.mi = ids.months.of(sc.month)
		sc.ri = ids.regions.of(sc.region.code)
	}
	baseMonth, noRegion, noSSYK, noMonth := ids.months.of(s.defaultMonth), ids.regions.of(""), ids.ssyks.of(""), ids.months.of("")
	// Rows repeat the same few labels: parse each once. A column's labels
	// are keyed by their text alone (its kind and hint are the column's);
	// an xlsx month also by its raw value, in dimCache.
	// The long sheets repeat a label on row after row (a month, a
	// region) or cycle through the same sequence (the SSYK codes under
	// each region): each label remembers the one that followed it, and
	// the map is asked only when neither the last label nor its follower
	// matches.
	type labelEntry struct {
		text string
		d    dimVal
		next int // index of the label that followed, or -1
	}
	var entries [4][]labelEntry
	var byText [4]map[string]int
	lastEntry := [4]int{-1, -1, -1, -1}
	for k := range byText {
		byText[k] = map[string]int{}
	}
	type dimColumn struct{ k, c int }
	var dims []dimColumn
	for _, k := range []int{dimRegion, dimSSYK, dimMonth} {
		if c, ok := s.dimCol[k]; ok {
			dims = append(dims, dimColumn{k, c})
		}
	}
	counts := make([]parsedCount, len(s.cols))
	cells := make([]statsCell, 0, max(0, len(t.Raw)-s.he-1)*len(s.cols))
	for r := s.he + 1; r < len(t.Raw); r++ {
		if t.Blank(r) {
			continue
		}
		// The counts are parsed once, for note and for the cells.
		hasCount := false
		for i := range s.cols {
			v := t.Get(r, s.cols[i].c)
			p := &counts[i]
			p.n, p.cens, p.miss, p.ok = input.ParseCount(v)
			hasCount = hasCount || (v != "" && p.ok)
		}
		if !hasCount && note(t, r, s.cols) {
			s.res.Notes = append(s.res.Notes, fmt.Sprintf("%s: %s", rowPos(t, r), input.Short(firstText(t, r))))
			continue
		}
		base := statsCell{r: int32(r), mi: baseMonth, ri: noRegion, si: noSSYK}
		rowTotal := false
		for _, dc := range dims {
			k, c := dc.k, dc.c
			text := t.TextAt(r, c)
			var d dimVal
			if k == dimMonth && t.Sheet != "" {
				key := dimKey{k, s.hintOf[c], text, t.Get(r, c)}
				var ok bool
				if d, ok = s.dimCache[key]; !ok {
					d = s.parseDim(key)
					s.dimCache[key] = d
				}
			} else {
				es, prev, i := entries[k], lastEntry[k], -1
				switch {
				case prev >= 0 && es[prev].text == text:
					i = prev
				case prev >= 0 && es[prev].next >= 0 && es[es[prev].next].text == text:
					i = es[prev].next
				default:
					var ok bool
					if i, ok = byText[k][text]; !ok {
						i = len(es)
						text = strings.Clone(text)
						entries[k] = append(entries[k], labelEntry{text, s.parseDim(dimKey{k, s.hintOf[c], text, ""}), -1})
						byText[k][text] = i
					}
					if prev >= 0 {
						entries[k][prev].next = i
					}
				}
				d, lastEntry[k] = entries[k][i].d, i
			}
			if d.msg != "" {
				return nil, t.At(r, c, d.kind, "%s", d.msg)
			}
			rowTotal = rowTotal || d.total
			switch k {
			case dimRegion:
				base.level, base.ri = int8(d.region.level), d.id
			case dimSSYK:
				base.ssykAll, base.si = d.total, d.id
			case dimMonth:
				base.mi = d.id
			}
		}
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
			cell.total = rowTotal || sc.total
			if sc.month != "" {
				cell.mi = sc.mi
			}
			if sc.hasReg {
				cell.level, cell.ri = int8(sc.region.level), sc.ri
			}
			if cell.mi == noMonth {
				return nil, t.At(r, sc.c, af.ErrHeader, "no month for this cell")
			}
			cells = append(cells, cell)
		}
	}
	return cells, nil
}

// parsedCount is input.ParseCount's answer for a cell.
type parsedCount struct {
	n              float64
	cens, miss, ok bool
}

// sortCells puts the detail cells into Counts and counts the totals: a
// cell is a total when a dimension says so, when its region is coarser
// than the finest region of the sheet (a län row among kommuner), or its
// SSYK is a group above level 4. With CheckTotals, each total is compared
// with the sum of the detail cells under it.
func (s *statsSheet) sortCells(cells []statsCell) error {
	t, ids := s.t, &s.ids
	regLevel, ssykLevel := int8(0), 0
	for i := range cells {
		if x := &cells[i]; !x.total {
			regLevel = max(regLevel, x.level)
			ssykLevel = max(ssykLevel, len(ids.ssyk(x)))
		}
	}
	if c, ok := s.dimCol[dimSSYK]; ok && ssykLevel > 0 && ssykLevel < 4 {
		return t.At(s.hr, c, af.ErrHeader, "the sheet is by SSYK level %d: only unit groups (4 digits) can be loaded", ssykLevel)
	}
	isTotal := func(x *statsCell) bool {
		if x.total || x.level < regLevel {
			return true
		}
		ss, m := ids.ssyk(x), ids.month(x)
		return (ss != "" && len(ss) < 4) || m == "*" || strings.HasPrefix(m, "Y")
	}
	var sums *totalSums
	if s.opt.CheckTotals {
		sums = newTotalSums(&s.ids)
		for i := range cells {
			if x := &cells[i]; isTotal(x) {
				sums.want(x)
			}
		}
		sums.wanted()
	}
	// The detail cells sorted by their key (period, region, SSYK and
	// category, as af.SortCounts orders Counts) and then by position: equal
	// keys are neighbours, the first in the sheet first.
	if len(s.ids.months.s) > 1<<20 || len(s.ids.regions.s) > 1<<20 || len(s.ids.ssyks.s) > 1<<20 {
		return t.At(s.hr, -1, af.ErrNotData, "more than %d distinct months, regions or SSYK codes", 1<<20)
	}
	rm, rr, rs, rc := s.ids.months.ranks(), s.ids.regions.ranks(), s.ids.ssyks.ranks(), s.ids.cats.ranks()
	type detail struct {
		key uint64 // month, region and SSYK ranks, 20 bits each
		cat uint64
		i   int
	}
	details := make([]detail, 0, len(cells))
	for i := range cells {
		x := &cells[i]
		if isTotal(x) {
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
	// A duplicate is the second cell of a key; the error names the one
	// first in the sheet, as a single pass in sheet order would.
	dup := -1
	for j := 1; j < len(details); j++ {
		a, b := details[j-1], details[j]
		if a.key == b.key && a.cat == b.cat && (j < 2 || details[j-2].key != a.key || details[j-2].cat != a.cat) {
			if dup < 0 || b.i < details[dup].i {
				dup = j
			}
		}
	}
	if dup >= 0 {
		x, p := &cells[details[dup].i], &cells[details[dup-1].i]
		return t.At(int(x.r), int(x.c), af.ErrDuplicate, "period %s, region %s, SSYK %q, %s already at %s", ids.month(x), orRiket(ids.region(x)), ids.ssyk(x), ids.cat(x), cellPos(t, int(p.r), int(p.c)))
	}
	if sums != nil {
		for i := range cells {
			x := &cells[i]
			if !isTotal(x) || x.censored {
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
	}
	if len(details) == 0 {
		return t.At(s.he, -1, af.ErrNotData, "no detail cells under the header")
	}
	s.res.Counts = make([]af.Count, len(details))
	for j, d := range details {
		x := &cells[d.i]
		c := af.Count{Period: ids.month(x), Region: orRiket(ids.region(x)), SSYK: ids.ssyk(x), N: x.n, Censored: x.censored, Category: ids.cat(x)}
		if x.censored {
			c.N = math.NaN()
		}
		s.res.Counts[j] = c
	}
	return nil
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

// dimKey is a dimension cell to parse; dimVal its meaning.
type dimKey struct {
	kind      int
	hint      string
	text, raw string
}

type dimVal struct {
	region regionVal
	ssyk   string
	month  string
	total  bool
	kind   error
	msg    string
	id     uint32 // of the region code, SSYK or month in statsSheet.ids
}

// parseDim parses a dimension cell and numbers its value. The strings
// kept are copies: a CSV's cells are slices of the whole file.
func (s *statsSheet) parseDim(k dimKey) dimVal {
	d := parseDim(k)
	switch k.kind {
	case dimRegion:
		d.region.code = strings.Clone(d.region.code)
		d.id = s.ids.regions.of(d.region.code)
	case dimSSYK:
		d.ssyk = strings.Clone(d.ssyk)
		d.id = s.ids.ssyks.of(d.ssyk)
	case dimMonth:
		d.id = s.ids.months.of(d.month)
	}
	return d
}

func parseDim(k dimKey) dimVal {
	var d dimVal
	switch k.kind {
	case dimRegion:
		d.region, d.total, d.msg = parseRegion(k.text, k.hint)
		d.kind = af.ErrUnknownCode
	case dimSSYK:
		d.ssyk, d.total, _, d.msg = parseSSYKCell(k.text)
		d.kind = af.ErrUnknownCode
	case dimMonth:
		if tot, _ := totalLabel(k.text); tot {
			d.month, d.total = "*", true
		} else if m, ok := parseMonth(k.text); ok {
			d.month = m
		} else if m, ok := excelSerial(k.raw); ok {
			d.month = m
		} else {
			d.kind, d.msg = af.ErrValue, "expected a month like 2024-01 or januari 2024"
		}
	}
	return d
}

func orRiket(s string) string {
	if s == "" {
		return codes.Riket
	}
	return s
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// genericMeasure reports a value-column header that says nothing about
// what is counted.
func genericMeasure(s string) bool {
	switch input.Fold(s) {
	case "antal", "värde", "value", "n", "summa", "totalt", "antal personer":
		return true
	}
	return false
}

// onlyMonthName reports a header that is just a month name.
func onlyMonthName(s string) bool { _, ok := monthNames[input.Fold(s)]; return ok }

// excelSerialMonth reads a month header stored as an Excel date whose
// display text was not recognised.
func excelSerialMonth(t *input.Table, hr, he, c int) (string, bool) {
	if t.Sheet == "" {
		return "", false
	}
	for r := he; r >= hr; r-- {
		if m, ok := excelSerial(t.Get(r, c)); ok {
			return m, true
		}
	}
	return "", false
}

func excelSerial(raw string) (string, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || v < 18264 || v > 73051 { // 1950-01-01 .. 2100-01-01
		return "", false
	}
	tm, err := excelize.ExcelDateToTime(v, false)
	if err != nil {
		return "", false
	}
	return tm.Format("2006-01"), true
}

// monthsIn finds months named in a title line ("... januari 2024").
func monthsIn(line string) []string {
	toks := strings.Fields(input.Fold(line))
	var out []string
	for i := 0; i+1 < len(toks); i++ {
		if m, ok := parseMonth(strings.Trim(toks[i], ",.:;()") + " " + strings.Trim(toks[i+1], ",.:;()")); ok {
			out = append(out, m)
		}
	}
	for _, tk := range toks {
		if m, ok := parseMonth(strings.Trim(tk, ",.:;()")); ok && strings.ContainsAny(tk, "-m") {
			out = append(out, m)
		}
	}
	return out
}

// rowHasNumbers reports whether a row has a number outside the dimension
// columns (then it is data, not header).
func rowHasNumbers(t *input.Table, r int, dimOf []int) bool {
	for c := range t.Width(r) {
		if c < len(dimOf) && dimOf[c] != dimNone {
			continue
		}
		v := t.Get(r, c)
		if _, ok := input.ParseNumber(v); ok && !yearRe.MatchString(v) {
			if _, isMonth := excelSerial(v); !isMonth || t.Sheet == "" {
				return true
			}
		}
		if strings.HasPrefix(strings.TrimSpace(v), "<") {
			return true
		}
	}
	return false
}

// notePrefixes start lines that are notes under or above a table.
var notePrefixes = []string{"källa", "anm", "not ", "not:", "fotnot", "*", "obs", "observera", "uppgifterna", "uppgift saknas", "förklaring", "¹", "1)", "..", "<5"}

// note reports a row that is a note: no values and a note prefix, or one
// text cell only.
func note(t *input.Table, r int, cols []statsCol) bool {
	for _, sc := range cols {
		if t.Get(r, sc.c) != "" {
			if _, _, _, ok := input.ParseCount(t.Get(r, sc.c)); ok {
				return false
			}
		}
	}
	f := input.Fold(firstText(t, r))
	for _, p := range notePrefixes {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	n := 0
	for c := range t.Width(r) {
		if t.Get(r, c) != "" {
			n++
		}
	}
	return n == 1 && len(f) > 25
}

func firstText(t *input.Table, r int) string {
	for c := range t.Width(r) {
		if v := t.TextAt(r, c); v != "" {
			return v
		}
	}
	return ""
}

func rowPos(t *input.Table, r int) string {
	if t.Sheet != "" {
		return fmt.Sprintf("sheet %q row %d", t.Sheet, t.Lines[r])
	}
	return fmt.Sprintf("line %d", t.Lines[r])
}

func cellPos(t *input.Table, r, c int) string {
	if t.Sheet != "" {
		return fmt.Sprintf("cell %s%d", input.ColName(c), t.Lines[r])
	}
	return fmt.Sprintf("line %d column %s", t.Lines[r], t.Names[c])
}
