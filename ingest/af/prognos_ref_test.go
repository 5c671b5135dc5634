package af

// The prognos and varsel CSV readers and parseNumber as they were before
// their per-row memos, splitCSV and smallDecimal: the references of
// TestPrognosSameAsReference, TestVarselSameAsReference and
// FuzzParseNumber.

import (
	"io"
	"math"
	"strconv"
	"strings"
)

func refReadPrognosCSV(r io.Reader, file string, opt PrognosOptions) (*AssessmentSet, error) {
	data, err := readText(r, file)
	if err != nil {
		return nil, err
	}
	if err := checkFirstLine(data, file, ';'); err != nil {
		return nil, err
	}
	t, err := readCSVTableStd(data, file, ';')
	if err != nil {
		return nil, err
	}
	if err := checkSeparator(t, 0, ';'); err != nil {
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
	header := t.raw[0]
	t.names = header
	kinds := make([]colKind, len(header))
	measures := make([]string, len(header))
	cConcept, cFA := -1, -1
	firstYear := ""
	seenName := map[string]int{}
	for c, h := range header {
		f := fold(h)
		if p, dup := seenName[f]; dup && f != "" {
			return nil, t.at(0, c, ErrHeader, "column appears twice (also column %s)", colName(p))
		}
		seenName[f] = c
		measures[c] = asciiName(f)
		switch {
		case f == "conceptidprognosyrke":
			cConcept = c
		case f == "fa15nr":
			cFA = c
		case f == "" || (len(h) == 1 && h[0] >= 'A' && h[0] <= 'Z'):
			if !columnEmpty(t, 0, c) {
				return nil, t.at(0, c, ErrHeader, "an unnamed column (%q) has data", h)
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
		return nil, t.at(0, -1, ErrHeader, "expected columns conceptidprognosyrke, fa15nr and bedömningYY (header: %s)", short(strings.Join(header, ";")))
	}
	round := opt.Round
	if round == "" {
		round = "20" + firstYear
	}
	n := 0
	for r := 1; r < len(t.raw); r++ {
		for c, kind := range kinds {
			if kind != kSkip && strings.TrimSpace(t.get(r, c)) != "" {
				n++
			}
		}
	}
	out := &AssessmentSet{Assessments: make([]Assessment, 0, n)}
	seen := map[[2]string]int{}
	mapped := map[string]bool{}
	for r := 1; r < len(t.raw); r++ {
		if t.blank(r) {
			continue
		}
		if len(t.raw[r]) != len(header) {
			return nil, t.at(r, -1, ErrSyntax, "%d fields, the header has %d", len(t.raw[r]), len(header))
		}
		occ := strings.TrimSpace(t.get(r, cConcept))
		if !isConcept(occ) {
			return nil, t.at(r, cConcept, ErrValue, "expected a JobTech concept id like 1JfT_7TR_tqA")
		}
		region, level, msg := faRegion(t.get(r, cFA))
		if msg != "" {
			return nil, t.at(r, cFA, ErrUnknownCode, "%s", msg)
		}
		k := [2]string{occ, region}
		if first, dup := seen[k]; dup {
			return nil, t.at(r, cConcept, ErrDuplicate, "occupation %s, region %s already at line %d", occ, region, t.lines[first])
		}
		seen[k] = r
		ssyk := opt.Concepts[occ]
		if _, done := mapped[occ]; !done {
			mapped[occ] = ssyk != nil
			if ssyk == nil {
				out.Unmapped = append(out.Unmapped, occ)
			}
			for _, s := range ssyk {
				out.Occupations = append(out.Occupations, OccupationMap{Source: SourceYrkesprognos, Occupation: occ, SSYK: s, Share: nan})
			}
		}
		for c, kind := range kinds {
			v := strings.TrimSpace(t.get(r, c))
			if kind == kSkip || v == "" {
				continue
			}
			a := Assessment{Source: SourceYrkesprognos, Round: round, Region: region, RegionLevel: level,
				Occupation: occ, SSYK: ssyk, Measure: measures[c], Value: nan}
			if kind == kFA {
				fa, _, msg := faRegion(v)
				if msg != "" || fa == "00" {
					return nil, t.at(r, c, ErrUnknownCode, "expected an FA region number 1-60")
				}
				a.Label = fa
			} else {
				n, ok := refParseNumber(v)
				if !ok {
					return nil, t.at(r, c, ErrValue, "expected a number (decimal comma)")
				}
				a.Value = n
				switch kind {
				case kBedomning:
					if n != 1 && n != 2 && n != 3 {
						return nil, t.at(r, c, ErrValue, "expected a class 1, 2 or 3")
					}
					a.Class = int(n)
				case kIndex:
					if n != math.Trunc(n) || n < 0 || n > 5 {
						return nil, t.at(r, c, ErrValue, "expected a class 0-5")
					}
					a.Class = int(n)
				}
			}
			out.Assessments = append(out.Assessments, a)
		}
	}
	if len(seen) == 0 {
		return nil, t.at(0, -1, ErrNotData, "no data rows under the header")
	}
	return out, nil
}

func refReadPrognosHistorikCSV(r io.Reader, file string, concepts ConceptSSYK) (*History, error) {
	data, err := readText(r, file)
	if err != nil {
		return nil, err
	}
	if err := checkFirstLine(data, file, ';'); err != nil {
		return nil, err
	}
	t, err := readCSVTableStd(data, file, ';')
	if err != nil {
		return nil, err
	}
	if err := checkSeparator(t, 0, ';'); err != nil {
		return nil, err
	}
	header := t.raw[0]
	t.names = header
	cYear, cConcept := -1, -1
	var valueCols []int
	for c, h := range header {
		switch f := fold(h); {
		case f == "ar" || f == "år":
			cYear = c
		case f == "conceptidprognosyrke":
			cConcept = c
		case strings.HasPrefix(f, "antal"):
			valueCols = append(valueCols, c)
		case f == "":
			if !columnEmpty(t, 0, c) {
				return nil, t.at(0, c, ErrHeader, "an unnamed column has data")
			}
		default:
			return nil, t.at(0, c, ErrHeader, "unknown column, expected ar, conceptidprognosyrke and antal* columns")
		}
	}
	if cYear < 0 || cConcept < 0 || len(valueCols) == 0 {
		return nil, t.at(0, -1, ErrHeader, "expected columns ar, antal* and conceptidprognosyrke (header: %s)", short(strings.Join(header, ";")))
	}
	out := &History{}
	seen := map[string]int{}
	mapped := map[string]bool{}
	for r := 1; r < len(t.raw); r++ {
		if t.blank(r) {
			continue
		}
		if len(t.raw[r]) != len(header) {
			return nil, t.at(r, -1, ErrSyntax, "%d fields, the header has %d", len(t.raw[r]), len(header))
		}
		occ := strings.TrimSpace(t.get(r, cConcept))
		if !isConcept(occ) {
			return nil, t.at(r, cConcept, ErrValue, "expected a JobTech concept id like 1JfT_7TR_tqA")
		}
		ys := strings.TrimSpace(t.get(r, cYear))
		if ys == "" {
			for _, c := range valueCols {
				if strings.TrimSpace(t.get(r, c)) != "" {
					return nil, t.at(r, cYear, ErrValue, "a row with values but no year")
				}
			}
			out.Blank = append(out.Blank, t.lines[r])
			continue
		}
		year, err := strconv.Atoi(ys)
		if err != nil || !digits(ys) || year < 1990 || year > 2100 {
			return nil, t.at(r, cYear, ErrValue, "expected a year")
		}
		k := occ + "\x00" + ys
		if first, dup := seen[k]; dup {
			return nil, t.at(r, cYear, ErrDuplicate, "occupation %s, year %d already at line %d", occ, year, t.lines[first])
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
			v := strings.TrimSpace(t.get(r, c))
			if v == "" {
				continue
			}
			n, ok := refParseNumber(v)
			if !ok || n < 0 {
				return nil, t.at(r, c, ErrValue, "expected a non-negative index (decimal comma)")
			}
			out.Points = append(out.Points, HistoryPoint{Source: SourceYrkesprognos, Occupation: occ, SSYK: ssyk,
				Year: year, Measure: strings.TrimSpace(header[c]), Value: n})
		}
	}
	if len(seen) == 0 && len(out.Blank) == 0 {
		return nil, t.at(0, -1, ErrNotData, "no data rows under the header")
	}
	return out, nil
}

func refReadVarselCSV(r io.Reader, file string) ([]Count, error) {
	data, err := readText(r, file)
	if err != nil {
		return nil, err
	}
	t, err := readCSVTableStd(data, file, detectSeparator(data))
	if err != nil {
		return nil, err
	}
	t.names = t.raw[0]
	cTid, cRegion, cAntal := -1, -1, -1
	for c, h := range t.raw[0] {
		switch fold(h) {
		case "tid", "månad", "period":
			cTid = c
		case "region", "län", "kommun":
			cRegion = c
		case "antal", "varsel", "antal varsel":
			cAntal = c
		}
	}
	if cTid < 0 || cRegion < 0 || cAntal < 0 {
		if err := checkSeparator(t, 0, ','); err != nil {
			return nil, err
		}
		return nil, t.at(0, -1, ErrHeader, "expected columns tid, region and antal (header: %s)", short(strings.Join(t.raw[0], ",")))
	}
	var out []Count
	seen := map[[2]string]int{}
	for r := 1; r < len(t.raw); r++ {
		if t.blank(r) {
			continue
		}
		if len(t.raw[r]) != len(t.raw[0]) {
			return nil, t.at(r, -1, ErrSyntax, "%d fields, the header has %d", len(t.raw[r]), len(t.raw[0]))
		}
		month, ok := parseMonth(t.get(r, cTid))
		if !ok {
			return nil, t.at(r, cTid, ErrValue, "expected a month like 2024-01")
		}
		rv, tot, msg := parseRegion(t.get(r, cRegion), "lan")
		if msg != "" || tot {
			if tot {
				msg = "a total, expected a län or kommun"
			}
			return nil, t.at(r, cRegion, ErrUnknownCode, "%s", msg)
		}
		n, cens, miss, ok := parseCount(t.get(r, cAntal))
		switch {
		case !ok || miss:
			return nil, t.at(r, cAntal, ErrValue, "expected a count or \"<5\"")
		case n < 0:
			return nil, t.at(r, cAntal, ErrNegative, "a count cannot be negative")
		}
		k := [2]string{month, rv.code}
		if first, dup := seen[k]; dup {
			return nil, t.at(r, cTid, ErrDuplicate, "month %s, region %s already at line %d", month, rv.code, t.lines[first])
		}
		seen[k] = r
		c := Count{Period: month, Region: rv.code, N: n, Censored: cens, Category: CategoryVarsel}
		if cens {
			c.N = math.NaN()
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, t.at(0, -1, ErrNotData, "no data rows under the header")
	}
	sortCounts(out)
	return out, nil
}

// refParseNumber reads a published number: optional sign, digits, a decimal
// point or comma, spaces or no-break spaces as thousands separators, and
// (for raw xlsx values) an exponent. NaN and infinities are refused.
func refParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if plainNumber(s) {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, false
		}
		return v, true
	}
	var buf [64]byte
	b := buf[:0]
	dec := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == '+', c == '-', c == 'e', c == 'E':
			b = append(b, c)
		case c == '.' || c == ',':
			if dec {
				return 0, false
			}
			dec = true
			b = append(b, '.')
		case c == ' ':
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0: // no-break space
			i++
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0xAF: // narrow no-break space
			i += 2
		default:
			return 0, false
		}
	}
	if len(b) == 0 || b[0] == 'e' || b[0] == 'E' {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}
