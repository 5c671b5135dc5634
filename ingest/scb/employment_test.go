package scb

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"lmi/ingest/cube"
	"lmi/ingest/pxjson"
)

const sharedSCB = "../../../shared/data/scb/pxweb_v1_json"

func decodeFile(t *testing.T, path string) []Employment {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := pxjson.Decode(f, filepath.Base(path), nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Employees(tab)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestRegionalRollUpEqualsNational: SCB's employees by län x SSYK x sex x
// year (YREG60, YREG60N), rolled up by lmi to riket, must equal SCB's own
// national totals over all sectors (YREG50, YREG50N) for the same
// occupations, sexes and years, cell for cell.
func TestRegionalRollUpEqualsNational(t *testing.T) {
	if _, err := os.Stat(sharedSCB); err != nil {
		t.Skipf("SCB reference responses not present (%s): this checkout has no ../shared/data", sharedSCB)
	}
	var differ []string
	compared := 0
	for _, ssyk := range []string{"3334", "3335", "9411", "9412", "9413", "9520", "9610", "9621", "9622", "9629"} {
		for _, suffix := range []string{"", "N"} {
			regional := decodeFile(t, filepath.Join(sharedSCB, fmt.Sprintf("YREG60%s_ssyk%s.json", suffix, ssyk)))
			national := decodeFile(t, filepath.Join(sharedSCB, fmt.Sprintf("YREG50%s_ssyk%s.json", suffix, ssyk)))
			lmi, err := RollUpToRiket(regional)
			if err != nil {
				t.Fatal(err)
			}
			scb, err := RollUpToRiket(national)
			if err != nil {
				t.Fatal(err)
			}
			if len(lmi) != len(scb) || len(lmi) == 0 {
				t.Errorf("YREG60%s/YREG50%s %s: %d vs %d cells", suffix, suffix, ssyk, len(lmi), len(scb))
			}
			for k, want := range scb {
				got := lmi[k]
				compared++
				if got.Missing > 0 || want.Missing > 0 || got.N != want.N {
					differ = append(differ, fmt.Sprintf("SSYK %s sex %s %d: lmi %v (%d missing), SCB %v (%d missing)",
						k.SSYK, k.Sex, k.Year, got.N, got.Missing, want.N, want.Missing))
				}
			}
		}
	}
	sort.Strings(differ)
	for _, d := range differ {
		t.Error(d)
	}
	if compared != 120 {
		t.Errorf("compared %d cells, want 120 (10 occupations x 2 sexes x 6 years)", compared)
	}
}

func TestEmployeesCodes(t *testing.T) {
	if _, err := os.Stat(sharedSCB); err != nil {
		t.Skipf("SCB reference responses not present (%s)", sharedSCB)
	}
	rows := decodeFile(t, filepath.Join(sharedSCB, "YREG60_ssyk3334.json"))
	// 21 län and the unknown region x 2 sexes x 5 years.
	if len(rows) != 220 {
		t.Fatalf("%d rows, want 220", len(rows))
	}
	first := rows[0]
	if first.Region != "01" || first.SSYK != "3334" || first.Sex != "1" || first.Year != 2014 || first.N != 654 {
		t.Errorf("first row %+v, want Stockholms län, 3334, men, 2014, 654", first)
	}
}

// TestPersonsCells: from a table by region the län and unknown-region rows
// above zero are cells (SCB's "-" is zero, "yrke okänt" an unknown
// occupation) and riket is checked against them; a table by sector has no
// cells.
func TestPersonsCells(t *testing.T) {
	dims := func(first cube.Dimension) []cube.Dimension {
		return []cube.Dimension{first,
			{Code: "Yrke2012", Values: []cube.Value{{Code: "2512"}, {Code: UnknownOccupation}}},
			{Code: "Kon", Values: []cube.Value{{Code: "1"}}},
			{Code: "Tid", Values: []cube.Value{{Code: "2020"}}},
			{Code: "000005G2", Values: []cube.Value{{Code: "000005G2"}}},
		}
	}
	byRegion := cube.New(dims(cube.Dimension{Code: "Region", Values: []cube.Value{{Code: "00"}, {Code: "01"}, {Code: "99"}}}))
	byRegion.ID = "YREG60N"
	// riket 2512 = 40 + 2; riket yrke okänt = 3, with 01 published as "-".
	for i, v := range []float64{42, 3, 40, 0, 2, 3} {
		byRegion.Set(i, v)
	}
	byRegion.SetStatus(3, cube.StatusZero)
	rows, err := Employees(byRegion)
	if err != nil {
		t.Fatal(err)
	}
	cells, checks := PersonsCells(rows)
	var got []string
	for _, c := range cells {
		got = append(got, fmt.Sprintf("%s/%s/%v", c.Region, c.SSYK, c.N))
	}
	if want := []string{"01/2512/40", "99/2512/2", "99//3"}; !slices.Equal(got, want) {
		t.Errorf("cells %v, want %v", got, want)
	}
	if want := "SCB employment: 3 persons cells by workplace län; riket (totals, not loaded) checked against the sum of its län and 99 in 2 cells, 0 differ"; len(checks) != 1 || checks[0] != want {
		t.Errorf("checks %q, want %q", checks, want)
	}
	bySector := cube.New(dims(cube.Dimension{Code: "ArbetsSektor", Values: []cube.Value{{Code: "11"}, {Code: "15"}}}))
	bySector.ID = "YREG50N"
	for i := range bySector.Values {
		bySector.Set(i, 5)
	}
	if rows, err = Employees(bySector); err != nil {
		t.Fatal(err)
	}
	if cells, checks := PersonsCells(rows); cells != nil || checks != nil {
		t.Errorf("a table by sector gave cells %v, %q", cells, checks)
	}
}
