package af

import (
	"testing"
)

func TestIsRound(t *testing.T) {
	for s, want := range map[string]bool{
		"2024": true, "2018H": true, "2019V": true, "2025-2": true, "1999": true,
		"18H": false, "2018h": false, "2018 H": false, "2025-10": false, "2025-0": false, "2018HT": false, "": false, "2100": false,
	} {
		if IsRound(s) != want {
			t.Errorf("IsRound(%q) = %v, want %v", s, !want, want)
		}
	}
}
