package assess

import (
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
)

// Bristindex measures: the index (1.00-5.00, higher = more shortage) with
// its class on the 1-5 scale.
const (
	MeasureBristindex1ar = "bristindex_1ar" // one-year outlook, by län
	MeasureBristindex5ar = "bristindex_5ar" // five-year outlook, riket
)

// BristindexClasses maps the published klartext to the class.
var BristindexClasses = map[string]int{
	"Mer påtagligt överskott": 1,
	"Visst överskott":         2,
	"Balans":                  3,
	"Viss brist":              4,
	"Mer påtaglig brist":      5,
}

// BristindexClass returns the class of an index value using the bands of
// AF's autumn-2018 workbook (pivot sheet: 1-1.99, 2-2.9, 2.9-3.3, 3.3-4,
// 4-5; boundary values as in the published classes: 2.0 -> 2, 3.3 -> 4,
// 4.0 -> 4). It reproduces every published klass of the 1-year file.
func BristindexClass(v float64) int {
	switch {
	case math.IsNaN(v) || v < 1 || v > 5:
		return 0
	case v < 2:
		return 1
	case v <= 2.9:
		return 2
	case v < 3.3:
		return 3
	case v <= 4:
		return 4
	}
	return 5
}

// BristindexOptions are the choices for the bristindex readers.
type BristindexOptions struct {
	// Round, such as "2018H". The 1-year files carry it in their header
	// ("index_18H_1ar", "(18H Om 1 år)"); the 5-year file does not, and
	// then Round is required.
	Round string
}

// ReadBristindexCSV reads an older AF bristindex export as CSV (comma
// separated, UTF-8): the 1-year file by län (Län, Yrkesområde, SSYK,
// Prognosyrke, index, klartext, klass, antal kommuner, korrigerat från) or
// the 5-year national file (Yrkesområde, SSYK, Prognosyrke, omfem).
func ReadBristindexCSV(r io.Reader, file string, opt BristindexOptions) (*af.AssessmentSet, error) {
	t, err := input.ReadSeparated(r, file, ',')
	if err != nil {
		return nil, err
	}
	return readBristindex(t, 0, opt)
}

// ReadBristindexXLSX reads the same exports as xlsx workbooks: the first
// sheet with a header row naming Prognosyrke and SSYK (the pivot sheets
// are skipped), with the original headers ("(18H Om 1 år)" twice: the
// index, then the class).
func ReadBristindexXLSX(r io.Reader, file string, opt BristindexOptions) (*af.AssessmentSet, error) {
	wb, err := input.OpenXLSX(r, file)
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	t, hr, err := wb.FindSheet("", func(t *input.Table, r int) bool {
		return bristColumns.Named(t, r, bOcc, bSSYK)
	}, "a header row with Prognosyrke and SSYK")
	if err != nil {
		return nil, err
	}
	return readBristindex(t, hr, opt)
}

// The bristindex headers that carry the round: the renamed columns of the
// CSV ("index_18h_1ar") and the original headers of the workbook ("(18H Om
// 1 år)" for both the index and the class). Their first two submatches
// are the year and the half.
var (
	bristHeadRe  = regexp.MustCompile(`^\((\d\d)([hv]) om (\d) år\)$`)
	bristIndexRe = regexp.MustCompile(`^index_(\d\d)([hv])_(\d)ar$`)
	bristClassRe = regexp.MustCompile(`^klass_(\d\d)([hv])_(\d)ar$`)
	bristLabelRe = regexp.MustCompile(`^klartext_(\d\d)([hv])_(\d)ar$`)
	bristTextRe  = regexp.MustCompile(`^\((\d\d)([hv]) klartext, om (\d) år\)$`)
)

// The layouts of the bristindex files: the 1-year file by län, the
// 5-year file for riket.
const (
	bristByLan input.Layout = 1 << iota
	bristRiket
)

// The columns of a bristindex file, in bristColumns' order.
const (
	bLan = iota
	bSSYK
	bOcc
	bIndex
	bClass
	bLabel
	bFem
	bArea
	bKommuner
	bCorrected
)

// bristColumns is the bristindex files' header. A Län column makes the
// file the 1-year file by län, which needs the index (1-5), its class and
// klartext; the 5-year file needs omfem, the index for riket. The workbook
// names the index and the class alike: the first such column is the
// index, the second the class.
var bristColumns = input.Columns{
	List: []input.Column{
		bLan:       {Name: "Län", Headers: []string{"län"}},
		bSSYK:      {Name: "SSYK", Headers: []string{"ssyk"}, Required: input.Always},
		bOcc:       {Name: "Prognosyrke", Headers: []string{"prognosyrke"}, Required: input.Always},
		bIndex:     {Name: "index", Patterns: []*regexp.Regexp{bristIndexRe, bristHeadRe}, Required: bristByLan},
		bClass:     {Name: "klass", Patterns: []*regexp.Regexp{bristClassRe, bristHeadRe}, Required: bristByLan},
		bLabel:     {Name: "klartext", Patterns: []*regexp.Regexp{bristLabelRe, bristTextRe}, Required: bristByLan},
		bFem:       {Name: "omfem", Headers: []string{"omfem"}, Required: bristRiket},
		bArea:      {Name: "Yrkesområde", Headers: []string{"yrkesområde"}, Unused: true},
		bKommuner:  {Name: "antal kommuner", Prefixes: []string{"antal_kommuner"}, Patterns: []*regexp.Regexp{regexp.MustCompile(`antal kommuner`)}, Unused: true},
		bCorrected: {Name: "korrigerat från", Prefixes: []string{"korrigerat"}, Unused: true},
	},
	Unknown: "unknown column in a bristindex file",
	Twice:   "column appears twice",
	Unnamed: "column without a header has data",
	Missing: "no %[1]s column (header: %[4]s)",
	Sep:     ", ",
}

func readBristindex(t *input.Table, hr int, opt BristindexOptions) (*af.AssessmentSet, error) {
	br, err := newBristReader(t, hr, opt)
	if err != nil {
		return nil, err
	}
	for r := hr + 1; r < len(t.Raw); r++ {
		if err := br.row(r); err != nil {
			return nil, err
		}
	}
	if len(br.out.Assessments) == 0 {
		return nil, t.At(hr, -1, af.ErrNotData, "no data rows under the header")
	}
	return br.out, nil
}

// bristReader reads the rows of a bristindex file.
type bristReader struct {
	t      *input.Table
	hr     int
	col    [bFem + 1]int // the file column of each used column
	round  string
	yearly bool // the 1-year file by län
	out    *af.AssessmentSet
	occs   map[string]*bristOcc
	// firstRow[occupation number*100 + region number] is the row where
	// that pair was first seen, +1 (regions are two-digit codes).
	firstRow []int32
	// A file lists each occupation in every län, the län on row after
	// row: the län cells are read once per distinct text, the first
	// cells checked for "Inga val" only when they change, and an
	// occupation's SSYK cell only when it differs from its first.
	lanOf     map[string]bristLan
	labels    input.Interned
	firstText string
	firstInga bool
}

type bristOcc struct {
	name      string // a copy: the cells are slices of the whole file
	ssyk      []string
	published string
	row       int
	no        int // the occupation's number, in order of first row
}

type bristLan struct {
	code, msg string
	no        int
}

// newBristReader reads the header: the columns, the layout and the round.
func newBristReader(t *input.Table, hr int, opt BristindexOptions) (*bristReader, error) {
	t.Names = make([]string, t.Width(hr))
	for c := range t.Width(hr) {
		t.Names[c] = t.Get(hr, c)
	}
	round := ""
	h, err := bristColumns.Read(t, hr, func(c, col int, sub []string) error {
		if sub == nil {
			return nil
		}
		r := "20" + sub[1] + strings.ToUpper(sub[2])
		if round != "" && r != round {
			return t.At(hr, c, af.ErrHeader, "round %s differs from %s in another column", r, round)
		}
		round = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	if round == "" {
		round = opt.Round
	} else if opt.Round != "" && opt.Round != round {
		return nil, t.At(hr, -1, af.ErrHeader, "the header says round %s, the options %s", round, opt.Round)
	}
	layout := bristRiket
	if h.Has(bLan) {
		layout = bristByLan
	}
	if err := h.Check(layout); err != nil {
		return nil, err
	}
	if round == "" {
		return nil, t.At(hr, -1, af.ErrHeader, "the header names no round (like 18H): give the round (BristindexOptions.Round; lmi ingest --round)")
	}
	// A row gives at most one assessment: the slice is made once.
	br := &bristReader{t: t, hr: hr, round: round, yearly: layout == bristByLan,
		out:  &af.AssessmentSet{Assessments: make([]af.Assessment, 0, len(t.Raw)-hr-1)},
		occs: map[string]*bristOcc{}, lanOf: map[string]bristLan{}, labels: input.Interned{}}
	copy(br.col[:], h.At)
	return br, nil
}

// row reads row r into an assessment.
func (br *bristReader) row(r int) error {
	t := br.t
	if t.Blank(r) {
		return nil
	}
	if f := t.Get(r, 0); r == br.hr+1 || f != br.firstText {
		br.firstText, br.firstInga = f, input.Fold(f) == "inga val"
	}
	if br.firstInga && onlyCell(t, r, "inga val") {
		return nil // the pivot filter's "Inga val" line under the data
	}
	occ := input.CollapseSpaces(t.Get(r, br.col[bOcc]))
	if occ == "" {
		return t.At(r, br.col[bOcc], af.ErrValue, "missing occupation")
	}
	region, regionNo, level := "00", 0, af.LevelRiket
	if br.yearly {
		lv := br.lan(t.Get(r, br.col[bLan]))
		if lv.msg != "" {
			return t.At(r, br.col[bLan], af.ErrUnknownCode, "%s", lv.msg)
		}
		region, regionNo, level = lv.code, lv.no, af.LevelLan
	}
	o, ssyk, err := br.occupation(r, occ)
	if err != nil {
		return err
	}
	first := &br.firstRow[o.no*100+regionNo]
	if *first != 0 {
		return t.At(r, br.col[bOcc], af.ErrDuplicate, "%q in region %s already at line %d", o.name, region, t.Lines[*first-1])
	}
	*first = int32(r + 1)
	a := af.Assessment{Source: af.SourceBristindex, Round: br.round, Region: region, RegionLevel: level,
		Occupation: o.name, SSYK: ssyk, Value: nan}
	if br.yearly {
		err = br.index1ar(r, &a)
	} else {
		err = br.index5ar(r, &a)
	}
	if err != nil {
		return err
	}
	br.out.Assessments = append(br.out.Assessments, a)
	return nil
}

// lan reads a Län cell, each distinct text once.
func (br *bristReader) lan(cell string) bristLan {
	lv, ok := br.lanOf[cell]
	if !ok {
		lv.code, lv.msg = codemap.LanField(cell)
		lv.code = strings.Clone(lv.code)
		if lv.msg == "" {
			lv.no, _ = strconv.Atoi(lv.code)
		}
		br.lanOf[strings.Clone(cell)] = lv
	}
	return lv
}

// occupation returns occupation occ of row r and its SSYK codes: on its
// first row it is numbered and mapped; later rows must give the same SSYK.
func (br *bristReader) occupation(r int, occ string) (*bristOcc, []string, error) {
	t := br.t
	pub := t.Get(r, br.col[bSSYK])
	o := br.occs[occ]
	if o != nil && pub == o.published {
		return o, o.ssyk, nil // codemap.SSYKList(pub) as on the occupation's first row
	}
	ssyk, expanded, msg := codemap.SSYKList(pub)
	if msg != "" {
		return nil, nil, t.At(r, br.col[bSSYK], af.ErrUnknownCode, "%s", msg)
	}
	if o != nil {
		if strings.Join(o.ssyk, ",") != strings.Join(ssyk, ",") {
			return nil, nil, t.At(r, br.col[bSSYK], af.ErrValue, "SSYK for %q is %q at line %d", o.name, o.published, t.Lines[o.row])
		}
		return o, o.ssyk, nil
	}
	occ = strings.Clone(occ)
	for i, s := range ssyk {
		ssyk[i] = strings.Clone(s)
	}
	pub = strings.Clone(pub)
	o = &bristOcc{name: occ, ssyk: ssyk, published: pub, row: r, no: len(br.occs)}
	br.occs[occ] = o
	br.firstRow = append(br.firstRow, make([]int32, 100)...)
	for _, s := range ssyk {
		m := af.OccupationMap{Source: af.SourceBristindex, Occupation: occ, Label: occ, SSYK: s, Share: nan}
		if expanded {
			m.Published = pub
		}
		br.out.Occupations = append(br.out.Occupations, m)
	}
	return o, ssyk, nil
}

// index1ar reads the 1-year index, class and klartext of row r into a.
func (br *bristReader) index1ar(r int, a *af.Assessment) error {
	t := br.t
	a.Measure = MeasureBristindex1ar
	iv, cv, lv := t.Get(r, br.col[bIndex]), t.Get(r, br.col[bClass]), strings.TrimSpace(t.Get(r, br.col[bLabel]))
	a.Label = br.labels.Of(lv)
	if notAssessed(iv) || notAssessed(cv) || notAssessed(lv) {
		if !(notAssessed(iv) && notAssessed(cv) && notAssessed(lv)) {
			return t.At(r, br.col[bIndex], af.ErrValue, "index %q, klass %q and klartext %q: either all or none must be \"-\"", iv, cv, lv)
		}
		return nil
	}
	v, ok := t.Num(r, br.col[bIndex])
	if !ok || v < 1 || v > 5 {
		return t.At(r, br.col[bIndex], af.ErrValue, "expected an index from 1 to 5 or \"-\"")
	}
	a.Value = v
	lc, ok := BristindexClasses[lv]
	if !ok {
		return t.At(r, br.col[bLabel], af.ErrValue, "unknown klartext, expected one of %s", scaleLabels(BristindexClasses))
	}
	c, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(cv), ".0"))
	if err != nil || c < 1 || c > 5 {
		return t.At(r, br.col[bClass], af.ErrValue, "expected a class from 1 to 5 or \"-\"")
	}
	if c != lc {
		return t.At(r, br.col[bClass], af.ErrValue, "klass %d but klartext %q is class %d", c, lv, lc)
	}
	a.Class = c
	return nil
}

// index5ar reads the 5-year index of row r into a, its class from the
// bands.
func (br *bristReader) index5ar(r int, a *af.Assessment) error {
	t := br.t
	a.Measure = MeasureBristindex5ar
	iv := t.Get(r, br.col[bFem])
	if notAssessed(iv) {
		a.Label = br.labels.Of(strings.TrimSpace(iv))
		return nil
	}
	v, ok := t.Num(r, br.col[bFem])
	if !ok || v < 1 || v > 5 {
		return t.At(r, br.col[bFem], af.ErrValue, "expected an index from 1 to 5 or \"-\"")
	}
	a.Value, a.Class = v, BristindexClass(v)
	return nil
}

// onlyCell reports whether row r holds text (folded) in its first cell
// and nothing else.
func onlyCell(t *input.Table, r int, text string) bool {
	if input.Fold(t.Get(r, 0)) != text {
		return false
	}
	for c := 1; c < t.Width(r); c++ {
		if strings.TrimSpace(t.Get(r, c)) != "" {
			return false
		}
	}
	return true
}

// notAssessed reports the "not assessed" marks.
func notAssessed(s string) bool {
	switch strings.TrimSpace(s) {
	case "-", "–", "":
		return true
	}
	return false
}
