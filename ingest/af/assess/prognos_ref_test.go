package assess

// The prognos CSV readers as they were before their per-row memos and
// splitCSV: the references of TestPrognosSameAsReference.

import (
	"io"
	"math"
	"strconv"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
	"lmi/ingest/af/internal/input"
)

func refReadPrognosCSV(r io.Reader, file string, opt PrognosOptions) (*af.AssessmentSet, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, err
	}
	if err := input.CheckFirstLine(data, file, ';'); err != nil {
		return nil, err
	}
	t, err := input.ReadCSVTableStd(data, file, ';')
	if err != nil {
		return nil, err
	}
	if err := input.CheckSeparator(t, 0, ';'); err != nil {
		return nil, err
	}
	type colKind int
	const (
		kSkip colKind = iota
		kNumber
		kBedomning
		kIndex
		kFA
	)
	header := t.Raw[0]
	t.Names = header
	kinds := make([]colKind, len(header))
	measures := make([]string, len(header))
	cConcept, cFA := -1, -1
	firstYear := ""
	seenName := map[string]int{}
	for c, h := range header {
		f := input.Fold(h)
		if p, dup := seenName[f]; dup && f != "" {
			return nil, t.At(0, c, af.ErrHeader, "column appears twice (also column %s)", input.ColName(p))
		}
		seenName[f] = c
		measures[c] = asciiName(f)
		switch {
		case f == "conceptidprognosyrke":
			cConcept = c
		case f == "fa15nr":
			cFA = c
		case f == "" || (len(h) == 1 && h[0] >= 'A' && h[0] <= 'Z'):
			if !input.ColumnEmpty(t, 0, c) {
				return nil, t.At(0, c, af.ErrHeader, "an unnamed column (%q) has data", h)
			}
		case bedomningRe.MatchString(f):
			kinds[c] = kBedomning
			if y := bedomningRe.FindStringSubmatch(f)[1]; firstYear == "" || y < firstYear {
				firstYear = y
			}
		case f == "index":
			kinds[c] = kIndex
		case f == "svårare_fa15nr" || f == "lättare_fa15nr":
			kinds[c] = kFA
		default:
			kinds[c] = kNumber
		}
	}
	if cConcept < 0 || cFA < 0 || firstYear == "" {
		return nil, t.At(0, -1, af.ErrHeader, "expected columns conceptidprognosyrke, fa15nr and bedömningYY (header: %s)", input.Short(strings.Join(header, ";")))
	}
	round := opt.Round
	if round == "" {
		round = "20" + firstYear
	}
	n := 0
	for r := 1; r < len(t.Raw); r++ {
		for c, kind := range kinds {
			if kind != kSkip && strings.TrimSpace(t.Get(r, c)) != "" {
				n++
			}
		}
	}
	out := &af.AssessmentSet{Assessments: make([]af.Assessment, 0, n)}
	seen := map[[2]string]int{}
	mapped := map[string]bool{}
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
		region, level, msg := faRegion(t.Get(r, cFA))
		if msg != "" {
			return nil, t.At(r, cFA, af.ErrUnknownCode, "%s", msg)
		}
		k := [2]string{occ, region}
		if first, dup := seen[k]; dup {
			return nil, t.At(r, cConcept, af.ErrDuplicate, "occupation %s, region %s already at line %d", occ, region, t.Lines[first])
		}
		seen[k] = r
		ssyk := opt.Concepts[occ]
		if _, done := mapped[occ]; !done {
			mapped[occ] = ssyk != nil
			if ssyk == nil {
				out.Unmapped = append(out.Unmapped, occ)
			}
			for _, s := range ssyk {
				out.Occupations = append(out.Occupations, af.OccupationMap{Source: af.SourceYrkesprognos, Occupation: occ, SSYK: s, Share: nan})
			}
		}
		for c, kind := range kinds {
			v := strings.TrimSpace(t.Get(r, c))
			if kind == kSkip || v == "" {
				continue
			}
			a := af.Assessment{Source: af.SourceYrkesprognos, Round: round, Region: region, RegionLevel: level,
				Occupation: occ, SSYK: ssyk, Measure: measures[c], Value: nan}
			if kind == kFA {
				fa, _, msg := faRegion(v)
				if msg != "" || fa == "00" {
					return nil, t.At(r, c, af.ErrUnknownCode, "expected an FA region number 1-60")
				}
				a.Label = fa
			} else {
				n, ok := aftest.RefParseNumber(v)
				if !ok {
					return nil, t.At(r, c, af.ErrValue, "expected a number (decimal comma)")
				}
				a.Value = n
				switch kind {
				case kBedomning:
					if n != 1 && n != 2 && n != 3 {
						return nil, t.At(r, c, af.ErrValue, "expected a class 1, 2 or 3")
					}
					a.Class = int(n)
				case kIndex:
					if n != math.Trunc(n) || n < 0 || n > 5 {
						return nil, t.At(r, c, af.ErrValue, "expected a class 0-5")
					}
					a.Class = int(n)
				}
			}
			out.Assessments = append(out.Assessments, a)
		}
	}
	if len(seen) == 0 {
		return nil, t.At(0, -1, af.ErrNotData, "no data rows under the header")
	}
	return out, nil
}

func refReadPrognosHistorikCSV(r io.Reader, file string, concepts af.ConceptSSYK) (*History, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, err
	}
	if err := input.CheckFirstLine(data, file, ';'); err != nil {
		return nil, err
	}
	t, err := input.ReadCSVTableStd(data, file, ';')
	if err != nil {
		return nil, err
	}
	if err := input.CheckSeparator(t, 0, ';'); err != nil {
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
	out := &History{}
	seen := map[string]int{}
	mapped := map[string]bool{}
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
		k := occ + "\x00" + ys
		if first, dup := seen[k]; dup {
			return nil, t.At(r, cYear, af.ErrDuplicate, "occupation %s, year %d already at line %d", occ, year, t.Lines[first])
		}
		seen[k] = r
		ssyk := concepts[occ]
		if _, done := mapped[occ]; !done {
			mapped[occ] = true
			if ssyk == nil {
				out.Unmapped = append(out.Unmapped, occ)
			}
		}
		for _, c := range valueCols {
			v := strings.TrimSpace(t.Get(r, c))
			if v == "" {
				continue
			}
			n, ok := aftest.RefParseNumber(v)
			if !ok || n < 0 {
				return nil, t.At(r, c, af.ErrValue, "expected a non-negative index (decimal comma)")
			}
			out.Points = append(out.Points, HistoryPoint{Source: af.SourceYrkesprognos, Occupation: occ, SSYK: ssyk,
				Year: year, Measure: strings.TrimSpace(header[c]), Value: n})
		}
	}
	if len(seen) == 0 && len(out.Blank) == 0 {
		return nil, t.At(0, -1, af.ErrNotData, "no data rows under the header")
	}
	return out, nil
}
