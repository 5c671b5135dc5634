package assess

import (
	"io"
	"strconv"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/input"
)

// HistoryPoint is one value of the yrkesprognos index series: an index
// (2015 = 1.00) of one measure for one prognosyrke and year, nationally.
type HistoryPoint struct {
	Source     string   // SourceYrkesprognos
	Occupation string   // conceptidprognosyrke
	SSYK       []string // nil when unmapped
	Year       int
	Measure    string // antalEFT, antalPEN, antalTILL and their ...prognos forecasts
	Value      float64
}

// History is what ReadPrognosHistorikCSV returns.
type History struct {
	Points   []HistoryPoint
	Unmapped []string // occupations with no SSYK, in order of first appearance
	// Blank lists the lines that held only an occupation id: no year and
	// no values (one in the real file). They give no points.
	Blank []int64
}

// The columns of historik.csv, in historikColumns' order.
const (
	hYear = iota
	hValue
	hConcept
)

// historikColumns is historik.csv's header: the year, the index columns
// (antalEFT, antalPEN, ..., their values non-negative numbers with a
// decimal comma) and the occupation.
var historikColumns = input.Columns{
	List: []input.Column{
		hYear:    {Name: "ar", Headers: []string{"ar", "år"}, Required: input.Always},
		hValue:   {Name: "antal*", Prefixes: []string{"antal"}, Required: input.Always, Many: true},
		hConcept: {Name: "conceptidprognosyrke", Headers: []string{"conceptidprognosyrke"}, Required: input.Always},
	},
	Unknown: "unknown column, expected ar, conceptidprognosyrke and antal* columns",
	Unnamed: "an unnamed column has data",
	Missing: "expected columns %[2]s (header: %[3]s)",
	Sep:     ";",
}

// ReadPrognosHistorikCSV reads yrkesprognos v3 historik.csv: semicolon
// separated, decimal comma, columns ar;antalEFT;...;conceptidprognosyrke.
// Each non-empty value becomes a HistoryPoint.
func ReadPrognosHistorikCSV(r io.Reader, file string, concepts af.ConceptSSYK) (*History, error) {
	t, err := input.ReadSeparated(r, file, ';')
	if err != nil {
		return nil, err
	}
	t.Names = t.Raw[0]
	h, err := historikColumns.Read(t, 0, nil)
	if err != nil {
		return nil, err
	}
	if err := h.Check(input.Always); err != nil {
		return nil, err
	}
	hr := newHistoryReader(t, h, concepts)
	for r := 1; r < len(t.Raw); r++ {
		if err := hr.row(r); err != nil {
			return nil, err
		}
	}
	if len(hr.seen) == 0 && len(hr.out.Blank) == 0 {
		return nil, t.At(0, -1, af.ErrNotData, "no data rows under the header")
	}
	return hr.out, nil
}

// historyReader reads the rows of a historik.csv.
type historyReader struct {
	t         *input.Table
	cYear     int
	cConcept  int
	valueCols []int
	measures  []string // per file column, the measure of a value column
	concepts  af.ConceptSSYK
	// An occupation and year is checked as a pair of strings, not a
	// joined one; each occupation id and measure is one copy (the cells
	// are slices of the whole file).
	seen    map[[2]string]int
	occName map[string]string
	out     *History
}

func newHistoryReader(t *input.Table, h *input.Header, concepts af.ConceptSSYK) *historyReader {
	hr := &historyReader{t: t, cYear: h.At[hYear], cConcept: h.At[hConcept], valueCols: h.All[hValue],
		measures: make([]string, len(t.Raw[0])), concepts: concepts,
		seen: make(map[[2]string]int, len(t.Raw)), occName: map[string]string{}, out: &History{}}
	for _, c := range hr.valueCols {
		hr.measures[c] = strings.Clone(strings.TrimSpace(t.Raw[0][c]))
	}
	// The points are counted first: the slice is most of what is
	// allocated, and growing it by appends would copy it over and over.
	n := 0
	for r := 1; r < len(t.Raw); r++ {
		for _, c := range hr.valueCols {
			if strings.TrimSpace(t.Get(r, c)) != "" {
				n++
			}
		}
	}
	if n > 0 {
		hr.out.Points = make([]HistoryPoint, 0, n)
	}
	return hr
}

// row reads row r: its points, or its line as Blank.
func (hr *historyReader) row(r int) error {
	t := hr.t
	if t.Blank(r) {
		return nil
	}
	if len(t.Raw[r]) != len(t.Raw[0]) {
		return t.At(r, -1, af.ErrSyntax, "%d fields, the header has %d", len(t.Raw[r]), len(t.Raw[0]))
	}
	occ := strings.TrimSpace(t.Get(r, hr.cConcept))
	if !af.IsConcept(occ) {
		return t.At(r, hr.cConcept, af.ErrValue, "expected a JobTech concept id like 1JfT_7TR_tqA")
	}
	ys := strings.TrimSpace(t.Get(r, hr.cYear))
	if ys == "" {
		for _, c := range hr.valueCols {
			if strings.TrimSpace(t.Get(r, c)) != "" {
				return t.At(r, hr.cYear, af.ErrValue, "a row with values but no year")
			}
		}
		hr.out.Blank = append(hr.out.Blank, t.Lines[r])
		return nil
	}
	year, err := strconv.Atoi(ys)
	if err != nil || !input.Digits(ys) || year < 1990 || year > 2100 {
		return t.At(r, hr.cYear, af.ErrValue, "expected a year")
	}
	k := [2]string{occ, ys}
	if first, dup := hr.seen[k]; dup {
		return t.At(r, hr.cYear, af.ErrDuplicate, "occupation %s, year %d already at line %d", occ, year, t.Lines[first])
	}
	hr.seen[k] = r
	return hr.values(r, occ, year)
}

// values adds the points of row r, for occupation occ and year.
func (hr *historyReader) values(r int, occ string, year int) error {
	t := hr.t
	ssyk := hr.concepts[occ]
	if name, done := hr.occName[occ]; done {
		occ = name
	} else {
		occ = strings.Clone(occ)
		hr.occName[occ] = occ
		if ssyk == nil {
			hr.out.Unmapped = append(hr.out.Unmapped, occ)
		}
	}
	for _, c := range hr.valueCols {
		v := strings.TrimSpace(t.Get(r, c))
		if v == "" {
			continue
		}
		n, ok := input.ParseNumber(v)
		if !ok || n < 0 {
			return t.At(r, c, af.ErrValue, "expected a non-negative index (decimal comma)")
		}
		hr.out.Points = append(hr.out.Points, HistoryPoint{Source: af.SourceYrkesprognos, Occupation: occ, SSYK: ssyk,
			Year: year, Measure: hr.measures[c], Value: n})
	}
	return nil
}
