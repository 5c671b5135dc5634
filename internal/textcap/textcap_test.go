package textcap

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestQuoteAndPlain(t *testing.T) {
	long := strings.Repeat("ä", 100)
	cases := []struct {
		in, quote, plain string
	}{
		{"0180", `"0180"`, "0180"},
		{"", `""`, ""},
		{"a\nb\x1b[2J", `"a\nb\x1b[2J"`, `a\nb\x1b[2J`},
		{"bad\xffbyte", `"bad\xffbyte"`, `bad\xffbyte`},
		{"real \uFFFD", `"real ` + "\uFFFD" + `"`, "real \uFFFD"},
		{`back\slash`, `"back\\slash"`, `back\\slash`},
		{long, `"` + strings.Repeat("ä", 60) + `"...`, strings.Repeat("ä", 60) + "..."},
		{strings.Repeat("x", 60), `"` + strings.Repeat("x", 60) + `"`, strings.Repeat("x", 60)},
	}
	for _, c := range cases {
		if got := Quote(c.in); got != c.quote {
			t.Errorf("Quote(%q) = %s, want %s", c.in, got, c.quote)
		}
		if got := Plain(c.in); got != c.plain {
			t.Errorf("Plain(%q) = %s, want %s", c.in, got, c.plain)
		}
	}
}

func TestLimitLines(t *testing.T) {
	cases := []struct {
		name, in string
		max      int
		want     string // what is read before the error
		line     int64  // 0: no error
	}{
		{"short lines", "ab\ncd\nef", 3, "ab\ncd\nef", 0},
		{"exactly the limit", "abc\nd", 4, "abc\nd", 0},
		{"second line too long", "ab\ncdefg\nh\n", 4, "ab\n", 2},
		{"last line too long, no newline", "ab\ncdefg", 4, "ab\n", 2},
		{"first line", strings.Repeat("x", 100), 10, "", 1},
		{"empty", "", 1, "", 0},
	}
	for _, c := range cases {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = strings.NewReader(c.in)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			got, err := io.ReadAll(LimitLines(r, c.max))
			var le *LineTooLongError
			switch {
			case c.line == 0 && err != nil:
				t.Errorf("%s (one byte %v): %v", c.name, oneByte, err)
			case c.line != 0 && (!errors.As(err, &le) || le.Line != c.line || le.Limit != c.max):
				t.Errorf("%s (one byte %v): err %v, want line %d too long", c.name, oneByte, err, c.line)
			case string(got) != c.want && !(oneByte && strings.HasPrefix(string(got), c.want)):
				t.Errorf("%s (one byte %v): read %q, want %q", c.name, oneByte, got, c.want)
			}
		}
	}
}
