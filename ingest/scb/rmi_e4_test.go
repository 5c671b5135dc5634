package scb

import (
	"strings"
	"testing"

	"lmi/ingest/cube"
)

// TestMatchTexts reads SCB's ämnesmatch and nivåmatch texts, as RMI E4
// lists them, into lmi's words.
func TestMatchTexts(t *testing.T) {
	for _, c := range []struct {
		label, field, level string
	}{
		{"utb. inriktning stämmer inte med yrket", MatchInte, ""},
		{"utb. inriktning stämmer delvis med yrket", MatchDelvis, ""},
		{"Utb. inriktning stämmer helt med yrket", MatchHelt, ""},
		{"utb. nivå lägre än vad yrket kräver", "", MatchLagre},
		{"utb. nivå högre än vad yrket kräver", "", MatchHogre},
		{"utb. nivå rätt för yrket", "", MatchRatt},
		{"inte tillräckliga uppgifter", MatchOkand, MatchOkand},
		{"totalt", "", ""},
	} {
		f, fok := fieldMatch(c.label)
		l, lok := levelMatch(c.label)
		if f != c.field || fok != (c.field != "") || l != c.level || lok != (c.level != "") {
			t.Errorf("%q: field %q %v, level %q %v; want %q and %q", c.label, f, fok, l, lok, c.field, c.level)
		}
	}
}

// TestMatchTableRefuses: a table without both match dimensions is not E4
// (a YREG table falls through to the employment reader), and a match
// dimension with a text lmi cannot read is an error naming it.
func TestMatchTableRefuses(t *testing.T) {
	field := cube.Dimension{Code: "AmneMatch", Values: []cube.Value{
		{Code: "1", Label: "utb. inriktning stämmer helt med yrket"}, {Code: "2", Label: "inte tillräckliga uppgifter"}}}
	level := cube.Dimension{Code: "NivaMatch", Values: []cube.Value{{Code: "1", Label: "utb. nivå rätt för yrket"}}}
	year := cube.Dimension{Code: "Tid", Values: []cube.Value{{Code: "2022"}}}
	for _, c := range []struct {
		name string
		dims []cube.Dimension
		want string
	}{
		{"no level", []cube.Dimension{field, year}, "no nivåmatch dimension"},
		{"no field", []cube.Dimension{level, year}, "no ämnesmatch dimension"},
		{"unknown text", []cube.Dimension{{Code: "AmneMatch", Values: []cube.Value{
			{Code: "1", Label: "utb. inriktning stämmer helt med yrket"}, {Code: "9", Label: "totalt"}}}, level, year}, `"totalt" is not an ämnesmatch text`},
		{"no time", []cube.Dimension{field, level}, "no Tid dimension"},
	} {
		tab := cube.New(c.dims)
		tab.ID = "X"
		if _, err := MatchTable(tab); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}
