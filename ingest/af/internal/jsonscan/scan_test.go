package jsonscan

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// refStringEnd is StringEnd byte by byte: the index after the closing
// quote of the JSON string text at b, or -1.
func refStringEnd(b []byte) int {
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == '"':
			return i + 1
		case c == '\\':
			if i+1 >= len(b) {
				return -1
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if len(b)-i < 6 || !hex4(b[i+2:i+6]) {
					return -1
				}
				i += 6
			default:
				return -1
			}
		case c < 0x20:
			return -1
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return -1
			}
			i += n
		}
	}
	return -1
}

// TestStringEnd compares the word-at-a-time string scanner with the byte
// by byte one, and both with encoding/json and utf8.Valid, on random
// strings of the bytes that matter (quotes, escapes, controls, every kind
// of UTF-8 sequence, broken ones) at every alignment.
func TestStringEnd(t *testing.T) {
	pieces := []string{"a", "Vi söker ", "0123456", `"`, `\`, `\"`, `\\`, `\n`, `\u00e5`, `\u12`, `\x`, "\x00", "\x1f", "\x7f",
		"å", "Ö", "\xc2\x80", "\xdf\xbf", "€", "😀", "\xef\xbf\xbd", "\xc0\x80", "\xc1\xbf", "\xc3", "\xa5", "\x80", "\xbf",
		"\xe2\x82", "\xed\xa0\x80", "\xf0\x9f\x98", "\xf4\x90\x80\x80", "\xf5", "\xff", "åäö", "ÅÄÖ éü"}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 200000; n++ {
		var b []byte
		for range rng.IntN(12) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		if rng.IntN(4) > 0 {
			b = append(b, '"')
		}
		b = append(b, ",\"x\":1}"[:rng.IntN(8)]...)
		pad := rng.IntN(8)
		in := append(bytes.Repeat([]byte{'a'}, pad), b...)
		got, plain := StringEnd(in, pad)
		want := refStringEnd(b)
		if want >= 0 {
			want += pad
		}
		if got != want {
			t.Fatalf("stringEnd(%q) = %d, want %d", b, got-pad, want-pad)
		}
		if got < 0 {
			continue
		}
		text := in[pad : got-1]
		if !utf8.Valid(text) || !json.Valid(append([]byte{'"'}, in[pad:got]...)) {
			t.Fatalf("stringEnd took %q, not a JSON string", text)
		}
		if wantPlain := IndexEscape(text) < 0 && !bytes.ContainsFunc(text, func(r rune) bool { return r >= utf8.RuneSelf }); plain != wantPlain {
			t.Fatalf("stringEnd(%q): plain %v", text, plain)
		}
	}
}

// TestPackCell checks that packed cells unpack to their strings and sort
// as they do.
