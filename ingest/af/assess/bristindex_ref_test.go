package assess

// The bristindex CSV reader as it was before its per-row memos and
// splitCSV: the reference of TestBristindexSameAsReference.

import (
	"io"
	"regexp"
	"strconv"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
)

// bristNameRe is the pattern of the renamed CSV headers the reader had.
var bristNameRe = regexp.MustCompile(`^(index|klass|klartext)_(\d\d)([hv])_(\d)ar$`)

func refReadBristindexCSV(r io.Reader, file string, opt BristindexOptions) (*af.AssessmentSet, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, err
	}
	if err := input.CheckFirstLine(data, file, ','); err != nil {
		return nil, err
	}
	t, err := input.ReadCSVTableStd(data, file, ',')
	if err != nil {
		return nil, err
	}
	if err := input.CheckSeparator(t, 0, ','); err != nil {
		return nil, err
	}
	return refReadBristindex(t, 0, opt)
}

func refReadBristindex(t *input.Table, hr int, opt BristindexOptions) (*af.AssessmentSet, error) {
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

	out := &af.AssessmentSet{}
	type occInfo struct {
		ssyk      []string
		published string
		row       int
	}
	occs := map[string]*occInfo{}
	seen := map[[2]string]int{}
	for r := hr + 1; r < len(t.Raw); r++ {
		if t.Blank(r) || onlyCell(t, r, "inga val") {
			continue // the pivot filter's "Inga val" line under the data
		}
		occ := strings.Join(strings.Fields(t.Get(r, col[colOcc])), " ")
		if occ == "" {
			return nil, t.At(r, col[colOcc], af.ErrValue, "missing occupation")
		}
		region, level := "00", af.LevelRiket
		if yearly {
			var msg string
			if region, msg = codemap.LanField(t.Get(r, col[colLan])); msg != "" {
				return nil, t.At(r, col[colLan], af.ErrUnknownCode, "%s", msg)
			}
			level = af.LevelLan
		}
		pub := t.Get(r, col[colSSYK])
		ssyk, expanded, msg := codemap.SSYKList(pub)
		if msg != "" {
			return nil, t.At(r, col[colSSYK], af.ErrUnknownCode, "%s", msg)
		}
		if o := occs[occ]; o == nil {
			occs[occ] = &occInfo{ssyk: ssyk, published: pub, row: r}
			for _, s := range ssyk {
				m := af.OccupationMap{Source: af.SourceBristindex, Occupation: occ, Label: occ, SSYK: s, Share: nan}
				if expanded {
					m.Published = pub
				}
				out.Occupations = append(out.Occupations, m)
			}
		} else if strings.Join(o.ssyk, ",") != strings.Join(ssyk, ",") {
			return nil, t.At(r, col[colSSYK], af.ErrValue, "SSYK for %q is %q at line %d", occ, o.published, t.Lines[o.row])
		} else {
			ssyk = o.ssyk
		}
		k := [2]string{occ, region}
		if first, dup := seen[k]; dup {
			return nil, t.At(r, col[colOcc], af.ErrDuplicate, "%q in region %s already at line %d", occ, region, t.Lines[first])
		}
		seen[k] = r

		a := af.Assessment{Source: af.SourceBristindex, Round: round, Region: region, RegionLevel: level,
			Occupation: occ, SSYK: ssyk, Value: nan}
		if yearly {
			a.Measure = MeasureBristindex1ar
			iv, cv, lv := t.Get(r, col[colIndex]), t.Get(r, col[colClass]), strings.TrimSpace(t.Get(r, col[colLabel]))
			a.Label = lv
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
				a.Label = strings.TrimSpace(iv)
			}
		}
		out.Assessments = append(out.Assessments, a)
	}
	if len(out.Assessments) == 0 {
		return nil, t.At(hr, -1, af.ErrNotData, "no data rows under the header")
	}
	return out, nil
}
