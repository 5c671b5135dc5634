package ads

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"slices"
	"strings"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
	"lmi/ingest/af/internal/jsonscan"
)

// Taxonomy maps JobTech concept ids to lmi codes. It is built from the
// JobTech taxonomy dump (jobtech_taxonomy_legacy_to_concept.json) by exact
// label match against lmi/codes, since the dump has no SSYK or kommun code
// attribute: its keys are AF legacy ids, which for ssyk-level-4 are NOT
// SSYK codes (1288 is "Transportledare och transportsamordnare", SSYK
// 4323). Pairs from a better source (AddSSYK) take precedence.
type Taxonomy struct {
	SSYK   map[string]string // ssyk-level-4 concept id -> SSYK 4
	Kommun map[string]string // municipality concept id -> kommun code
	Lan    map[string]string // region concept id -> län code
	// Unmatched counts, per concept type, the concepts whose label matched
	// no code (37 ssyk-level-4 concepts in the 2020 dump; foreign regions).
	Unmatched map[string]int
}

// ReadTaxonomy reads the JobTech taxonomy dump: {type: {legacyId:
// {conceptId, legacyAmsTaxonomyId, preferredLabel, type}}}. Only the
// ssyk-level-4, municipality and region types are used.
func ReadTaxonomy(r io.Reader, file string) (*Taxonomy, error) {
	var dump *taxDump
	data, ok, err := jsonscan.ReadScanned(r, file, func(b []byte) (ok bool) {
		dump, ok = scanTaxonomy(b)
		return ok
	})
	if err != nil {
		return nil, err
	}
	if !ok {
		// Anything unusual: encoding/json gives the result or the error.
		if dump, err = decodeTaxonomy(data, file); err != nil {
			return nil, err
		}
	}
	return matchTaxonomy(dump, file)
}

// The concept types ReadTaxonomy uses, by index into taxDump.
var taxTypes = [3]string{"ssyk-level-4", "municipality", "region"}

// taxConcept is a concept of the dump under its legacy id.
type taxConcept struct {
	legacy, conceptID, label string
}

// taxDump holds the concepts of the used types, sorted by legacy id (a
// nil slice where the type is absent or null).
type taxDump [3][]taxConcept

// decodeTaxonomy reads the dump with encoding/json: the reference for
// scanTaxonomy and its fallback.
func decodeTaxonomy(data []byte, file string) (*taxDump, error) {
	type concept struct {
		ConceptID string `json:"conceptId"`
		Label     string `json:"preferredLabel"`
	}
	var dump map[string]map[string]concept
	if err := json.Unmarshal(data, &dump); err != nil {
		return nil, jsonscan.DecodeError(data, file, 0, err)
	}
	var d taxDump
	for ti, typ := range taxTypes {
		m := dump[typ]
		if m == nil {
			continue
		}
		d[ti] = make([]taxConcept, 0, len(m))
		for k, c := range m {
			d[ti] = append(d[ti], taxConcept{k, c.ConceptID, c.Label})
		}
		sortConcepts(d[ti])
	}
	return &d, nil
}

// sortConcepts sorts by legacy id, for a deterministic result when two
// legacy ids share a concept id.
func sortConcepts(cs []taxConcept) {
	slices.SortFunc(cs, func(a, b taxConcept) int { return strings.Compare(a.legacy, b.legacy) })
}

func matchTaxonomy(dump *taxDump, file string) (*Taxonomy, error) {
	if dump[0] == nil && dump[1] == nil && dump[2] == nil {
		return nil, &af.Error{File: file, Kind: af.ErrNotData, Msg: "no ssyk-level-4, municipality or region concepts"}
	}
	ssykByName := map[string]string{}
	dupName := map[string]bool{}
	for _, e := range codes.SSYK(4) {
		k := input.Fold(e.Name)
		if _, ok := ssykByName[k]; ok {
			dupName[k] = true
		}
		ssykByName[k] = e.Code
	}
	n := codemap.Lookups()
	lanByFull := map[string]string{}
	for code, name := range n.LanName {
		lanByFull[input.Fold(name)] = code
	}
	t := &Taxonomy{SSYK: map[string]string{}, Kommun: map[string]string{}, Lan: map[string]string{}, Unmatched: map[string]int{}}
	for ti, c := range []struct{ dst, by map[string]string }{{t.SSYK, ssykByName}, {t.Kommun, n.KommunByName}, {t.Lan, lanByFull}} {
		for _, k := range dump[ti] {
			l := input.Fold(k.label)
			if code, ok := c.by[l]; ok && !dupName[l] && k.conceptID != "" {
				c.dst[k.conceptID] = code
			} else {
				t.Unmatched[taxTypes[ti]]++
			}
		}
	}
	return t, nil
}

// scanTaxonomy is the fast path of ReadTaxonomy: json.Unmarshal decoded
// every concept of every type (checkValid alone about 40% of the time),
// where only three types are used. It walks the dump once, checking JSON
// syntax as it goes (input.ReadText has checked UTF-8), keeps the concepts of
// the used types and only checks the others, which must still have the
// shape json.Unmarshal wants. It takes only the plain case: on anything
// else (malformed JSON, a top level that is not an object, a key with
// escapes or non-ASCII letters, a used type or legacy id or concept field
// twice, a key equal to a concept field but for case, a value of the
// wrong type) it returns false and the dump is decoded with encoding/json,
// which gives the result or error it always gave. Whenever it succeeds,
// the dump is decodeTaxonomy's (TestScanTaxonomySameAsDecode,
// FuzzScanTaxonomy).
func scanTaxonomy(b []byte) (*taxDump, bool) {
	var d taxDump
	i := jsonscan.SkipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, false
	}
	var seen uint
	i = jsonscan.SkipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return &d, jsonscan.SkipWS(b, i+1) == len(b)
	}
	for {
		key, j := scanKey(b, i)
		if j < 0 {
			return nil, false
		}
		i = j
		ti := slices.Index(taxTypes[:], string(key))
		var dst *[]taxConcept
		if ti >= 0 {
			if seen&(1<<ti) != 0 {
				return nil, false
			}
			seen |= 1 << ti
			dst = &d[ti]
		}
		if i = scanConcepts(b, i, dst); i < 0 {
			return nil, false
		}
		i = jsonscan.SkipWS(b, i)
		if i >= len(b) {
			return nil, false
		}
		if b[i] == ',' {
			i = jsonscan.SkipWS(b, i+1)
			continue
		}
		if b[i] != '}' || jsonscan.SkipWS(b, i+1) != len(b) {
			return nil, false
		}
		for _, cs := range d {
			sortConcepts(cs)
			for k := 1; k < len(cs); k++ {
				if cs[k].legacy == cs[k-1].legacy {
					return nil, false // the map keeps the last: encoding/json decides
				}
			}
		}
		return &d, true
	}
}

// scanKey reads `"key" :` at b[i], a key of ASCII without escapes, and
// returns it and the index of the value, or -1.
func scanKey(b []byte, i int) ([]byte, int) {
	if i >= len(b) || b[i] != '"' {
		return nil, -1
	}
	end, plain := jsonscan.StringEnd(b, i+1)
	if end < 0 || !plain {
		return nil, -1
	}
	key := b[i+1 : end-1]
	i = jsonscan.SkipWS(b, end)
	if i >= len(b) || b[i] != ':' {
		return nil, -1
	}
	return key, jsonscan.SkipWS(b, i+1)
}

// scanConcepts reads the object of legacy id -> concept (or null) at b[i],
// appending the concepts to *dst when dst is not nil; *dst stays nil for
// null, as a nil map in decodeTaxonomy. It returns the index after it, or
// -1 to give up.
func scanConcepts(b []byte, i int, dst *[]taxConcept) int {
	if i >= len(b) {
		return -1
	}
	if b[i] == 'n' {
		return jsonscan.LiteralEnd(b, i, "null")
	}
	if b[i] != '{' {
		return -1
	}
	if dst != nil {
		*dst = []taxConcept{}
	}
	i = jsonscan.SkipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1
	}
	for {
		key, j := scanKey(b, i)
		if j < 0 {
			return -1
		}
		var c taxConcept
		var cp *taxConcept
		if dst != nil {
			c.legacy = string(key)
			cp = &c
		}
		if i = scanConcept(b, j, cp); i < 0 {
			return -1
		}
		if dst != nil {
			*dst = append(*dst, c)
		}
		var more bool
		if i, more = jsonscan.AfterMember(b, i); !more {
			return i
		}
	}
}

var taxFields = [2]string{"conceptId", "preferredLabel"}

// taxField returns the index of key in taxFields, -1 for another key, -2
// for a key equal to a field but for case, which encoding/json matches
// too (keys here are ASCII: no other folding applies).
func taxField(key []byte) int {
	for j, n := range taxFields {
		if string(key) == n {
			return j
		}
	}
	for _, n := range taxFields {
		if len(key) == len(n) && strings.EqualFold(string(key), n) {
			return -2
		}
	}
	return -1
}

// scanConcept reads the concept object (or null) at b[i] into c when c is
// not nil and returns the index after it, or -1 to give up.
func scanConcept(b []byte, i int, c *taxConcept) int {
	if i >= len(b) {
		return -1
	}
	if b[i] == 'n' {
		return jsonscan.LiteralEnd(b, i, "null")
	}
	if b[i] != '{' {
		return -1
	}
	var seen uint
	i = jsonscan.SkipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1
	}
	for {
		key, j := scanKey(b, i)
		if j < 0 {
			return -1
		}
		i = j
		switch f := taxField(key); {
		case f == -2:
			return -1 // a case variant: encoding/json matches it too
		case f >= 0:
			if seen&(1<<f) != 0 {
				return -1
			}
			seen |= 1 << f
			var dst *string
			if c != nil {
				dst = &c.conceptID
				if f == 1 {
					dst = &c.label
				}
			}
			i = scanString(b, i, dst)
		default:
			i = jsonscan.SkipValue(b, i)
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

// scanString reads the string or null at b[i] into dst (when not nil;
// null leaves it as it is, as encoding/json does) and returns the index
// after it, or -1 for any other value.
func scanString(b []byte, i int, dst *string) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case 'n':
		return jsonscan.LiteralEnd(b, i, "null")
	case '"':
		end, _ := jsonscan.StringEnd(b, i+1)
		if end < 0 || dst == nil {
			return end
		}
		raw := b[i+1 : end-1]
		if jsonscan.IndexEscape(raw) < 0 {
			*dst = string(raw)
			return end
		}
		s, ok := jsonscan.Unescape(b[i:end])
		if !ok {
			return -1
		}
		*dst = s
		return end
	}
	return -1
}

// AddSSYK adds concept -> SSYK pairs (for example from ReadPrognosTexter),
// replacing label matches. Concepts with more than one SSYK are skipped.
func (t *Taxonomy) AddSSYK(m af.ConceptSSYK) {
	for c, s := range m {
		if len(s) == 1 {
			t.SSYK[c] = s[0]
		}
	}
}

// ReadTaxonomyFile reads a JobTech taxonomy dump from a file and returns
// the SHA-256 of the bytes read too, so a run records the taxonomy its
// loads used.
func ReadTaxonomyFile(path string) (*Taxonomy, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	tax, err := ReadTaxonomy(bytes.NewReader(b), path)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(b)
	return tax, hex.EncodeToString(sum[:]), nil
}
