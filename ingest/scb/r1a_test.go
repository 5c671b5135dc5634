package scb

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"lmi/ingest/cube"
)

// r1aTable builds an R1a-shaped table: Region x Kon x Alder x the content
// "Folkmängd" x Tid, with extra dimensions after the region, filled with
// fill(region, sex, age), negative for "..".
func r1aTable(regions, sexes, ages []string, extra []cube.Dimension, fill func(r, s, a string) float64) *cube.Table {
	vals := func(cs []string) []cube.Value {
		var out []cube.Value
		for _, c := range cs {
			out = append(out, cube.Value{Code: c, Label: map[string]string{"1": "män", "2": "kvinnor", "1+2": "totalt", "tot": "totalt ålder"}[c]})
		}
		return out
	}
	dims := append([]cube.Dimension{{Code: "Region", Role: cube.RoleGeo, Values: vals(regions)}}, extra...)
	dims = append(dims, cube.Dimension{Code: "Kon", Values: vals(sexes)}, cube.Dimension{Code: "Alder", Values: vals(ages)},
		cube.Dimension{Code: "ContentsCode", Role: cube.RoleMetric, Values: []cube.Value{{Code: "000003U1", Label: "Folkmängd"}}},
		cube.Dimension{Code: "Tid", Role: cube.RoleTime, Values: vals([]string{"2023"})})
	t := cube.New(dims)
	t.ID = "RegionInd19R1a"
	n := t.Len() / (len(regions) * len(sexes) * len(ages))
	off := 0
	for _, r := range regions {
		for range n {
			for _, s := range sexes {
				for _, a := range ages {
					if v := fill(r, s, a); v < 0 {
						t.SetStatus(off, cube.StatusMissing)
					} else {
						t.Set(off, v)
					}
					off++
				}
			}
		}
	}
	return t
}

// allAges are R1a's age codes: 0 to 99, 100+ and the total.
func allAges() []string {
	var out []string
	for a := range 100 {
		out = append(out, fmt.Sprint(a))
	}
	return append(out, "100+", "tot")
}

// TestPopulationR1a: a table whose content is "Folkmängd" by region, sex
// and age is R1a: sex "totalt" and age "tot" are totals (""), and each
// total is checked against its parts, those with an unpublished part not.
func TestPopulationR1a(t *testing.T) {
	// Each single age of each sex 3 people; the age total 303 each,
	// totalt 606, but Gotland's (09) women's total says 300 and its men
	// aged 45 are unpublished.
	fill := func(r, s, a string) float64 {
		switch {
		case r == "09" && s == "1" && a == "45":
			return -1
		case a == "tot" && s == "1+2":
			return 606
		case r == "09" && s == "2" && a == "tot":
			return 300
		case a == "tot":
			return 303
		case s == "1+2":
			return 6
		}
		return 3
	}
	tab := r1aTable([]string{"00", "09"}, []string{"1", "2", "1+2"}, allAges(), nil, fill)
	kind, cells, err := RMI(tab)
	if err != nil || kind != KindR1a {
		t.Fatalf("kind %q, %v", kind, err)
	}
	rows, err := PopulationCells(cells)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2*3*102 {
		t.Fatalf("%d rows, want 2 regions x 3 sexes x 102 ages", len(rows))
	}
	last := rows[len(rows)-1]
	if last.Region != "09" || last.Sex != "" || last.Age != "" || last.N != 606 || rows[100].Age != "100+" {
		t.Errorf("last row %+v, row 100 %+v", last, rows[100])
	}
	checked, diffs := CheckPopulation(rows)
	// Ages: riket's 3 sexes, Gotland's women and totalt (its men lack
	// age 45): 5; sexes: 102 ages of riket, 101 of Gotland's: 203.
	var got []string
	for _, d := range diffs {
		got = append(got, d.String())
	}
	want := []string{
		"RegionInd19R1a Region=09,Kon=2,Alder=tot 2023: folkmangd published 300, recomputed 303.0000 from the single ages",
		"RegionInd19R1a Region=09,Kon=tot,Alder=tot 2023: folkmangd published 606, recomputed 603.0000 from men and women",
	}
	if checked != 208 || !slices.Equal(got, want) {
		t.Errorf("checked %d, differ\n %q\nwant 208,\n %q", checked, got, want)
	}
}

// TestPopulationNotR1a: BE0101-shaped population tables are not R1a: one
// with civilstånd, and one without ages.
func TestPopulationNotR1a(t *testing.T) {
	civil := []cube.Dimension{{Code: "Civilstand", Values: []cube.Value{{Code: "OG", Label: "ogifta"}, {Code: "G", Label: "gifta"}}}}
	one := func(string, string, string) float64 { return 1 }
	if _, _, err := RMI(r1aTable([]string{"20"}, []string{"1"}, []string{"45"}, civil, one)); err == nil || !strings.Contains(err.Error(), "Civilstand") {
		t.Errorf("with civilstånd: %v", err)
	}
	noAge := r1aTable([]string{"20"}, []string{"1"}, []string{"45"}, nil, one)
	noAge.Dimensions = slices.Delete(noAge.Dimensions, 2, 3) // one age: the table keeps its length
	if _, _, err := RMI(noAge); err == nil || !strings.Contains(err.Error(), "without a region and an age") {
		t.Errorf("without ages: %v", err)
	}
	bands := r1aTable([]string{"20"}, []string{"1"}, []string{"0-4"}, nil, one)
	_, cells, err := RMI(bands)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := PopulationCells(cells); err == nil || !strings.Contains(err.Error(), `"0-4"`) {
		t.Errorf("an age band: %v", err)
	}
}
