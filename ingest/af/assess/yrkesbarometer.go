package assess

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
	"lmi/ingest/af/internal/jsonscan"
)

// Yrkesbarometer measures and their scales. Each has a class on a 1-3
// scale where 3 is the most favourable for the job seeker (jobbmöjligheter),
// the hardest for the employer (rekryteringssituation) or the strongest
// growth (prognos). "paradox" (recruitment problems although there are many
// job seekers) is not on the scale: class 0, label kept.
const (
	MeasureJobbmojligheter       = "jobbmojligheter"       // små 1, medelstora 2, stora 3
	MeasureRekryteringssituation = "rekryteringssituation" // överskott 1, balans 2, brist 3; paradox 0
	MeasurePrognos               = "prognos"               // minska 1, vara oförändrad 2, öka 3
)

var ybScales = []struct {
	measure string
	classes map[string]int
}{
	{MeasureJobbmojligheter, map[string]int{"små": 1, "medelstora": 2, "stora": 3}},
	{MeasureRekryteringssituation, map[string]int{"överskott": 1, "balans": 2, "brist": 3, "paradox": 0}},
	{MeasurePrognos, map[string]int{"minska": 1, "vara oförändrad": 2, "öka": 3}},
}

func scaleLabels(m map[string]int) string {
	var ls []string
	for l := range m {
		ls = append(ls, l)
	}
	slices.SortFunc(ls, func(a, b string) int { return m[a] - m[b] })
	return strings.Join(ls, ", ")
}

// The yrkesbarometer fields buildYrkesbarometer uses, by index into
// ybRecord.f.
const (
	ybOcc = iota
	ybLan
	ybSSYK
	ybRound
	ybPartial
	ybJobb // the three measures, in the order of ybScales
	ybRekr
	ybProg
	ybLabel
	ybFields
)

// ybColumns are the yrkesbarometer fields that are read, as the JSON keys
// and the workbook's header name them: the occupation, the region ("00"
// or a län code), the SSYK code or codes, the round ("2025-2"),
// del_av_ssyk (0 or 1), the three measures (a label of ybScales) and the
// occupation's name. Every other field or column is ignored (ybField is
// the JSON scanner's lookup of the same names); a workbook header named
// twice is refused.
var ybColumns = input.Columns{
	List: []input.Column{
		ybOcc:     {Name: "yb_concept_id", Headers: []string{"yb_concept_id"}},
		ybLan:     {Name: "lan", Headers: []string{"lan"}},
		ybSSYK:    {Name: "ssyk", Headers: []string{"ssyk"}},
		ybRound:   {Name: "omgang", Headers: []string{"omgang"}},
		ybPartial: {Name: "del_av_ssyk", Headers: []string{"del_av_ssyk"}},
		ybJobb:    {Name: MeasureJobbmojligheter, Headers: []string{MeasureJobbmojligheter}},
		ybRekr:    {Name: MeasureRekryteringssituation, Headers: []string{MeasureRekryteringssituation}},
		ybProg:    {Name: MeasurePrognos, Headers: []string{MeasurePrognos}},
		ybLabel:   {Name: "yb_yrke", Headers: []string{"yb_yrke"}},
	},
	Twice:  "column %[1]q appears twice",
	ByText: true,
}

// ybNames are the fields' names, by index into ybRecord.f.
var ybNames = func() (names [ybFields]string) {
	for i, c := range ybColumns.List {
		names[i] = c.Name
	}
	return names
}()

// ybRecord is one yrkesbarometer record from JSON or xlsx: the fields
// used ("" when absent or null). n and line place it (for xlsx n is the
// row's index in the table); the position string and the error are only
// made when an error needs them.
type ybRecord struct {
	f       [ybFields]string
	n, line int64
}

// ybSource positions errors on the records of one file.
type ybSource struct {
	at    func(rec *ybRecord, field int, kind error, format string, args ...any) *af.Error
	where func(p ybPlace) string
}

// ReadYrkesbarometer reads AF's yrkesbarometer.json: a JSON array of
// records, one per occupation (yb_concept_id) x geography (lan: "00" riket
// or a län code) x SSYK unit group. It returns three assessments per
// occupation x region (MeasureJobbmojligheter, MeasureRekryteringssituation,
// MeasurePrognos) and the occupation -> SSYK map.
func ReadYrkesbarometer(r io.Reader, file string) (*af.AssessmentSet, error) {
	// The scanner hands each record to the builder; the first error is
	// kept and returned only if the whole file scans, as encoding/json
	// would have read every record before the first was built.
	src := ybJSONSource(file)
	var bld *ybBuilder
	var berr error
	data, ok, err := jsonscan.ReadScanned(r, file, func(b []byte) bool {
		bld, berr = newYbBuilder(src, 0), nil
		return scanYrkesbarometer(b, func(rec *ybRecord) {
			if berr == nil {
				berr = bld.add(rec)
			}
		})
	})
	if err != nil {
		return nil, err
	}
	if ok {
		if berr != nil {
			return nil, berr
		}
		return bld.result(), nil
	}
	// Anything unusual: encoding/json gives the result or the error.
	recs, err := decodeYrkesbarometer(data, file)
	if err != nil {
		return nil, err
	}
	return buildYrkesbarometer(recs, src)
}

func ybJSONSource(file string) ybSource {
	return ybSource{
		at: func(rec *ybRecord, field int, kind error, format string, args ...any) *af.Error {
			return &af.Error{File: file, Line: rec.line, Record: rec.n, Column: ybNames[field], Value: input.Short(rec.f[field]), Kind: kind, Msg: fmt.Sprintf(format, args...)}
		},
		where: func(p ybPlace) string { return fmt.Sprintf("record %d (line %d)", p.n, p.line) },
	}
}

// decodeYrkesbarometer reads the records with encoding/json: the
// reference for scanYrkesbarometer and its fallback. Every field but the
// free texts must be a string, number, boolean or null.
func decodeYrkesbarometer(data []byte, file string) ([]ybRecord, error) {
	var recs []ybRecord
	err := jsonscan.Records(data, file, "", func(n, line int64, m map[string]json.RawMessage) error {
		rec := ybRecord{n: n, line: line}
		for k, raw := range m {
			if k == "paradox" || strings.HasPrefix(k, "text_") || k == "yb_beskrivning" {
				continue // free text and lists, not used
			}
			s, ok, msg := jsonscan.Scalar(raw)
			if msg != "" {
				return &af.Error{File: file, Line: line, Record: n, Column: k, Value: input.Short(string(raw)), Kind: af.ErrValue, Msg: msg}
			}
			if i := ybField(k); ok && i >= 0 {
				rec.f[i] = s
			}
		}
		recs = append(recs, rec)
		return nil
	})
	return recs, err
}

// scanYrkesbarometer is the fast path of ReadYrkesbarometer: encoding/json
// decoded each record into a map and each field again into a string, 119
// allocations a record. It walks the array once, checking JSON syntax as
// it goes (input.ReadText has checked UTF-8), keeps the used fields and skips
// the free texts without decoding them. It takes only the plain case: on
// anything else (malformed JSON, a record that is not an object, a key
// with escapes or non-ASCII letters, a used field twice, an object or
// array where decodeYrkesbarometer wants a scalar) it returns false and
// the file is decoded with encoding/json, which gives the result or error
// it always gave. Whenever it succeeds, the records it gave fn, in order,
// are those of decodeYrkesbarometer (TestScanYrkesbarometerSameAsDecode,
// FuzzScanYrkesbarometer).
func scanYrkesbarometer(b []byte, fn func(*ybRecord)) bool {
	i := jsonscan.SkipWS(b, 0)
	if i >= len(b) || b[i] != '[' {
		return false
	}
	var rec, last ybRecord   // the record read and the previous one (rec escapes to fn: one for all)
	var t jsonscan.TextTable // occupation ids, codes and labels repeat from record to record
	at, line := 0, int64(1)
	i = jsonscan.SkipWS(b, i+1)
	if i < len(b) && b[i] == ']' {
		return jsonscan.SkipWS(b, i+1) == len(b)
	}
	for n := int64(1); ; n++ {
		// Lines are counted on from the previous record, like jsonRecordsIn.
		line += int64(bytes.Count(b[at:i], []byte{'\n'}))
		at = i
		rec = ybRecord{n: n, line: line}
		var prev *[ybFields]string
		if n > 1 {
			prev = &last.f
		}
		if i = scanYbRecord(b, i, &rec, prev, &t); i < 0 {
			return false
		}
		fn(&rec)
		last = rec
		i = jsonscan.SkipWS(b, i)
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = jsonscan.SkipWS(b, i+1)
			continue
		case ']':
			return jsonscan.SkipWS(b, i+1) == len(b)
		}
		return false
	}
}

// scanYbRecord reads the object at b[i] into rec and returns the index
// after it, or -1 to give up. A value equal to the previous record's
// (prev, when not nil) takes its string.
func scanYbRecord(b []byte, i int, rec *ybRecord, prev *[ybFields]string, t *jsonscan.TextTable) int {
	if i >= len(b) || b[i] != '{' {
		return -1
	}
	var seen uint
	i = jsonscan.SkipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return -1
		}
		end, plain := jsonscan.StringEnd(b, i+1)
		if end < 0 || !plain {
			return -1 // a map key is decoded: escapes could spell a field name
		}
		key := b[i+1 : end-1]
		i = jsonscan.SkipWS(b, end)
		if i >= len(b) || b[i] != ':' {
			return -1
		}
		i = jsonscan.SkipWS(b, i+1)
		switch f := ybField(string(key)); {
		case f >= 0:
			if seen&(1<<f) != 0 {
				return -1 // the map keeps the last: encoding/json decides
			}
			seen |= 1 << f
			p := ""
			if prev != nil {
				p = prev[f]
			}
			i = scanScalar(b, i, &rec.f[f], p, t)
		case string(key) == "paradox" || string(key) == "yb_beskrivning" || bytes.HasPrefix(key, []byte("text_")):
			i = jsonscan.SkipValue(b, i) // free text and lists, not used
		default:
			i = scanScalar(b, i, nil, "", nil) // must still be a scalar
		}
		if i < 0 {
			return -1
		}
		var more bool
		if i, more = jsonscan.AfterMember(b, i); !more {
			return i
		}
	}
}

// scanScalar reads the string, number, boolean or null at b[i] as
// jsonscan.Scalar does into dst (when not nil; null leaves it "") and returns
// the index after it, or -1 for an object, an array or bad JSON. A text
// equal to prev is prev: cheaper than the table's hash.
func scanScalar(b []byte, i int, dst *string, prev string, t *jsonscan.TextTable) int {
	if i >= len(b) {
		return -1
	}
	var end int
	switch c := b[i]; {
	case c == '"':
		end, _ = jsonscan.StringEnd(b, i+1)
		if end < 0 || dst == nil {
			return end
		}
		raw := b[i+1 : end-1]
		if string(raw) == prev {
			*dst = prev
			return end
		}
		if jsonscan.IndexEscape(raw) < 0 {
			*dst = t.Text(raw)
			return end
		}
		s, ok := jsonscan.Unescape(b[i:end])
		if !ok {
			return -1
		}
		*dst = s
		return end
	case c == '-' || ('0' <= c && c <= '9'):
		end = jsonscan.NumberEnd(b, i)
	case c == 't':
		end = jsonscan.LiteralEnd(b, i, "true")
	case c == 'f':
		end = jsonscan.LiteralEnd(b, i, "false")
	case c == 'n':
		return jsonscan.LiteralEnd(b, i, "null")
	default:
		return -1
	}
	if end >= 0 && dst != nil {
		if string(b[i:end]) == prev {
			*dst = prev
		} else {
			*dst = t.Text(b[i:end])
		}
	}
	return end
}

func ybField(name string) int {
	switch name { // a switch, not a loop over ybNames: every key of every record comes here
	case "yb_concept_id":
		return ybOcc
	case "lan":
		return ybLan
	case "ssyk":
		return ybSSYK
	case "omgang":
		return ybRound
	case "del_av_ssyk":
		return ybPartial
	case MeasureJobbmojligheter:
		return ybJobb
	case MeasureRekryteringssituation:
		return ybRekr
	case MeasurePrognos:
		return ybProg
	case "yb_yrke":
		return ybLabel
	}
	return -1
}

// ReadYrkesbarometerXLSX reads the yrkesbarometer as an xlsx workbook: the
// first sheet with a header row naming at least yb_concept_id and lan
// (title rows above it are skipped) and the same columns as the JSON.
func ReadYrkesbarometerXLSX(r io.Reader, file string) (*af.AssessmentSet, error) {
	wb, err := input.OpenXLSX(r, file)
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	t, hr, err := wb.FindSheet("", func(t *input.Table, r int) bool {
		return ybColumns.Named(t, r, ybOcc, ybLan)
	}, "a header row with yb_concept_id and lan")
	if err != nil {
		return nil, err
	}
	h, err := ybColumns.Read(t, hr, nil)
	if err != nil {
		return nil, err
	}
	t.Names = make([]string, t.Width(hr))
	for c := range t.Width(hr) {
		t.Names[c] = input.Fold(t.Get(hr, c))
	}
	var recs []ybRecord
	for r := hr + 1; r < len(t.Raw); r++ {
		if t.Blank(r) {
			continue
		}
		rec := ybRecord{n: int64(r)}
		for i, c := range h.At {
			if c >= 0 {
				rec.f[i] = t.Get(r, c)
			}
		}
		recs = append(recs, rec)
	}
	return buildYrkesbarometer(recs, ybSource{
		where: func(p ybPlace) string { return fmt.Sprintf("row %d", t.Lines[p.n]) },
		at: func(rec *ybRecord, field int, kind error, format string, args ...any) *af.Error {
			c := h.At[field]
			if c < 0 {
				return t.At(int(rec.n), -1, kind, ybNames[field]+": "+format, args...)
			}
			return t.At(int(rec.n), c, kind, format, args...)
		},
	})
}

// isRound reports whether s is a round like 2025-2 (four digits, a dash,
// 1 or 2).
func isRound(s string) bool {
	return len(s) == 6 && input.Digits(s[:4]) && s[4] == '-' && (s[5] == '1' || s[5] == '2')
}

func buildYrkesbarometer(recs []ybRecord, src ybSource) (*af.AssessmentSet, error) {
	b := newYbBuilder(src, len(recs))
	for i := range recs {
		if err := b.add(&recs[i]); err != nil {
			return nil, err
		}
	}
	return b.result(), nil
}

type ybKey struct{ occ, region string }

// ybPlace is where a record is, for errors.
type ybPlace struct{ n, line int64 }

type ybSeen struct {
	ssyk string
	at   ybPlace // the record it was last seen in
}

type ybGroup struct {
	occ, region, level, round string
	labels                    [3]string
	classes                   [3]int
	ssyk                      []ybSeen // one or two as a rule: a slice, not a map
	ssykBuf                   [2]ybSeen
	at                        ybPlace // the first record
}

type ybMapKey struct{ occ, ssyk string }

// ybBuilder turns records, one at a time, into assessments and the
// occupation map: the scanner hands it each record as it is read, so the
// records are not kept.
type ybBuilder struct {
	src    ybSource
	groups map[ybKey]*ybGroup
	chunk  []ybGroup // groups are allocated in chunks that never grow
	order  []*ybGroup
	maps   map[ybMapKey]int
	out    *af.AssessmentSet
	ssyk   map[string]int // lookups().ssykLevel
}

func newYbBuilder(src ybSource, hint int) *ybBuilder {
	return &ybBuilder{src: src, groups: make(map[ybKey]*ybGroup, hint), maps: make(map[ybMapKey]int, hint),
		out: &af.AssessmentSet{}, ssyk: codemap.Lookups().SSYKLevel}
}

func (b *ybBuilder) add(rec *ybRecord) error {
	g := ybGroup{at: ybPlace{rec.n, rec.line}}
	if err := b.place(rec, &g); err != nil {
		return err
	}
	var one [1]string
	var ssyk []string
	var expanded bool
	var msg string
	if s := rec.f[ybSSYK]; len(s) == 4 && b.ssyk[s] == 4 {
		one[0], ssyk = s, one[:] // the common case, as codemap.SSYKList has it, without its allocations
	} else {
		ssyk, expanded, msg = codemap.SSYKList(s)
	}
	if msg != "" {
		return b.src.at(rec, ybSSYK, af.ErrUnknownCode, "%s", msg)
	}
	partial, err := b.assessed(rec, &g)
	if err != nil {
		return err
	}
	grp, err := b.group(rec, &g, ssyk)
	if err != nil {
		return err
	}
	b.mapSSYK(rec, grp, ssyk, partial, expanded)
	return nil
}

// place reads the occupation and the region of rec into g.
func (b *ybBuilder) place(rec *ybRecord, g *ybGroup) error {
	f := &rec.f
	g.occ = strings.TrimSpace(f[ybOcc])
	if g.occ == "" {
		return b.src.at(rec, ybOcc, af.ErrValue, "missing occupation id")
	}
	region := strings.TrimSpace(f[ybLan])
	if len(region) == 1 && input.Digits(region) {
		region = "0" + region
	}
	g.region, g.level = region, af.LevelLan
	switch {
	case region == "":
		return b.src.at(rec, ybLan, af.ErrValue, "missing region (\"00\" riket or a län code)")
	case region == codes.Riket:
		g.level = af.LevelRiket
	case !codes.IsLan(region):
		return b.src.at(rec, ybLan, af.ErrUnknownCode, "not \"00\" (riket) or a län code in lmi/codes")
	}
	return nil
}

// assessed reads the round, the three measures' labels and classes of
// rec into g, and returns whether the occupation is a part of its SSYK.
func (b *ybBuilder) assessed(rec *ybRecord, g *ybGroup) (partial bool, err error) {
	f := &rec.f
	g.round = strings.TrimSpace(f[ybRound])
	if !isRound(g.round) {
		return false, b.src.at(rec, ybRound, af.ErrValue, "expected a round like 2025-2")
	}
	switch d := strings.TrimSpace(f[ybPartial]); d {
	case "", "0", "0.0":
	case "1", "1.0":
		partial = true
	default:
		return false, b.src.at(rec, ybPartial, af.ErrValue, "expected 0 or 1")
	}
	for i, sc := range ybScales {
		l := strings.TrimSpace(f[ybJobb+i])
		g.labels[i] = l
		if l == "" {
			continue
		}
		c, ok := sc.classes[l] // labels come in lower case: ToLower only when not found
		if !ok {
			c, ok = sc.classes[strings.ToLower(l)]
		}
		if !ok {
			return false, b.src.at(rec, ybJobb+i, af.ErrValue, "expected one of %s", scaleLabels(sc.classes))
		}
		g.classes[i] = c
	}
	return partial, nil
}

// group returns the group of g's occupation and region: g itself the
// first time, else the group seen before, which must have the same
// assessments and none of the SSYK codes.
func (b *ybBuilder) group(rec *ybRecord, g *ybGroup, ssyk []string) (*ybGroup, error) {
	k := ybKey{g.occ, g.region}
	old := b.groups[k]
	if old == nil {
		if len(b.chunk) == cap(b.chunk) {
			b.chunk = make([]ybGroup, 0, 256)
		}
		b.chunk = append(b.chunk, *g)
		n := &b.chunk[len(b.chunk)-1]
		n.ssyk = n.ssykBuf[:0]
		b.groups[k] = n
		b.order = append(b.order, n)
		return n, nil
	}
	for _, s := range ssyk {
		for _, e := range old.ssyk {
			if e.ssyk == s {
				return nil, b.src.at(rec, ybSSYK, af.ErrDuplicate, "occupation %s, region %s, SSYK %s already at %s", g.occ, g.region, s, b.src.where(e.at))
			}
		}
	}
	if old.round != g.round || old.labels != g.labels {
		return nil, b.src.at(rec, ybOcc, af.ErrDuplicate,
			"occupation %s, region %s already at %s with other assessments (%s/%s/%s, round %s)",
			g.occ, g.region, b.src.where(old.at), old.labels[0], old.labels[1], old.labels[2], old.round)
	}
	return old, nil
}

// mapSSYK adds rec's SSYK codes to group g and the occupation map.
func (b *ybBuilder) mapSSYK(rec *ybRecord, g *ybGroup, ssyk []string, partial, expanded bool) {
	out, here := b.out, ybPlace{rec.n, rec.line}
	for _, s := range ssyk {
		if j := slices.IndexFunc(g.ssyk, func(e ybSeen) bool { return e.ssyk == s }); j >= 0 {
			g.ssyk[j].at = here // a code repeated within the record
		} else {
			g.ssyk = append(g.ssyk, ybSeen{s, here})
		}
		mk := ybMapKey{g.occ, s}
		if i, ok := b.maps[mk]; ok {
			out.Occupations[i].Partial = out.Occupations[i].Partial || partial
			continue
		}
		b.maps[mk] = len(out.Occupations)
		m := af.OccupationMap{Source: af.SourceYrkesbarometer, Occupation: g.occ, Label: strings.TrimSpace(rec.f[ybLabel]),
			SSYK: s, Share: nan, Partial: partial}
		if expanded {
			m.Published = rec.f[ybSSYK]
		}
		out.Occupations = append(out.Occupations, m)
	}
}

// result makes the three assessments of each group.
func (b *ybBuilder) result() *af.AssessmentSet {
	out := b.out
	if len(b.order) > 0 {
		out.Assessments = make([]af.Assessment, 0, 3*len(b.order))
	}
	total := 0
	for _, g := range b.order {
		total += len(g.ssyk)
	}
	all := make([]string, 0, total) // one array for every group's codes
	for _, g := range b.order {
		from := len(all)
		for _, e := range g.ssyk {
			all = append(all, e.ssyk)
		}
		ssyk := all[from:len(all):len(all)]
		slices.Sort(ssyk)
		for i, sc := range ybScales {
			out.Assessments = append(out.Assessments, af.Assessment{
				Source: af.SourceYrkesbarometer, Round: g.round, Region: g.region, RegionLevel: g.level,
				Occupation: g.occ, SSYK: ssyk, Measure: sc.measure, Value: nan,
				Class: g.classes[i], Label: g.labels[i],
			})
		}
	}
	return out
}
