package assess

import (
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
	"lmi/ingest/af/internal/jsonscan"
	"math"
	"regexp"
	"strconv"
	"strings"
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
	header := t.Raw[0]
	t.Names = header
	out := &Prognos{}
	var cols []int // the column of each measure
	cConcept, cFA := -1, -1
	firstYear := ""
	seenName := map[string]int{}
	for c, h := range header {
		f := input.Fold(h)
		if p, dup := seenName[f]; dup && f != "" {
			return nil, t.At(0, c, af.ErrHeader, "column appears twice (also column %s)", input.ColName(p))
		}
		seenName[f] = c
		kind := kNumber
		switch {
		case f == "conceptidprognosyrke":
			cConcept = c
			continue
		case f == "fa15nr":
			cFA = c
			continue
		case f == "" || (len(h) == 1 && h[0] >= 'A' && h[0] <= 'Z'):
			if !input.ColumnEmpty(t, 0, c) {
				return nil, t.At(0, c, af.ErrHeader, "an unnamed column (%q) has data", h)
			}
			continue
		case bedomningRe.MatchString(f):
			kind = kBedomning
			if y := bedomningRe.FindStringSubmatch(f)[1]; firstYear == "" || y < firstYear {
				firstYear = y
			}
		case f == "index":
			kind = kIndex
		case f == "svårare_fa15nr" || f == "lättare_fa15nr":
			kind = kFA
		}
		cols = append(cols, c)
		out.Measures = append(out.Measures, asciiName(f))
		out.kinds = append(out.kinds, kind)
	}
	if cConcept < 0 || cFA < 0 || firstYear == "" {
		return nil, t.At(0, -1, af.ErrHeader, "expected columns conceptidprognosyrke, fa15nr and bedömningYY (header: %s)", input.Short(strings.Join(header, ";")))
	}
	out.Round = opt.Round
	if out.Round == "" {
		out.Round = "20" + firstYear
	}
	// One backing array holds every row's values; each row is a window.
	m := len(cols)
	values := make([]float64, 0, (len(t.Raw)-1)*m)
	out.Rows = make([]PrognosRow, 0, len(t.Raw)-1)
	// Each occupation id is copied once (the cells are slices of the
	// whole file) and numbered; firstRow[occupation*61+fa] is the row
	// where that pair was first seen, +1. faOf holds the FA region of
	// each distinct cell text, read once (61 of them in 10,000 rows).
	type occInfo struct {
		name string
		no   int
	}
	occOf := map[string]occInfo{}
	var firstRow []int32
	type faVal struct {
		no                 int
		region, level, msg string
	}
	faOf := map[string]faVal{}
	fa := func(s string) faVal {
		v, ok := faOf[s]
		if !ok {
			v.region, v.level, v.msg = faRegion(s)
			if v.msg == "" && v.region != "00" {
				v.no, _ = strconv.Atoi(v.region[2:])
			}
			faOf[strings.Clone(s)] = v
		}
		return v
	}
	for r := 1; r < len(t.Raw); r++ {
		if t.Blank(r) {
			continue
		}
		if len(t.Raw[r]) != len(header) {
			return nil, t.At(r, -1, af.ErrSyntax, "%d fields, the header has %d", len(t.Raw[r]), len(header))
		}
		occ := strings.TrimSpace(t.Get(r, cConcept))
		if !af.IsConcept(occ) {
			return nil, t.At(r, cConcept, af.ErrValue, "expected a JobTech concept id like 1JfT_7TR_tqA")
		}
		fv := fa(t.Get(r, cFA))
		if fv.msg != "" {
			return nil, t.At(r, cFA, af.ErrUnknownCode, "%s", fv.msg)
		}
		ssyk := opt.Concepts[occ]
		o, known := occOf[occ]
		if !known {
			o = occInfo{name: strings.Clone(occ), no: len(occOf)}
			occOf[o.name] = o
			firstRow = append(firstRow, make([]int32, 61)...)
			if ssyk == nil {
				out.Unmapped = append(out.Unmapped, o.name)
			}
			for _, s := range ssyk {
				out.Occupations = append(out.Occupations, af.OccupationMap{Source: af.SourceYrkesprognos, Occupation: o.name, SSYK: s, Share: nan})
			}
		}
		first := &firstRow[o.no*61+fv.no]
		if *first != 0 {
			return nil, t.At(r, cConcept, af.ErrDuplicate, "occupation %s, region %s already at line %d", o.name, fv.region, t.Lines[*first-1])
		}
		*first = int32(r + 1)
		row := values[len(values) : len(values)+m]
		values = values[:len(values)+m]
		for i, c := range cols {
			v := strings.TrimSpace(t.Get(r, c))
			if v == "" {
				row[i] = nan
				continue
			}
			if out.kinds[i] == kFA {
				fv := fa(v)
				if fv.msg != "" || fv.region == "00" {
					return nil, t.At(r, c, af.ErrUnknownCode, "expected an FA region number 1-60")
				}
				row[i] = float64(fv.no)
				continue
			}
			n, ok := input.ParseNumber(v)
			if !ok {
				return nil, t.At(r, c, af.ErrValue, "expected a number (decimal comma)")
			}
			switch out.kinds[i] {
			case kBedomning:
				if n != 1 && n != 2 && n != 3 {
					return nil, t.At(r, c, af.ErrValue, "expected a class 1, 2 or 3")
				}
			case kIndex:
				if n != math.Trunc(n) || n < 0 || n > 5 {
					return nil, t.At(r, c, af.ErrValue, "expected a class 0-5")
				}
			}
			row[i] = n
		}
		out.Rows = append(out.Rows, PrognosRow{Occupation: o.name, SSYK: ssyk, Region: fv.region, Values: row[:m:m]})
	}
	if len(out.Rows) == 0 {
		return nil, t.At(0, -1, af.ErrNotData, "no data rows under the header")
	}
	return out, nil
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

// ReadPrognosHistorikCSV reads yrkesprognos v3 historik.csv: semicolon
// separated, decimal comma, columns ar;antalEFT;...;conceptidprognosyrke.
// Each non-empty value becomes a HistoryPoint.
func ReadPrognosHistorikCSV(r io.Reader, file string, concepts af.ConceptSSYK) (*History, error) {
	t, err := input.ReadSeparated(r, file, ';')
	if err != nil {
		return nil, err
	}
	header := t.Raw[0]
	t.Names = header
	cYear, cConcept := -1, -1
	var valueCols []int
	for c, h := range header {
		switch f := input.Fold(h); {
		case f == "ar" || f == "år":
			cYear = c
		case f == "conceptidprognosyrke":
			cConcept = c
		case strings.HasPrefix(f, "antal"):
			valueCols = append(valueCols, c)
		case f == "":
			if !input.ColumnEmpty(t, 0, c) {
				return nil, t.At(0, c, af.ErrHeader, "an unnamed column has data")
			}
		default:
			return nil, t.At(0, c, af.ErrHeader, "unknown column, expected ar, conceptidprognosyrke and antal* columns")
		}
	}
	if cYear < 0 || cConcept < 0 || len(valueCols) == 0 {
		return nil, t.At(0, -1, af.ErrHeader, "expected columns ar, antal* and conceptidprognosyrke (header: %s)", input.Short(strings.Join(header, ";")))
	}
	// The points are counted first: the slice is most of what is
	// allocated, and growing it by appends would copy it over and over.
	n := 0
	for r := 1; r < len(t.Raw); r++ {
		for _, c := range valueCols {
			if strings.TrimSpace(t.Get(r, c)) != "" {
				n++
			}
		}
	}
	out := &History{}
	if n > 0 {
		out.Points = make([]HistoryPoint, 0, n)
	}
	// An occupation and year is checked as a pair of strings, not a
	// joined one; each occupation id and measure is one copy (the cells
	// are slices of the whole file).
	seen := make(map[[2]string]int, len(t.Raw))
	occName := map[string]string{}
	measures := make([]string, len(header))
	for _, c := range valueCols {
		measures[c] = strings.Clone(strings.TrimSpace(header[c]))
	}
	for r := 1; r < len(t.Raw); r++ {
		if t.Blank(r) {
			continue
		}
		if len(t.Raw[r]) != len(header) {
			return nil, t.At(r, -1, af.ErrSyntax, "%d fields, the header has %d", len(t.Raw[r]), len(header))
		}
		occ := strings.TrimSpace(t.Get(r, cConcept))
		if !af.IsConcept(occ) {
			return nil, t.At(r, cConcept, af.ErrValue, "expected a JobTech concept id like 1JfT_7TR_tqA")
		}
		ys := strings.TrimSpace(t.Get(r, cYear))
		if ys == "" {
			for _, c := range valueCols {
				if strings.TrimSpace(t.Get(r, c)) != "" {
					return nil, t.At(r, cYear, af.ErrValue, "a row with values but no year")
				}
			}
			out.Blank = append(out.Blank, t.Lines[r])
			continue
		}
		year, err := strconv.Atoi(ys)
		if err != nil || !input.Digits(ys) || year < 1990 || year > 2100 {
			return nil, t.At(r, cYear, af.ErrValue, "expected a year")
		}
		k := [2]string{occ, ys}
		if first, dup := seen[k]; dup {
			return nil, t.At(r, cYear, af.ErrDuplicate, "occupation %s, year %d already at line %d", occ, year, t.Lines[first])
		}
		seen[k] = r
		ssyk := concepts[occ]
		if name, done := occName[occ]; done {
			occ = name
		} else {
			occ = strings.Clone(occ)
			occName[occ] = occ
			if ssyk == nil {
				out.Unmapped = append(out.Unmapped, occ)
			}
		}
		for _, c := range valueCols {
			v := strings.TrimSpace(t.Get(r, c))
			if v == "" {
				continue
			}
			n, ok := input.ParseNumber(v)
			if !ok || n < 0 {
				return nil, t.At(r, c, af.ErrValue, "expected a non-negative index (decimal comma)")
			}
			out.Points = append(out.Points, HistoryPoint{Source: af.SourceYrkesprognos, Occupation: occ, SSYK: ssyk,
				Year: year, Measure: measures[c], Value: n})
		}
	}
	if len(seen) == 0 && len(out.Blank) == 0 {
		return nil, t.At(0, -1, af.ErrNotData, "no data rows under the header")
	}
	return out, nil
}

// ReadPrognosTexter reads yrkesprognoser_2022_texter.json (AF's saved
// forecast API answer: {"prognoser":[{ar, datatyp, geografi, ssyk,
// concept_id, bristvarde, ingress, stycke1..3}]}). It returns the national
// bristvärde as assessments (MeasureBristindex1ar for the first ar,
// MeasureBristindex5ar for ar four years later; the round is the year
// before the first ar, "2021") and the concept id -> SSYK pairs. Records
// without a concept id ("no concept_id") use "ssyk:NNNN" as occupation.
func ReadPrognosTexter(r io.Reader, file string) (*af.AssessmentSet, af.ConceptSSYK, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, nil, err
	}
	type rec struct {
		n, line                           int64
		ar, geo, ssyk, concept, bristvard string
		year                              int
	}
	var recs []rec
	minYear := 0
	err = jsonscan.Records(data, file, "prognoser", func(n, line int64, m map[string]json.RawMessage) error {
		f := map[string]string{}
		for _, k := range []string{"ar", "geografi", "ssyk", "concept_id", "bristvarde", "datatyp"} {
			s, _, msg := jsonscan.Scalar(m[k])
			if msg != "" {
				return &af.Error{File: file, Line: line, Record: n, Column: k, Kind: af.ErrValue, Msg: msg}
			}
			f[k] = strings.TrimSpace(s)
		}
		at := func(k string, kind error, format string, args ...any) error {
			return &af.Error{File: file, Line: line, Record: n, Column: k, Value: input.Short(f[k]), Kind: kind, Msg: fmt.Sprintf(format, args...)}
		}
		y, err := strconv.Atoi(f["ar"])
		if err != nil || y < 1990 || y > 2100 {
			return at("ar", af.ErrValue, "expected a year")
		}
		if d := f["datatyp"]; d != "" && d != "Bristindex" {
			return at("datatyp", af.ErrValue, "expected Bristindex")
		}
		if minYear == 0 || y < minYear {
			minYear = y
		}
		recs = append(recs, rec{n: n, line: line, ar: f["ar"], geo: f["geografi"], ssyk: f["ssyk"],
			concept: f["concept_id"], bristvard: f["bristvarde"], year: y})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if len(recs) == 0 {
		return nil, nil, &af.Error{File: file, Kind: af.ErrNotData, Msg: "no records in \"prognoser\""}
	}
	out := &af.AssessmentSet{}
	concepts := af.ConceptSSYK{}
	conceptAt := map[string]rec{}
	seen := map[string]rec{}
	mapDone := map[string]bool{}
	round := strconv.Itoa(minYear - 1)
	for _, x := range recs {
		at := func(k, v string, kind error, format string, args ...any) error {
			return &af.Error{File: file, Line: x.line, Record: x.n, Column: k, Value: input.Short(v), Kind: kind, Msg: fmt.Sprintf(format, args...)}
		}
		var measure string
		switch x.year {
		case minYear:
			measure = MeasureBristindex1ar
		case minYear + 4:
			measure = MeasureBristindex5ar
		default:
			return nil, nil, at("ar", x.ar, af.ErrValue, "expected %d (1 year) or %d (5 years)", minYear, minYear+4)
		}
		region, level := "00", af.LevelRiket
		if !strings.EqualFold(x.geo, "riket") {
			var msg string
			if region, msg = codemap.LanField(x.geo); msg != "" {
				return nil, nil, at("geografi", x.geo, af.ErrUnknownCode, "%s", msg)
			}
			level = af.LevelLan
		}
		ssyk, _, msg := codemap.SSYKList(x.ssyk)
		if msg != "" || len(ssyk) != 1 || ssyk[0] != x.ssyk {
			return nil, nil, at("ssyk", x.ssyk, af.ErrUnknownCode, "expected one SSYK 2012 unit group in lmi/codes")
		}
		occ := "ssyk:" + x.ssyk
		if af.IsConcept(x.concept) {
			occ = x.concept
			if prev, ok := conceptAt[occ]; ok && prev.ssyk != x.ssyk {
				return nil, nil, at("ssyk", x.ssyk, af.ErrValue, "concept %s is SSYK %s at record %d", occ, prev.ssyk, prev.n)
			} else if !ok {
				conceptAt[occ] = x
				concepts[occ] = ssyk
			}
		}
		if !mapDone[occ] {
			mapDone[occ] = true
			out.Occupations = append(out.Occupations, af.OccupationMap{Source: af.SourceTexter, Occupation: occ, SSYK: x.ssyk, Share: nan})
		}
		k := occ + "\x00" + x.ar + "\x00" + region
		if prev, dup := seen[k]; dup {
			return nil, nil, at("concept_id", x.concept, af.ErrDuplicate, "occupation %s, year %s, region %s already at record %d", occ, x.ar, region, prev.n)
		}
		seen[k] = x
		a := af.Assessment{Source: af.SourceTexter, Round: round, Region: region, RegionLevel: level, Occupation: occ,
			SSYK: ssyk, Measure: measure, Value: nan}
		if x.bristvard != "" {
			v, ok := input.ParseNumber(x.bristvard)
			if !ok || v < 1 || v > 5 {
				return nil, nil, at("bristvarde", x.bristvard, af.ErrValue, "expected a number from 1 to 5")
			}
			a.Value = v
			if v == math.Trunc(v) {
				a.Class = int(v)
			}
		}
		out.Assessments = append(out.Assessments, a)
	}
	return out, concepts, nil
}
