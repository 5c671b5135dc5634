package assess

import (
	"io"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
	"math"
	"regexp"
	"strconv"
	"strings"
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
		var p, s bool
		for c := range t.Width(r) {
			switch input.Fold(t.Get(r, c)) {
			case "prognosyrke":
				p = true
			case "ssyk":
				s = true
			}
		}
		return p && s
	}, "a header row with Prognosyrke and SSYK")
	if err != nil {
		return nil, err
	}
	return readBristindex(t, hr, opt)
}

var (
	bristHeadRe = regexp.MustCompile(`^\((\d\d)([hv]) om (\d) år\)$`)
	bristNameRe = regexp.MustCompile(`^(index|klass|klartext)_(\d\d)([hv])_(\d)ar$`)
	bristTextRe = regexp.MustCompile(`^\((\d\d)([hv]) klartext, om (\d) år\)$`)
)

func readBristindex(t *input.Table, hr int, opt BristindexOptions) (*af.AssessmentSet, error) {
	const (
		colLan = iota
		colSSYK
		colOcc
		colIndex
		colClass
		colLabel
		colFem
		nCols
	)
	col := [nCols]int{}
	for i := range col {
		col[i] = -1
	}
	round := ""
	setRound := func(c int, yy, season string) error {
		r := "20" + yy + strings.ToUpper(season)
		if round != "" && r != round {
			return t.At(hr, c, af.ErrHeader, "round %s differs from %s in another column", r, round)
		}
		round = r
		return nil
	}
	set := func(i, c int) error {
		if col[i] >= 0 {
			return t.At(hr, c, af.ErrHeader, "column appears twice")
		}
		col[i] = c
		return nil
	}
	t.Names = make([]string, t.Width(hr))
	for c := range t.Width(hr) {
		h := input.Fold(t.Get(hr, c))
		t.Names[c] = t.Get(hr, c)
		var err error
		switch {
		case h == "":
			if !input.ColumnEmpty(t, hr, c) {
				err = t.At(hr, c, af.ErrHeader, "column without a header has data")
			}
		case h == "län":
			err = set(colLan, c)
		case h == "ssyk":
			err = set(colSSYK, c)
		case h == "prognosyrke":
			err = set(colOcc, c)
		case h == "yrkesområde", strings.Contains(h, "antal kommuner"), strings.HasPrefix(h, "antal_kommuner"),
			strings.HasPrefix(h, "korrigerat"):
			// known, not used
		case h == "omfem":
			err = set(colFem, c)
		case bristNameRe.MatchString(h):
			m := bristNameRe.FindStringSubmatch(h)
			if err = setRound(c, m[2], m[3]); err == nil {
				err = set(map[string]int{"index": colIndex, "klass": colClass, "klartext": colLabel}[m[1]], c)
			}
		case bristTextRe.MatchString(h):
			m := bristTextRe.FindStringSubmatch(h)
			if err = setRound(c, m[1], m[2]); err == nil {
				err = set(colLabel, c)
			}
		case bristHeadRe.MatchString(h):
			// The original workbook names the index and the class alike:
			// the first is the index, the second the class.
			m := bristHeadRe.FindStringSubmatch(h)
			if err = setRound(c, m[1], m[2]); err == nil {
				if col[colIndex] < 0 {
					col[colIndex] = c
				} else {
					err = set(colClass, c)
				}
			}
		default:
			err = t.At(hr, c, af.ErrHeader, "unknown column in a bristindex file")
		}
		if err != nil {
			return nil, err
		}
	}
	if round == "" {
		round = opt.Round
	} else if opt.Round != "" && opt.Round != round {
		return nil, t.At(hr, -1, af.ErrHeader, "the header says round %s, the options %s", round, opt.Round)
	}
	yearly := col[colLan] >= 0
	var need []int
	var needName []string
	if yearly {
		need, needName = []int{colSSYK, colOcc, colIndex, colClass, colLabel}, []string{"SSYK", "Prognosyrke", "index", "klass", "klartext"}
	} else {
		need, needName = []int{colSSYK, colOcc, colFem}, []string{"SSYK", "Prognosyrke", "omfem"}
	}
	for i, n := range need {
		if col[n] < 0 {
			return nil, t.At(hr, -1, af.ErrHeader, "no %s column (header: %s)", needName[i], strings.Join(t.Raw[hr], ", "))
		}
	}
	if round == "" {
		return nil, t.At(hr, -1, af.ErrHeader, "the header names no round (like 18H): give the round (BristindexOptions.Round; lmi ingest --round)")
	}

	// A row gives at most one assessment: the slice is made once.
	out := &af.AssessmentSet{Assessments: make([]af.Assessment, 0, len(t.Raw)-hr-1)}
	type occInfo struct {
		name      string // a copy: the cells are slices of the whole file
		ssyk      []string
		published string
		row       int
		no        int // the occupation's number, in order of first row
	}
	occs := map[string]*occInfo{}
	// firstRow[occupation number*100 + region number] is the row where
	// that pair was first seen, +1 (regions are two-digit codes).
	var firstRow []int32
	// A file lists each occupation in every län, the län on row after
	// row: the län cells are read once per distinct text, the first
	// cells checked for "Inga val" only when they change, and an
	// occupation's SSYK cell only when it differs from its first.
	type lanVal struct {
		code, msg string
		no        int
	}
	lanOf := map[string]lanVal{}
	labels := input.Interned{}
	firstText, firstInga := "", false
	for r := hr + 1; r < len(t.Raw); r++ {
		if t.Blank(r) {
			continue
		}
		if f := t.Get(r, 0); r == hr+1 || f != firstText {
			firstText, firstInga = f, input.Fold(f) == "inga val"
		}
		if firstInga && onlyCell(t, r, "inga val") {
			continue // the pivot filter's "Inga val" line under the data
		}
		occ := input.CollapseSpaces(t.Get(r, col[colOcc]))
		if occ == "" {
			return nil, t.At(r, col[colOcc], af.ErrValue, "missing occupation")
		}
		region, regionNo, level := "00", 0, af.LevelRiket
		if yearly {
			cell := t.Get(r, col[colLan])
			lv, ok := lanOf[cell]
			if !ok {
				lv.code, lv.msg = codemap.LanField(cell)
				lv.code = strings.Clone(lv.code)
				if lv.msg == "" {
					lv.no, _ = strconv.Atoi(lv.code)
				}
				lanOf[strings.Clone(cell)] = lv
			}
			if lv.msg != "" {
				return nil, t.At(r, col[colLan], af.ErrUnknownCode, "%s", lv.msg)
			}
			region, regionNo, level = lv.code, lv.no, af.LevelLan
		}
		pub := t.Get(r, col[colSSYK])
		o := occs[occ]
		var ssyk []string
		var expanded bool
		var msg string
		if o != nil && pub == o.published {
			ssyk = o.ssyk // codemap.SSYKList(pub) as on the occupation's first row
		} else if ssyk, expanded, msg = codemap.SSYKList(pub); msg != "" {
			return nil, t.At(r, col[colSSYK], af.ErrUnknownCode, "%s", msg)
		}
		if o != nil {
			occ = o.name
		}
		if o == nil {
			occ = strings.Clone(occ)
			for i, s := range ssyk {
				ssyk[i] = strings.Clone(s)
			}
			pub = strings.Clone(pub)
			o = &occInfo{name: occ, ssyk: ssyk, published: pub, row: r, no: len(occs)}
			occs[occ] = o
			firstRow = append(firstRow, make([]int32, 100)...)
			for _, s := range ssyk {
				m := af.OccupationMap{Source: af.SourceBristindex, Occupation: occ, Label: occ, SSYK: s, Share: nan}
				if expanded {
					m.Published = pub
				}
				out.Occupations = append(out.Occupations, m)
			}
		} else if pub != o.published && strings.Join(o.ssyk, ",") != strings.Join(ssyk, ",") {
			return nil, t.At(r, col[colSSYK], af.ErrValue, "SSYK for %q is %q at line %d", occ, o.published, t.Lines[o.row])
		} else {
			ssyk = o.ssyk
		}
		first := &firstRow[o.no*100+regionNo]
		if *first != 0 {
			return nil, t.At(r, col[colOcc], af.ErrDuplicate, "%q in region %s already at line %d", occ, region, t.Lines[*first-1])
		}
		*first = int32(r + 1)

		a := af.Assessment{Source: af.SourceBristindex, Round: round, Region: region, RegionLevel: level,
			Occupation: occ, SSYK: ssyk, Value: nan}
		if yearly {
			a.Measure = MeasureBristindex1ar
			iv, cv, lv := t.Get(r, col[colIndex]), t.Get(r, col[colClass]), strings.TrimSpace(t.Get(r, col[colLabel]))
			a.Label = labels.Of(lv)
			if notAssessed(iv) || notAssessed(cv) || notAssessed(lv) {
				if !(notAssessed(iv) && notAssessed(cv) && notAssessed(lv)) {
					return nil, t.At(r, col[colIndex], af.ErrValue, "index %q, klass %q and klartext %q: either all or none must be \"-\"", iv, cv, lv)
				}
			} else {
				v, ok := t.Num(r, col[colIndex])
				if !ok || v < 1 || v > 5 {
					return nil, t.At(r, col[colIndex], af.ErrValue, "expected an index from 1 to 5 or \"-\"")
				}
				a.Value = v
				lc, ok := BristindexClasses[lv]
				if !ok {
					return nil, t.At(r, col[colLabel], af.ErrValue, "unknown klartext, expected one of %s", scaleLabels(BristindexClasses))
				}
				c, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(cv), ".0"))
				if err != nil || c < 1 || c > 5 {
					return nil, t.At(r, col[colClass], af.ErrValue, "expected a class from 1 to 5 or \"-\"")
				}
				if c != lc {
					return nil, t.At(r, col[colClass], af.ErrValue, "klass %d but klartext %q is class %d", c, lv, lc)
				}
				a.Class = c
			}
		} else {
			a.Measure = MeasureBristindex5ar
			iv := t.Get(r, col[colFem])
			if !notAssessed(iv) {
				v, ok := t.Num(r, col[colFem])
				if !ok || v < 1 || v > 5 {
					return nil, t.At(r, col[colFem], af.ErrValue, "expected an index from 1 to 5 or \"-\"")
				}
				a.Value, a.Class = v, BristindexClass(v)
			} else {
				a.Label = labels.Of(strings.TrimSpace(iv))
			}
		}
		out.Assessments = append(out.Assessments, a)
	}
	if len(out.Assessments) == 0 {
		return nil, t.At(hr, -1, af.ErrNotData, "no data rows under the header")
	}
	return out, nil
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
