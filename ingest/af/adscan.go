package af

import (
	"encoding/binary"
	"encoding/json"
	"hash/maphash"
	"math/bits"
	"unicode/utf8"
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
func scanAd(b []byte, ad *adJSON, t *textTable) bool {
	*ad = adJSON{}
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	var seen uint // keys met, by bit keyDate..keyPlace: a repeat goes to encoding/json
	i := skipWS(b, 1)
	if i < len(b) && b[i] == '}' {
		return false // {}: no ad field, perhaps a wrapper
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return false
		}
		end, plain := stringEnd(b, i+1)
		if end < 0 || !plain {
			return false // a key with escapes or non-ASCII letters could fold to a field name
		}
		key := b[i+1 : end-1]
		i = skipWS(b, end)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipWS(b, i+1)
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
			i = skipValue(b, i)
		}
		if i < 0 {
			return false
		}
		i = skipWS(b, i)
		if i >= len(b) {
			return false
		}
		if b[i] == ',' {
			i = skipWS(b, i+1)
			continue
		}
		if b[i] != '}' || skipWS(b, i+1) != len(b) {
			return false
		}
		// An object without any ad field may wrap ads: encoding/json decides.
		return !ad.empty()
	}
}

// scanObject reads the object (or null, which leaves a struct as it is)
// at b[i] into dst, the destinations of names; other members are skipped.
// It returns the index after the value, or -1 to give up.
func scanObject(b []byte, i int, names []string, dst [4]*jsonText, t *textTable) int {
	if i >= len(b) {
		return -1
	}
	if b[i] == 'n' {
		return literalEnd(b, i, "null")
	}
	if b[i] != '{' {
		return -1 // a type error in encoding/json
	}
	var seen uint
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return -1
		}
		end, plain := stringEnd(b, i+1)
		if end < 0 || !plain {
			return -1
		}
		key := b[i+1 : end-1]
		i = skipWS(b, end)
		if i >= len(b) || b[i] != ':' {
			return -1
		}
		i = skipWS(b, i+1)
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
			i = skipValue(b, i)
		}
		if i < 0 {
			return -1
		}
		var more bool
		if i, more = afterMember(b, i); !more {
			return i
		}
	}
}

// afterMember reads what follows an object member's value at b[i]: a comma
// (more is true and next is the index of the next key, spaces skipped) or
// the closing brace (next is the index after it); next is -1 for anything
// else.
func afterMember(b []byte, i int) (next int, more bool) {
	i = skipWS(b, i)
	if i >= len(b) {
		return -1, false
	}
	switch b[i] {
	case ',':
		return skipWS(b, i+1), true
	case '}':
		return i + 1, false
	}
	return -1, false
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
func scanText(b []byte, i int, dst *jsonText, t *textTable) int {
	if i >= len(b) {
		return -1
	}
	switch c := b[i]; {
	case c == '"':
		end, _ := stringEnd(b, i+1)
		if end < 0 {
			return -1
		}
		raw := b[i+1 : end-1]
		if indexEscape(raw) < 0 {
			*dst = jsonText(t.text(raw))
			return end
		}
		s, ok := unescape(b[i:end])
		if !ok {
			return -1
		}
		*dst = jsonText(s)
		return end
	case c == '-' || ('0' <= c && c <= '9'):
		end := numberEnd(b, i)
		if end < 0 {
			return -1
		}
		*dst = jsonText(t.text(b[i:end]))
		return end
	case c == 'n':
		*dst = ""
		return literalEnd(b, i, "null")
	}
	return -1
}

// textTable hands out one string for each distinct short value kept:
// dates, codes and concept ids repeat from ad to ad, so they need not be
// allocated for each. It is a direct-mapped cache (a newer value takes
// the slot of an older one), bounded and cheaper than a map: a hash and a
// comparison. A nil table makes every string afresh.
type textTable struct {
	seed  maphash.Seed
	slots *[1 << textTableBits]string
}

const (
	textTableBits = 12
	maxTableText  = 32 // longer values are made afresh
)

func (t *textTable) text(b []byte) string {
	if t == nil || len(b) < 2 || len(b) > maxTableText { // Go makes one-byte strings without allocating
		return string(b)
	}
	if t.slots == nil {
		t.seed, t.slots = maphash.MakeSeed(), new([1 << textTableBits]string)
	}
	sl := &t.slots[maphash.Bytes(t.seed, b)>>(64-textTableBits)]
	if *sl != string(b) {
		*sl = string(b)
	}
	return *sl
}

// unescape decodes a JSON string literal with escapes. They are rare in
// the fields the scanners keep, so encoding/json decodes them (\u00e5,
// surrogate pairs, lone surrogates as U+FFFD); the callers take a literal
// without one (indexEscape) as it is.
func unescape(lit []byte) (s string, ok bool) {
	if json.Unmarshal(lit, &s) != nil {
		return "", false
	}
	return s, true
}

// indexEscape returns the index of the first backslash in s, or -1.
func indexEscape(s []byte) int {
	for j, c := range s {
		if c == '\\' {
			return j
		}
	}
	return -1
}

func skipWS(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

func literalEnd(b []byte, i int, lit string) int {
	if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
		return -1
	}
	return i + len(lit)
}

// numberEnd returns the index after the JSON number at b[i], or -1.
func numberEnd(b []byte, i int) int {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i >= len(b):
		return -1
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		i = digitsEnd(b, i+1)
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		j := digitsEnd(b, i+1)
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digitsEnd(b, i)
		if j == i {
			return -1
		}
		i = j
	}
	return i
}

func digitsEnd(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// maxSkipDepth bounds the nesting skipValue follows (a bit a level);
// deeper values go to encoding/json, whose own limit is 10,000.
const maxSkipDepth = 64

// skipValue checks the JSON value at b[i] without decoding it and returns
// the index after it, or -1 when it is not valid JSON or UTF-8.
func skipValue(b []byte, i int) int {
	var objects uint64 // bit d: the container at depth d is an object
	depth := 0
	for {
		// A value starts at b[i].
		if i >= len(b) {
			return -1
		}
		switch c := b[i]; c {
		case '{', '[':
			if depth == maxSkipDepth {
				return -1
			}
			if c == '{' {
				objects |= 1 << depth
			} else {
				objects &^= 1 << depth
			}
			i = skipWS(b, i+1)
			if i < len(b) && b[i] == c+2 { // empty: '}' or ']'
				i++
				break
			}
			depth++
			if c == '{' {
				if i = skipKey(b, i); i < 0 {
					return -1
				}
			}
			continue
		case '"':
			end, _ := stringEnd(b, i+1)
			if end < 0 {
				return -1
			}
			i = end
		case 't':
			i = literalEnd(b, i, "true")
		case 'f':
			i = literalEnd(b, i, "false")
		case 'n':
			i = literalEnd(b, i, "null")
		default:
			i = numberEnd(b, i)
		}
		// After a value: close containers, or go on to the next member.
		for {
			if i < 0 {
				return -1
			}
			if depth == 0 {
				return i
			}
			i = skipWS(b, i)
			if i >= len(b) {
				return -1
			}
			object := objects>>(depth-1)&1 != 0
			if b[i] == ',' {
				i = skipWS(b, i+1)
				if object {
					i = skipKey(b, i)
				}
				if i < 0 {
					return -1
				}
				break
			}
			if (object && b[i] != '}') || (!object && b[i] != ']') {
				return -1
			}
			i++
			depth--
		}
	}
}

// skipKey checks `"key" :` at b[i] and returns the index of the value.
func skipKey(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	end, _ := stringEnd(b, i+1)
	if end < 0 {
		return -1
	}
	i = skipWS(b, end)
	if i >= len(b) || b[i] != ':' {
		return -1
	}
	return skipWS(b, i+1)
}

// SWAR constants: one byte set in each of the 8 bytes of a word.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// stringEnd checks the JSON string whose text starts at b[i] (after the
// opening quote) and returns the index after its closing quote, or -1 when
// it is not valid JSON (unescaped control character, bad escape, no end)
// or not UTF-8. plain reports a string of ASCII only, without escapes.
// Eight bytes at a time, it looks for the bytes that need a look: a quote,
// a backslash, a control character or a non-ASCII byte.
func stringEnd(b []byte, i int) (end int, plain bool) {
	plain = true
	for {
		for i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i : i+8])
			// Subtracting n from an ASCII byte sets its top bit when the
			// byte is below n: t flags the control characters (below
			// 0x20) and, as the zeros of x^'"' and x^'\\', the quote and
			// the backslash; x has the top bit of the bytes that are not
			// ASCII, which may set bits of t too, so t&^x is the ASCII
			// hits. A borrow only spoils the bytes above a hit, and only
			// the first hit is used.
			t := (x - 0x20*lsb) | ((x ^ '"'*lsb) - lsb) | ((x ^ '\\'*lsb) - lsb)
			m := (t | x) & msb
			if m == 0 {
				i += 8
				continue
			}
			if t&^x&msb == 0 {
				if n := pairs2(x, b, i+8); n > 0 {
					plain = false
					i += n
					continue
				}
			}
			i += bits.TrailingZeros64(m) >> 3
			goto special
		}
		for i < len(b) {
			if c := b[i]; c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
				goto special
			}
			i++
		}
		return -1, false
	special:
		switch c := b[i]; {
		case c == '"':
			return i + 1, plain
		case c == '\\':
			plain = false
			if i+1 >= len(b) {
				return -1, false
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if len(b)-i < 6 || !hex4(b[i+2:i+6]) {
					return -1, false
				}
				i += 6
			default:
				return -1, false
			}
		case c < 0x20:
			return -1, false
		default:
			plain = false
			// Runs of letters like å, ä, ö: two-byte sequences inline, the
			// rest through utf8.DecodeRune (which, like utf8.Valid, refuses
			// overlong forms and surrogates).
			for i < len(b) && b[i] >= utf8.RuneSelf {
				if c := b[i]; c >= 0xC2 && c < 0xE0 {
					if i+1 >= len(b) || b[i+1]&0xC0 != 0x80 {
						return -1, false
					}
					i += 2
					continue
				}
				r, n := utf8.DecodeRune(b[i:])
				if r == utf8.RuneError && n <= 1 {
					return -1, false
				}
				i += n
			}
		}
	}
}

// pairs2 reports whether the non-ASCII bytes of the word x (little
// endian, the word before b[next]) are all whole two-byte UTF-8
// sequences, as Swedish letters are: a lead 110xxxxx of at least 0xC2 (no
// overlong form) followed by a continuation 10xxxxxx. It returns how many
// bytes that covers: 8, 9 when the word ends with a lead continued by
// b[next], or 0 for anything else (three- and four-byte sequences,
// invalid bytes), which the byte by byte check then takes.
func pairs2(x uint64, b []byte, next int) int {
	lead := x & (x << 1) & msb // 11xxxxxx
	cont := x &^ (x << 1) & msb
	notOverlong := ((x & (lsb * 0x1E)) + lsb*0x7F) & msb // bits 1-4 not all 0
	if lead&(x<<2) != 0 || lead<<8 != cont || lead&^notOverlong != 0 {
		return 0 // a 111xxxxx lead, a lone byte, or C0/C1
	}
	if lead>>63 == 0 {
		return 8
	}
	if next < len(b) && b[next]&0xC0 == 0x80 {
		return 9
	}
	return 0
}

func hex4(h []byte) bool {
	for _, c := range h {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
