package codes

import (
	"strings"
	"testing"
)

func TestParseLevel(t *testing.T) {
	tests := []struct {
		in   string
		want Level
		err  bool
	}{
		{"kommun", LevelKommun, false},
		{"lan", LevelLan, false},
		{"län", LevelLan, false},
		{"LÄN", LevelLan, false},
		{"FA", LevelFA, false},
		{" riket ", LevelRiket, false},
		{"", "", true},
		{"county", "", true},
		{"fa15", "", true},
		{"kommuner", "", true},
	}
	for _, tt := range tests {
		got, err := ParseLevel(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseLevel(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.err)
		}
		if err != nil && !strings.Contains(err.Error(), "valid: kommun, lan, fa, riket") {
			t.Errorf("ParseLevel(%q) error %q does not list the valid levels", tt.in, err)
		}
	}
}

func TestRollUp(t *testing.T) {
	tests := []struct {
		level  Level
		kommun string
		want   string
		ok     bool
	}{
		{LevelKommun, "0180", "0180", true},
		{LevelLan, "0180", "01", true},
		{LevelFA, "0180", "FA23", true},
		{LevelRiket, "0180", "00", true},
		{LevelLan, "0380", "03", true},
		{LevelFA, "0380", "FA23", true}, // Uppsala is in the Stockholm FA region
		{LevelLan, "0980", "09", true},
		{LevelFA, "0980", "FA20", true},
		{LevelFA, "2584", "FA60", true},
		{LevelLan, "2584", "25", true},
		{LevelKommun, "0100", "", false},
		{LevelLan, "01", "", false},
		{LevelRiket, "", "", false},
		{Level("grouping"), "0180", "", false},
	}
	for _, tt := range tests {
		got, ok := RollUp(tt.level, tt.kommun)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RollUp(%q, %q) = %q, %v; want %q, %v", tt.level, tt.kommun, got, ok, tt.want, tt.ok)
		}
	}
	// Every kommun rolls up at every level to a code that has a name.
	for _, k := range Kommuner() {
		for _, l := range []Level{LevelKommun, LevelLan, LevelFA, LevelRiket} {
			c, ok := RollUp(l, k.Code)
			if !ok || RegionName(l, c) == "" {
				t.Errorf("RollUp(%s, %s) = %q, %v (name %q)", l, k.Code, c, ok, RegionName(l, c))
			}
		}
	}
}

func TestRegionName(t *testing.T) {
	tests := []struct {
		level Level
		code  string
		want  string
	}{
		{LevelKommun, "0180", "Stockholm"},
		{LevelKommun, "0114", "Upplands Väsby"},
		{LevelKommun, "2584", "Kiruna"},
		{LevelLan, "01", "Stockholms län"},
		{LevelLan, "09", "Gotlands län"},
		{LevelFA, "FA23", "Stockholm"},
		{LevelFA, "FA01", "Malmö-Lund"},
		{LevelRiket, "00", "Riket"},
		{LevelRiket, "01", ""},
		{LevelKommun, "01", ""},
		{LevelLan, "0180", ""},
		{LevelLan, "02", ""},
		{LevelFA, "FA61", ""},
		{LevelFA, "23", ""},
		{Level(""), "01", ""},
	}
	for _, tt := range tests {
		if got := RegionName(tt.level, tt.code); got != tt.want {
			t.Errorf("RegionName(%q, %q) = %q, want %q", tt.level, tt.code, got, tt.want)
		}
	}
}
