package scb

import (
	"bytes"
	"testing"

	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
)

// FuzzTables reads mutated JSON-stat tables as the loader does: every
// table that decodes goes through RMI, MatchTable and Employees, which
// must refuse what is not theirs with an error and never panic.
func FuzzTables(f *testing.F) {
	for _, s := range tableSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in []byte) { readTable(in) })
}

// TestTableSeeds: FuzzTables's seeds reach each reader.
func TestTableSeeds(t *testing.T) {
	var read [3]int
	for _, s := range tableSeeds(t) {
		r := readTable(s)
		for i := range r {
			if r[i] {
				read[i]++
			}
		}
	}
	if read != [3]int{7, 1, 1} {
		t.Errorf("seeds read by RMI, MatchTable and Employees: %v, want 7, 1 and 1", read)
	}
}

// readTable decodes in and reads it with RMI, MatchTable and Employees
// (and what follows them in the loader), saying which took it.
func readTable(in []byte) (read [3]bool) {
	tab, err := jsonstat.Decode(bytes.NewReader(in), "f.json")
	if err != nil {
		return read
	}
	if _, cells, err := RMI(tab); err == nil {
		read[0] = true
		CheckRMI(cells)
		for i := range cells {
			CommutingShares(&cells[i])
		}
	}
	if _, err := MatchTable(tab); err == nil {
		read[1] = true
	}
	if rows, err := Employees(tab); err == nil {
		read[2] = true
		PersonsCells(rows)
		RollUpToRiket(rows)
	}
	return read
}

// tableSeeds are JSON-stat tables of every shape the readers take: the
// RMI kinds, E4 and YREG60.
func tableSeeds(tb testing.TB) [][]byte {
	var out [][]byte
	seed := func(tab *cube.Table) {
		var buf bytes.Buffer
		if err := jsonstat.Encode(&buf, tab); err != nil {
			tb.Fatal(err)
		}
		out = append(out, buf.Bytes())
	}
	values := func(n int) func(int, int) []float64 {
		return func(int, int) []float64 {
			v := make([]float64, n)
			for i := range v {
				v[i] = float64(10 * (i + 1))
			}
			return v
		}
	}
	for _, texts := range [][]string{e3Texts, u2Texts, u1aTexts, u1bTexts, u3Texts, e2bTexts} {
		seed(rmiTable("RegionInd19", texts, []string{"00", "FA01", "20"}, []string{"2021", "2022"}, values(len(texts))))
	}
	seed(rmiTable("M2", []string{"Matchningsgrad, procent"}, []string{"00"}, []string{"2022"}, values(1)))
	vals := func(pairs ...string) []cube.Value {
		var vs []cube.Value
		for i := 0; i < len(pairs); i += 2 {
			vs = append(vs, cube.Value{Code: pairs[i], Label: pairs[i+1]})
		}
		return vs
	}
	fill := func(tab *cube.Table) *cube.Table {
		for i := range tab.Values {
			tab.Set(i, float64(i%7))
		}
		return tab
	}
	// E4: the employed by ämnesmatch and nivåmatch.
	e4 := cube.New([]cube.Dimension{
		{Code: "Region", Role: cube.RoleGeo, Values: vals("00", "Riket")},
		{Code: "AmneMatch", Values: vals("1", "utb. inriktning stämmer inte med yrket", "3", "utb. inriktning stämmer helt med yrket")},
		{Code: "NivaMatch", Values: vals("1", "utb. nivå lägre än vad yrket kräver", "3", "utb. nivå rätt för yrket")},
		{Code: "ContentsCode", Role: cube.RoleMetric, Values: vals("0000059E", "Anställda 20-64 år")},
		{Code: "Tid", Role: cube.RoleTime, Values: vals("2022", "2022")},
	})
	e4.ID = "RegionInd19E4N1"
	seed(fill(e4))
	// YREG60: employees by workplace region x SSYK x sex x year.
	yreg := cube.New([]cube.Dimension{
		{Code: "Region", Role: cube.RoleGeo, Values: vals("00", "Riket", "01", "Stockholms län", "99", "Okänt")},
		{Code: "Yrke2012", Values: vals("2512", "Mjukvaru- och systemutvecklare", "0002", "Yrke okänt")},
		{Code: "Kon", Values: vals("1", "män", "2", "kvinnor")},
		{Code: "ContentsCode", Role: cube.RoleMetric, Values: vals("000005G2", "Anställda (yrkesregistret) 16-64 år med arbetsplats i regionen (dagbef)")},
		{Code: "Tid", Role: cube.RoleTime, Values: vals("2022", "2022", "2023", "2023")},
	})
	yreg.ID = "YREG60"
	seed(fill(yreg))
	return out
}
