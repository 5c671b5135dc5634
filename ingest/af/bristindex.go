package af

import (
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
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
func ReadBristindexCSV(r io.Reader, file string, opt BristindexOptions) (*AssessmentSet, error) {
	t, err := readSeparated(r, file, ',')
	if err != nil {
		return nil, err
	}
	return readBristindex(t, 0, opt)
}

// ReadBristindexXLSX reads the same exports as xlsx workbooks: the first
// sheet with a header row naming Prognosyrke and SSYK (the pivot sheets
// are skipped), with the original headers ("(18H Om 1 år)" twice: the
// index, then the class).
func ReadBristindexXLSX(r io.Reader, file string, opt BristindexOptions) (*AssessmentSet, error) {
	wb, err := openXLSX(r, file)
	if err != nil {
		return nil, err
	}
	defer wb.close()
	t, hr, err := wb.findSheet("", func(t *table, r int) bool {
		var p, s bool
		for c := range t.width(r) {
			switch fold(t.get(r, c)) {
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

func readBristindex(t *table, hr int, opt BristindexOptions) (*AssessmentSet, error) {
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
			return t.at(hr, c, ErrHeader, "round %s differs from %s in another column", r, round)
		}
		round = r
		return nil
	}
	set := func(i, c int) error {
		if col[i] >= 0 {
			return t.at(hr, c, ErrHeader, "column appears twice")
		}
		col[i] = c
		return nil
	}
	t.names = make([]string, t.width(hr))
	for c := range t.width(hr) {
		h := fold(t.get(hr, c))
		t.names[c] = t.get(hr, c)
		var err error
		switch {
		case h == "":
			if !columnEmpty(t, hr, c) {
				err = t.at(hr, c, ErrHeader, "column without a header has data")
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
			err = t.at(hr, c, ErrHeader, "unknown column in a bristindex file")
		}
		if err != nil {
			return nil, err
		}
	}
	if round == "" {
		round = opt.Round
	} else if opt.Round != "" && opt.Round != round {
		return nil, t.at(hr, -1, ErrHeader, "the header says round %s, the options %s", round, opt.Round)
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
			return nil, t.at(hr, -1, ErrHeader, "no %s column (header: %s)", needName[i], strings.Join(t.raw[hr], ", "))
		}
	}
	if round == "" {
		return nil, t.at(hr, -1, ErrHeader, "the header names no round (like 18H): give the round (BristindexOptions.Round; lmi ingest --round)")
	}

	// A row gives at most one assessment: the slice is made once.
	out := &AssessmentSet{Assessments: make([]Assessment, 0, len(t.raw)-hr-1)}
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
	labels := interned{}
	firstText, firstInga := "", false
	for r := hr + 1; r < len(t.raw); r++ {
		if t.blank(r) {
			continue
		}
		if f := t.get(r, 0); r == hr+1 || f != firstText {
			firstText, firstInga = f, fold(f) == "inga val"
		}
		if firstInga && onlyCell(t, r, "inga val") {
			continue // the pivot filter's "Inga val" line under the data
		}
		occ := collapseSpaces(t.get(r, col[colOcc]))
		if occ == "" {
			return nil, t.at(r, col[colOcc], ErrValue, "missing occupation")
		}
		region, regionNo, level := "00", 0, LevelRiket
		if yearly {
			cell := t.get(r, col[colLan])
			lv, ok := lanOf[cell]
			if !ok {
				lv.code, lv.msg = lanField(cell)
				lv.code = strings.Clone(lv.code)
				if lv.msg == "" {
					lv.no, _ = strconv.Atoi(lv.code)
				}
				lanOf[strings.Clone(cell)] = lv
			}
			if lv.msg != "" {
				return nil, t.at(r, col[colLan], ErrUnknownCode, "%s", lv.msg)
			}
			region, regionNo, level = lv.code, lv.no, LevelLan
		}
		pub := t.get(r, col[colSSYK])
		o := occs[occ]
		var ssyk []string
		var expanded bool
		var msg string
		if o != nil && pub == o.published {
			ssyk = o.ssyk // ssykList(pub) as on the occupation's first row
		} else if ssyk, expanded, msg = ssykList(pub); msg != "" {
			return nil, t.at(r, col[colSSYK], ErrUnknownCode, "%s", msg)
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
				m := OccupationMap{Source: SourceBristindex, Occupation: occ, Label: occ, SSYK: s, Share: nan}
				if expanded {
					m.Published = pub
				}
				out.Occupations = append(out.Occupations, m)
			}
		} else if pub != o.published && strings.Join(o.ssyk, ",") != strings.Join(ssyk, ",") {
			return nil, t.at(r, col[colSSYK], ErrValue, "SSYK for %q is %q at line %d", occ, o.published, t.lines[o.row])
		} else {
			ssyk = o.ssyk
		}
		first := &firstRow[o.no*100+regionNo]
		if *first != 0 {
			return nil, t.at(r, col[colOcc], ErrDuplicate, "%q in region %s already at line %d", occ, region, t.lines[*first-1])
		}
		*first = int32(r + 1)

		a := Assessment{Source: SourceBristindex, Round: round, Region: region, RegionLevel: level,
			Occupation: occ, SSYK: ssyk, Value: nan}
		if yearly {
			a.Measure = MeasureBristindex1ar
			iv, cv, lv := t.get(r, col[colIndex]), t.get(r, col[colClass]), strings.TrimSpace(t.get(r, col[colLabel]))
			a.Label = labels.of(lv)
			if notAssessed(iv) || notAssessed(cv) || notAssessed(lv) {
				if !(notAssessed(iv) && notAssessed(cv) && notAssessed(lv)) {
					return nil, t.at(r, col[colIndex], ErrValue, "index %q, klass %q and klartext %q: either all or none must be \"-\"", iv, cv, lv)
				}
			} else {
				v, ok := t.num(r, col[colIndex])
				if !ok || v < 1 || v > 5 {
					return nil, t.at(r, col[colIndex], ErrValue, "expected an index from 1 to 5 or \"-\"")
				}
				a.Value = v
				lc, ok := BristindexClasses[lv]
				if !ok {
					return nil, t.at(r, col[colLabel], ErrValue, "unknown klartext, expected one of %s", scaleLabels(BristindexClasses))
				}
				c, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(cv), ".0"))
				if err != nil || c < 1 || c > 5 {
					return nil, t.at(r, col[colClass], ErrValue, "expected a class from 1 to 5 or \"-\"")
				}
				if c != lc {
					return nil, t.at(r, col[colClass], ErrValue, "klass %d but klartext %q is class %d", c, lv, lc)
				}
				a.Class = c
			}
		} else {
			a.Measure = MeasureBristindex5ar
			iv := t.get(r, col[colFem])
			if !notAssessed(iv) {
				v, ok := t.num(r, col[colFem])
				if !ok || v < 1 || v > 5 {
					return nil, t.at(r, col[colFem], ErrValue, "expected an index from 1 to 5 or \"-\"")
				}
				a.Value, a.Class = v, BristindexClass(v)
			} else {
				a.Label = labels.of(strings.TrimSpace(iv))
			}
		}
		out.Assessments = append(out.Assessments, a)
	}
	if len(out.Assessments) == 0 {
		return nil, t.at(hr, -1, ErrNotData, "no data rows under the header")
	}
	return out, nil
}

// interned keeps one copy of each distinct text: the cells of a CSV are
// slices of the whole file, which a result should not hold on to.
type interned map[string]string

func (in interned) of(s string) string {
	if c, ok := in[s]; ok {
		return c
	}
	c := strings.Clone(s)
	in[c] = c
	return c
}

// collapseSpaces is strings.Join(strings.Fields(s), " "), returning s
// itself when it is already so (plain ASCII, single spaces).
func collapseSpaces(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (asciiSpace(c) && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ')) {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// onlyCell reports whether row r holds text (folded) in its first cell
// and nothing else.
func onlyCell(t *table, r int, text string) bool {
	if fold(t.get(r, 0)) != text {
		return false
	}
	for c := 1; c < t.width(r); c++ {
		if strings.TrimSpace(t.get(r, c)) != "" {
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

// columnEmpty reports whether column c is empty under row hr.
func columnEmpty(t *table, hr, c int) bool {
	for r := hr + 1; r < len(t.raw); r++ {
		if strings.TrimSpace(t.get(r, c)) != "" {
			return false
		}
	}
	return true
}
