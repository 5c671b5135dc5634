package assess

import (
	"fmt"
	"io"
	"iter"
	"math"
	"regexp"
	"strconv"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
)

// PrognosOptions are the choices for ReadPrognosCSV.
type PrognosOptions struct {
	// Round overrides the round derived from the header: "20YY" from the
	// first bedömningYY column (bedömning24 -> "2024").
	Round string
	// Concepts maps conceptidprognosyrke to SSYK. Occupations missing from
	// it keep SSYK nil and are listed in AssessmentSet.Unmapped.
	Concepts af.ConceptSSYK
}

var bedomningRe = regexp.MustCompile(`^bedömning(\d\d)$`)

// Prognos is a bedömning file as read: the file's own wide table, one row
// per prognosyrke and region with one typed value per measure column.
// All turns it into lmi's long format, one assessment per non-empty
// cell, without holding them all: the 2024 file's 10,614 rows give
// 71,335 assessments.
type Prognos struct {
	Round string
	// Measures are the value columns in file order, named in ASCII
	// (bedömning24 -> "bedomning24", tillträde -> "tilltrade").
	Measures []string
	Rows     []PrognosRow
	// Occupations maps each occupation found in PrognosOptions.Concepts
	// to SSYK; Unmapped lists the others in order of first appearance.
	Occupations []af.OccupationMap
	Unmapped    []string
	kinds       []prognosKind // how each measure's value reads; a number when missing
}

// PrognosRow is one line of a bedömning file.
type PrognosRow struct {
	Occupation string   // conceptidprognosyrke
	SSYK       []string // nil when unmapped
	Region     string   // "00" riket or "FA01".."FA60"
	// Values holds one number per measure, NaN where the cell is empty:
	// a class for bedömningYY (1-3) and index (0-5, 0 no class), the FA
	// number for svårare_fa15nr and lättare_fa15nr, else the value.
	Values []float64
}

type prognosKind uint8

const (
	kNumber prognosKind = iota
	kBedomning
	kIndex
	kFA
)

// All yields the assessments of p row by row, each row's in column
// order: bedömningYY and index carry their class (index 0 none), the FA
// columns their region in Label, the others a Value.
func (p *Prognos) All() iter.Seq[af.Assessment] {
	return func(yield func(af.Assessment) bool) {
		for _, r := range p.Rows {
			level := af.LevelFA
			if r.Region == "00" {
				level = af.LevelRiket
			}
			for m, v := range r.Values {
				if math.IsNaN(v) {
					continue
				}
				a := af.Assessment{Source: af.SourceYrkesprognos, Round: p.Round, Region: r.Region, RegionLevel: level,
					Occupation: r.Occupation, SSYK: r.SSYK, Measure: p.Measures[m], Value: v}
				kind := kNumber
				if m < len(p.kinds) {
					kind = p.kinds[m]
				}
				switch kind {
				case kBedomning, kIndex:
					a.Class = int(v)
				case kFA:
					a.Value = nan
					if n := int(v); n >= 1 && n < len(faName) {
						a.Label = faName[n]
					}
				}
				if !yield(a) {
					return
				}
			}
		}
	}
}

// AssessmentSet collects All with the occupation map.
func (p *Prognos) AssessmentSet() *af.AssessmentSet {
	n := 0
	for _, r := range p.Rows {
		for _, v := range r.Values {
			if !math.IsNaN(v) {
				n++
			}
		}
	}
	as := make([]af.Assessment, 0, n)
	for a := range p.All() {
		as = append(as, a)
	}
	return &af.AssessmentSet{Assessments: as, Occupations: p.Occupations, Unmapped: p.Unmapped}
}

// nan is the Value of an assessment without a number.
var nan = math.NaN()

// faName holds the FA15 region codes by number ("FA01".."FA60").
var faName = func() (names [61]string) {
	for i := 1; i < len(names); i++ {
		names[i] = fmt.Sprintf("FA%02d", i)
	}
	return names
}()

// ReadPrognosCSV reads AF's per-FA forecast file (yrkesprognos v3,
// bedomning.csv): semicolon separated, decimal comma, UTF-8 with or
// without BOM, one row per prognosyrke (conceptidprognosyrke) x fa15nr (0
// riket, 1-60 FA15 regions -> "FA01".."FA60"). Every other named column
// is a measure (see Prognos and PrognosRow): bedömningYY holds a class
// 1-3, index a class 0-5 (0: no class), svårare_fa15nr and
// lättare_fa15nr an FA region 1-60, the rest numbers. Empty trailing
// columns (U;V;W) are ignored.
func ReadPrognosCSV(r io.Reader, file string, opt PrognosOptions) (*Prognos, error) {
	t, err := input.ReadSeparated(r, file, ';')
	if err != nil {
		return nil, err
	}
	pr, err := newPrognosReader(t, opt)
	if err != nil {
		return nil, err
	}
	for r := 1; r < len(t.Raw); r++ {
		if err := pr.row(r); err != nil {
			return nil, err
		}
	}
	if len(pr.out.Rows) == 0 {
		return nil, t.At(0, -1, af.ErrNotData, "no data rows under the header")
	}
	return pr.out, nil
}

// The columns of a bedömning file, in prognosColumns' order.
const (
	pConcept = iota
	pFA
	pBedomning
	pIndex
	pFAValue
	pMeasure
)

// prognosColumns is a bedömning file's header: the occupation and the
// region, then measures: bedömningYY, index, svårare_fa15nr and
// lättare_fa15nr (their Kind says how their values read) and any other
// named column, a number. The empty U;V;W columns are unnamed.
var prognosColumns = input.Columns{
	List: []input.Column{
		pConcept:   {Name: "conceptidprognosyrke", Headers: []string{"conceptidprognosyrke"}, Required: input.Always},
		pFA:        {Name: "fa15nr", Headers: []string{"fa15nr"}, Required: input.Always},
		pBedomning: {Name: "bedömningYY", Patterns: []*regexp.Regexp{bedomningRe}, Required: input.Always, Many: true, Kind: uint8(kBedomning)},
		pIndex:     {Name: "index", Headers: []string{"index"}, Many: true, Kind: uint8(kIndex)},
		pFAValue:   {Name: "svårare_fa15nr", Headers: []string{"svårare_fa15nr", "lättare_fa15nr"}, Many: true, Kind: uint8(kFA)},
		pMeasure:   {Name: "measure", Other: true, Many: true, Kind: uint8(kNumber)},
	},
	Twice:   "column appears twice (also column %[2]s)",
	ByText:  true,
	Unnamed: "an unnamed column (%[1]q) has data",
	Letters: true,
	Missing: "expected columns %[2]s (header: %[3]s)",
	Sep:     ";",
}

// prognosReader reads the rows of a bedömning file into a Prognos.
type prognosReader struct {
	t             *input.Table
	opt           PrognosOptions
	out           *Prognos
	cols          []int // the file column of each measure
	cConcept, cFA int
	values        []float64 // one backing array for every row's values
	// Each occupation id is copied once (the cells are slices of the
	// whole file) and numbered; firstRow[occupation*61+fa] is the row
	// where that pair was first seen, +1. faOf holds the FA region of
	// each distinct cell text, read once (61 of them in 10,000 rows).
	occOf    map[string]prognosOcc
	firstRow []int32
	faOf     map[string]faVal
}

type prognosOcc struct {
	name string
	no   int
}

type faVal struct {
	no                 int
	region, level, msg string
}

// newPrognosReader reads the header: the measures, their kinds and the
// round.
func newPrognosReader(t *input.Table, opt PrognosOptions) (*prognosReader, error) {
	t.Names = t.Raw[0]
	firstYear := ""
	h, err := prognosColumns.Read(t, 0, func(c, col int, sub []string) error {
		if col == pBedomning && (firstYear == "" || sub[1] < firstYear) {
			firstYear = sub[1]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := h.Check(input.Always); err != nil {
		return nil, err
	}
	pr := &prognosReader{t: t, opt: opt, out: &Prognos{}, cConcept: h.At[pConcept], cFA: h.At[pFA],
		occOf: map[string]prognosOcc{}, faOf: map[string]faVal{}}
	for c, col := range h.Of {
		if col < pBedomning {
			continue
		}
		pr.cols = append(pr.cols, c)
		pr.out.Measures = append(pr.out.Measures, asciiName(input.Fold(t.Raw[0][c])))
		pr.out.kinds = append(pr.out.kinds, prognosKind(prognosColumns.List[col].Kind))
	}
	pr.out.Round = opt.Round
	if pr.out.Round == "" {
		pr.out.Round = "20" + firstYear
	}
	pr.values = make([]float64, 0, (len(t.Raw)-1)*len(pr.cols))
	pr.out.Rows = make([]PrognosRow, 0, len(t.Raw)-1)
	return pr, nil
}

// fa reads an fa15nr cell, each distinct text once.
func (pr *prognosReader) fa(s string) faVal {
	v, ok := pr.faOf[s]
	if !ok {
		v.region, v.level, v.msg = faRegion(s)
		if v.msg == "" && v.region != "00" {
			v.no, _ = strconv.Atoi(v.region[2:])
		}
		pr.faOf[strings.Clone(s)] = v
	}
	return v
}

// row reads row r into a PrognosRow.
func (pr *prognosReader) row(r int) error {
	t := pr.t
	if t.Blank(r) {
		return nil
	}
	if len(t.Raw[r]) != len(t.Raw[0]) {
		return t.At(r, -1, af.ErrSyntax, "%d fields, the header has %d", len(t.Raw[r]), len(t.Raw[0]))
	}
	occ := strings.TrimSpace(t.Get(r, pr.cConcept))
	if !af.IsConcept(occ) {
		return t.At(r, pr.cConcept, af.ErrValue, "expected a JobTech concept id like 1JfT_7TR_tqA")
	}
	fv := pr.fa(t.Get(r, pr.cFA))
	if fv.msg != "" {
		return t.At(r, pr.cFA, af.ErrUnknownCode, "%s", fv.msg)
	}
	ssyk := pr.opt.Concepts[occ]
	o := pr.occupation(occ, ssyk)
	first := &pr.firstRow[o.no*61+fv.no]
	if *first != 0 {
		return t.At(r, pr.cConcept, af.ErrDuplicate, "occupation %s, region %s already at line %d", o.name, fv.region, t.Lines[*first-1])
	}
	*first = int32(r + 1)
	m := len(pr.cols)
	row := pr.values[len(pr.values) : len(pr.values)+m]
	pr.values = pr.values[:len(pr.values)+m]
	if err := pr.rowValues(r, row); err != nil {
		return err
	}
	pr.out.Rows = append(pr.out.Rows, PrognosRow{Occupation: o.name, SSYK: ssyk, Region: fv.region, Values: row[:m:m]})
	return nil
}

// occupation numbers occupation occ on its first row, and maps it.
func (pr *prognosReader) occupation(occ string, ssyk []string) prognosOcc {
	o, known := pr.occOf[occ]
	if known {
		return o
	}
	o = prognosOcc{name: strings.Clone(occ), no: len(pr.occOf)}
	pr.occOf[o.name] = o
	pr.firstRow = append(pr.firstRow, make([]int32, 61)...)
	if ssyk == nil {
		pr.out.Unmapped = append(pr.out.Unmapped, o.name)
	}
	for _, s := range ssyk {
		pr.out.Occupations = append(pr.out.Occupations, af.OccupationMap{Source: af.SourceYrkesprognos, Occupation: o.name, SSYK: s, Share: nan})
	}
	return o
}

// rowValues reads the measures of row r into row, NaN where empty.
func (pr *prognosReader) rowValues(r int, row []float64) error {
	t, kinds := pr.t, pr.out.kinds
	for i, c := range pr.cols {
		v := strings.TrimSpace(t.Get(r, c))
		if v == "" {
			row[i] = nan
			continue
		}
		if kinds[i] == kFA {
			fv := pr.fa(v)
			if fv.msg != "" || fv.region == "00" {
				return t.At(r, c, af.ErrUnknownCode, "expected an FA region number 1-60")
			}
			row[i] = float64(fv.no)
			continue
		}
		n, ok := input.ParseNumber(v)
		if !ok {
			return t.At(r, c, af.ErrValue, "expected a number (decimal comma)")
		}
		switch kinds[i] {
		case kBedomning:
			if n != 1 && n != 2 && n != 3 {
				return t.At(r, c, af.ErrValue, "expected a class 1, 2 or 3")
			}
		case kIndex:
			if n != math.Trunc(n) || n < 0 || n > 5 {
				return t.At(r, c, af.ErrValue, "expected a class 0-5")
			}
		}
		row[i] = n
	}
	return nil
}

// faRegion reads an fa15nr: 0 is riket, 1-60 an FA15 region.
func faRegion(s string) (region, level, msg string) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || !input.Digits(s) {
		return "", "", "expected an FA15 number 0 (riket) to 60"
	}
	if n == 0 {
		return "00", af.LevelRiket, ""
	}
	fa := fmt.Sprintf("FA%02d", n)
	if !codemap.Lookups().FA[fa] {
		return "", "", fmt.Sprintf("%s is not an FA15 region in lmi/codes", fa)
	}
	return fa, af.LevelFA, ""
}

// asciiName turns a column name into a measure name: Swedish letters to
// ASCII, anything else but letters, digits and _ to _.
func asciiName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == 'å' || r == 'ä':
			b.WriteByte('a')
		case r == 'ö':
			b.WriteByte('o')
		case r == 'é':
			b.WriteByte('e')
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}
