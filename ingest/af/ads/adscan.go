package ads

import (
	"lmi/ingest/af/internal/jsonscan"
)

// The fast path of the ad reader. encoding/json reads every line twice
// (checkValid, then the decoder) after utf8.Valid, and skips a 2 KB
// description it does not want at decoder speed; that was 86% of ReadAds.
// scanAd walks a line once, checking JSON syntax and UTF-8 as it goes,
// keeps the few fields ReadAds uses and skips every other value without
// decoding it. It takes only the plain case, a JobSearch / historical ad
// as one object: on anything else (malformed JSON or UTF-8, another
// schema, a key encoding/json would match only by case folding, a field
// twice, an unexpected type, no ad field at all) it gives up and add
// decodes the line with encoding/json (decodeAd), which then gives the
// result or the error it always gave. Whenever scanAd succeeds, ad is what
// decodeAd fills in (TestScanAdSameAsDecode, FuzzScanAd).

// Fields of the JobSearch schema scanAd keeps.
const (
	keySkip  = iota // not an ad field: skipped
	keySlow         // an ad field scanAd does not take, or a case variant: encoding/json
	keyDate         // publication_date
	keyCount        // number_of_vacancies
	keyGroup        // occupation_group
	keyPlace        // workplace_address
)

// topKey classifies a top-level key (ASCII, no escapes) by adJSON's
// fields. encoding/json matches keys case-insensitively when there is no
// exact match, so a key equal to any field name but for case goes to the
// slow path too. Field names are lower case but for two, so only a key
// with a capital letter needs the folded comparison.
func topKey(k []byte) int {
	switch string(k) {
	case "publication_date":
		return keyDate
	case "number_of_vacancies":
		return keyCount
	case "occupation_group":
		return keyGroup
	case "workplace_address":
		return keyPlace
	case "_source", "publiceringsdatum", "antalPlatser", "antalplatser", "yrkesroll", "arbetsplatsadress",
		"originalJobPosting", "originaljobposting", "ort", "yrke":
		return keySlow
	}
	var buf [24]byte
	l, ok := lowerASCII(buf[:0], k)
	if !ok {
		return keySkip
	}
	switch string(l) {
	case "publication_date", "number_of_vacancies", "occupation_group", "workplace_address",
		"_source", "publiceringsdatum", "antalplatser", "yrkesroll", "arbetsplatsadress",
		"originaljobposting", "ort", "yrke":
		return keySlow
	}
	return keySkip
}

// lowerASCII appends k lower-cased to dst; ok is false when k has no
// capital letter or is longer than any field name (it then matches a
// name exactly or not at all).
func lowerASCII(dst, k []byte) ([]byte, bool) {
	if len(k) > cap(dst) {
		return nil, false
	}
	upper := false
	for _, c := range k {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			upper = true
		}
		dst = append(dst, c)
	}
	return dst, upper
}

// The members of occupation_group and workplace_address, by index into
// the slice of destinations scanObject is given.
var (
	groupKeys = []string{"concept_id", "legacy_ams_taxonomy_id"}
	placeKeys = []string{"municipality_code", "municipality_concept_id", "region_code", "region_concept_id"}
)

// scanAd fills ad from one JSON object b in the JobSearch schema and
// reports whether it could; when it returns false, ad is undefined and the
// line must be decoded with decodeAd.
func scanAd(b []byte, ad *adJSON, t *jsonscan.TextTable) bool {
	*ad = adJSON{}
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	var seen uint // keys met, by bit keyDate..keyPlace: a repeat goes to encoding/json
	i := jsonscan.SkipWS(b, 1)
	if i < len(b) && b[i] == '}' {
		return false // {}: no ad field, perhaps a wrapper
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return false
		}
		end, plain := jsonscan.StringEnd(b, i+1)
		if end < 0 || !plain {
			return false // a key with escapes or non-ASCII letters could fold to a field name
		}
		key := b[i+1 : end-1]
		i = jsonscan.SkipWS(b, end)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = jsonscan.SkipWS(b, i+1)
		k := topKey(key)
		if k >= keyDate {
			if seen&(1<<k) != 0 {
				return false
			}
			seen |= 1 << k
		}
		switch k {
		case keySlow:
			return false
		case keyDate:
			i = scanText(b, i, &ad.PublicationDate, t)
		case keyCount:
			i = scanText(b, i, &ad.NumberOfVacancies, t)
		case keyGroup:
			g := &ad.OccupationGroup
			i = scanObject(b, i, groupKeys, [4]*jsonText{&g.ConceptID, &g.Legacy}, t)
		case keyPlace:
			p := &ad.WorkplaceAddress
			i = scanObject(b, i, placeKeys, [4]*jsonText{&p.MunicipalityCode, &p.MunicipalityConcept, &p.RegionCode, &p.RegionConcept}, t)
		default:
			i = jsonscan.SkipValue(b, i)
		}
		if i < 0 {
			return false
		}
		i = jsonscan.SkipWS(b, i)
		if i >= len(b) {
			return false
		}
		if b[i] == ',' {
			i = jsonscan.SkipWS(b, i+1)
			continue
		}
		if b[i] != '}' || jsonscan.SkipWS(b, i+1) != len(b) {
			return false
		}
		// An object without any ad field may wrap ads: encoding/json decides.
		return !ad.empty()
	}
}

// scanObject reads the object (or null, which leaves a struct as it is)
// at b[i] into dst, the destinations of names; other members are skipped.
// It returns the index after the value, or -1 to give up.
func scanObject(b []byte, i int, names []string, dst [4]*jsonText, t *jsonscan.TextTable) int {
	if i >= len(b) {
		return -1
	}
	if b[i] == 'n' {
		return jsonscan.LiteralEnd(b, i, "null")
	}
	if b[i] != '{' {
		return -1 // a type error in encoding/json
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
			return -1
		}
		key := b[i+1 : end-1]
		i = jsonscan.SkipWS(b, end)
		if i >= len(b) || b[i] != ':' {
			return -1
		}
		i = jsonscan.SkipWS(b, i+1)
		f := memberIndex(key, names)
		switch {
		case f == -2:
			return -1 // a case variant of a member name
		case f >= 0:
			if seen&(1<<f) != 0 {
				return -1
			}
			seen |= 1 << f
			i = scanText(b, i, dst[f], t)
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

// memberIndex returns the index of key in names, -1 for another key, -2
// for a key equal to a name but for case.
func memberIndex(key []byte, names []string) int {
	for j, n := range names {
		if string(key) == n {
			return j
		}
	}
	var buf [24]byte
	l, ok := lowerASCII(buf[:0], key)
	if !ok {
		return -1
	}
	for _, n := range names {
		if string(l) == n {
			return -2
		}
	}
	return -1
}

// scanText reads the string, number or null at b[i] as jsonText does, and
// returns the index after it, or -1 for any other value (an error in
// jsonText.UnmarshalJSON).
func scanText(b []byte, i int, dst *jsonText, t *jsonscan.TextTable) int {
	if i >= len(b) {
		return -1
	}
	switch c := b[i]; {
	case c == '"':
		end, _ := jsonscan.StringEnd(b, i+1)
		if end < 0 {
			return -1
		}
		raw := b[i+1 : end-1]
		if jsonscan.IndexEscape(raw) < 0 {
			*dst = jsonText(t.Text(raw))
			return end
		}
		s, ok := jsonscan.Unescape(b[i:end])
		if !ok {
			return -1
		}
		*dst = jsonText(s)
		return end
	case c == '-' || ('0' <= c && c <= '9'):
		end := jsonscan.NumberEnd(b, i)
		if end < 0 {
			return -1
		}
		*dst = jsonText(t.Text(b[i:end]))
		return end
	case c == 'n':
		*dst = ""
		return jsonscan.LiteralEnd(b, i, "null")
	}
	return -1
}
