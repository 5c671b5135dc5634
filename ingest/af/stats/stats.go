package stats

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
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

var (
	monthNumRe  = regexp.MustCompile(`^(\d{4})\s*(?:-|/|m|\s)?\s*(\d{1,2})$`)
	monthDateRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[ t].*)?$`)
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
	regLevel     int8 // the finest region level of the detail cells (sortCells)
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
