package pxtext

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

func TestIsSymbol(t *testing.T) {
	for s, want := range map[string]bool{"..": true, ".": true, ".......": true, "........": false, "-": true, "": false, "0": false, "..x": false} {
		if got := IsSymbol(s); got != want {
			t.Errorf("IsSymbol(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsDecimal(t *testing.T) {
	for s, want := range map[string]bool{"654": true, "-1.5": true, "1e3": true, "+2.": true, ".5": true,
		"": false, ".": false, "0x10": false, "1_000": false, "Inf": false, "NaN": false, "1e": false, "1,5": false} {
		if got := IsDecimal(s); got != want {
			t.Errorf("IsDecimal(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"654", 654, true}, {"-1.25", -1.25, true}, {"+0.1", 0.1, true}, {"1e3", 1000, true},
		{"12345678901234567", 12345678901234567, true}, {"", 0, false}, {".", 0, false},
		{"1,5", 0, false}, {"0x10", 0, false}, {"1e", 0, false}, {"1e999", 0, false}, {"NaN", 0, false},
	}
	for _, c := range cases {
		got, ok := ParseNumber([]byte(c.in))
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestInputSize(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "x")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("12345")
	defer f.Close()
	for name, c := range map[string]struct {
		r    io.Reader
		want int64
	}{
		"bytes":  {bytes.NewReader([]byte("abc")), 3},
		"file":   {f, 5},
		"stream": {io.MultiReader(strings.NewReader("abcd")), 0},
	} {
		if got := InputSize(c.r); got != c.want {
			t.Errorf("%s: %d, want %d", name, got, c.want)
		}
	}
}
