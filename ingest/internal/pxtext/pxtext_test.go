package pxtext

import "testing"

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
