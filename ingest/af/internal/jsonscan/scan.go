package jsonscan

import (
	"encoding/binary"
	"encoding/json"
	"hash/maphash"
	"math/bits"
	"unicode/utf8"
)

// AfterMember reads what follows an object member's value at b[i]: a comma
// (more is true and next is the index of the next key, spaces skipped) or
// the closing brace (next is the index after it); next is -1 for anything
// else.
func AfterMember(b []byte, i int) (next int, more bool) {
	i = SkipWS(b, i)
	if i >= len(b) {
		return -1, false
	}
	switch b[i] {
	case ',':
		return SkipWS(b, i+1), true
	case '}':
		return i + 1, false
	}
	return -1, false
}

// TextTable hands out one string for each distinct short value kept:
// dates, codes and concept ids repeat from ad to ad, so they need not be
// allocated for each. It is a direct-mapped cache (a newer value takes
// the slot of an older one), bounded and cheaper than a map: a hash and a
// comparison. A nil table makes every string afresh.
type TextTable struct {
	seed  maphash.Seed
	slots *[1 << textTableBits]string
}

const (
	textTableBits = 12
	maxTableText  = 32 // longer values are made afresh
)

func (t *TextTable) Text(b []byte) string {
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

// Unescape decodes a JSON string literal with escapes. They are rare in
// the fields the scanners keep, so encoding/json decodes them (\u00e5,
// surrogate pairs, lone surrogates as U+FFFD); the callers take a literal
// without one (IndexEscape) as it is.
func Unescape(lit []byte) (s string, ok bool) {
	if json.Unmarshal(lit, &s) != nil {
		return "", false
	}
	return s, true
}

// IndexEscape returns the index of the first backslash in s, or -1.
func IndexEscape(s []byte) int {
	for j, c := range s {
		if c == '\\' {
			return j
		}
	}
	return -1
}

// SkipWS returns the index of the first byte at or after i that is not
// JSON white space.
func SkipWS(b []byte, i int) int {
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

// LiteralEnd returns the index after the literal lit (true, false, null)
// at b[i], or -1.
func LiteralEnd(b []byte, i int, lit string) int {
	if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
		return -1
	}
	return i + len(lit)
}

// NumberEnd returns the index after the JSON number at b[i], or -1.
func NumberEnd(b []byte, i int) int {
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

// maxSkipDepth bounds the nesting SkipValue follows (a bit a level);
// deeper values go to encoding/json, whose own limit is 10,000.
const maxSkipDepth = 64

// SkipValue checks the JSON value at b[i] without decoding it and returns
// the index after it, or -1 when it is not valid JSON or UTF-8.
func SkipValue(b []byte, i int) int {
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
			i = SkipWS(b, i+1)
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
			end, _ := StringEnd(b, i+1)
			if end < 0 {
				return -1
			}
			i = end
		case 't':
			i = LiteralEnd(b, i, "true")
		case 'f':
			i = LiteralEnd(b, i, "false")
		case 'n':
			i = LiteralEnd(b, i, "null")
		default:
			i = NumberEnd(b, i)
		}
		// After a value: close containers, or go on to the next member.
		for {
			if i < 0 {
				return -1
			}
			if depth == 0 {
				return i
			}
			i = SkipWS(b, i)
			if i >= len(b) {
				return -1
			}
			object := objects>>(depth-1)&1 != 0
			if b[i] == ',' {
				i = SkipWS(b, i+1)
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
	end, _ := StringEnd(b, i+1)
	if end < 0 {
		return -1
	}
	i = SkipWS(b, end)
	if i >= len(b) || b[i] != ':' {
		return -1
	}
	return SkipWS(b, i+1)
}

// SWAR constants: one byte set in each of the 8 bytes of a word.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// StringEnd checks the JSON string whose text starts at b[i] (after the
// opening quote) and returns the index after its closing quote, or -1 when
// it is not valid JSON (unescaped control character, bad escape, no end)
// or not UTF-8. plain reports a string of ASCII only, without escapes.
// Eight bytes at a time, it looks for the bytes that need a look: a quote,
// a backslash, a control character or a non-ASCII byte.
func StringEnd(b []byte, i int) (end int, plain bool) {
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
