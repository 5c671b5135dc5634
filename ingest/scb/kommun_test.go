package scb

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/ingest/cube"
)

// kommunTable builds a YREG58-shaped table (Region x Yrke2012 x Kon x Tid
// x one content), or YREG56's with an SNI dimension, filled with fill.
func kommunTable(id string, regions, ssyk, sni []string, fill func(region, ssyk, sni string) float64) *cube.Table {
	vals := func(cs []string) []cube.Value {
		var out []cube.Value
		for _, c := range cs {
			out = append(out, cube.Value{Code: c, Label: c})
		}
		return out
	}
	dims := []cube.Dimension{{Code: "Region", Role: cube.RoleGeo, Values: vals(regions)}, {Code: "Yrke2012", Values: vals(ssyk)}}
	if sni != nil {
		dims = append(dims, cube.Dimension{Code: "SNI2007", Values: vals(sni)})
	} else {
		sni = []string{""}
	}
	dims = append(dims, cube.Dimension{Code: "Kon", Values: vals([]string{"1"})}, cube.Dimension{Code: "Tid", Role: cube.RoleTime, Values: vals([]string{"2020"})},
		cube.Dimension{Code: "000005G2", Role: cube.RoleMetric, Values: []cube.Value{{Code: "000005G2", Label: "Anställda 16-64 år med arbetsplats i regionen (dagbef)"}}})
	t := cube.New(dims)
	t.ID = id
	off := 0
	for _, r := range regions {
		for _, s := range ssyk {
			for _, n := range sni {
				if v := fill(r, s, n); v < 0 {
					t.SetStatus(off, cube.StatusMissing)
				} else {
					t.Set(off, v)
				}
				off++
			}
		}
	}
	return t
}

// TestEmployeesByKommun: a YREG58-shaped table of kommuner, a län, riket
// and SCB's unknown regions by SSYK 3 is read at level 3, yrke okänt
// without an occupation; YREG56's SNI dimension is kept; a table mixing
// SSYK levels is refused; and neither gives persons cells.
func TestEmployeesByKommun(t *testing.T) {
	regions := []string{"00", "20", "2021", "2080", "99", "9999"}
	tab := kommunTable("YREG58", regions, []string{"251", UnknownOccupation}, nil, func(r, s, _ string) float64 { return float64(len(r) + len(s)) })
	rows, err := Employees(tab)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s/%s/%d/%v", r.Region, r.SSYK, r.Level, r.N))
	}
	want := []string{"00/251/3/5", "00//3/6", "20/251/3/5", "20//3/6", "2021/251/3/7", "2021//3/8",
		"2080/251/3/7", "2080//3/8", "99/251/3/5", "99//3/6", "9999/251/3/7", "9999//3/8"}
	if !slices.Equal(got, want) {
		t.Errorf("rows %v\nwant %v", got, want)
	}
	if cells, checks := PersonsCells(rows); cells != nil || checks != nil {
		t.Errorf("a table by kommun and SSYK 3 gave persons cells %v, %q", cells, checks)
	}
	bySNI := kommunTable("YREG56", []string{"2080"}, []string{"251"}, []string{"1", "2"}, func(_, _, n string) float64 { return 10 })
	rows, err = Employees(bySNI)
	if err != nil || len(rows) != 2 || rows[0].SNI != "1" || rows[1].SNI != "2" || rows[0].Level != 3 {
		t.Errorf("YREG56: %+v, %v", rows, err)
	}
	mixed := kommunTable("YREG58", []string{"20"}, []string{"251", "2512"}, nil, func(string, string, string) float64 { return 1 })
	if _, err := Employees(mixed); err == nil || !strings.Contains(err.Error(), "mixes SSYK 4 and SSYK 3") {
		t.Errorf("mixed levels: %v", err)
	}
	bad := kommunTable("YREG58", []string{"2099"}, []string{"251"}, nil, func(string, string, string) float64 { return 1 })
	var ce *CodeError
	if _, err := Employees(bad); !errors.As(err, &ce) || ce.Code != "2099" {
		t.Errorf("unknown kommun code: %v", err)
	}
}

// TestCheckKommunTotals: Dalarna (20) against its 15 kommuner, riket
// against its län and 99, and against its kommuner and 9999; a total
// whose parts lack a number is not checked.
func TestCheckKommunTotals(t *testing.T) {
	var regions []string
	regions = append(regions, codes.Riket)
	for _, l := range codes.Lan() {
		regions = append(regions, l.Code)
	}
	for _, k := range codes.Kommuner() {
		regions = append(regions, k.Code)
	}
	regions = append(regions, UnknownRegion, UnknownKommun)
	// Every kommun 2, each län 2 x its kommuner, the unknowns 3: riket
	// 2 x 290 + 3 = 583. Dalarna publishes one too many; 251's Stockholm
	// kommun (0180) is unpublished, so Stockholms län is not checked.
	count := map[string]int{}
	for _, k := range codes.Kommuner() {
		count[k.Lan]++
	}
	fill := func(r, s, _ string) float64 {
		switch {
		case r == codes.Riket:
			return 583
		case r == "0180" && s == "251":
			return -1
		case r == UnknownRegion || r == UnknownKommun:
			return 3
		case r == "20":
			return float64(2*count[r] + 1)
		case len(r) == 2:
			return float64(2 * count[r])
		}
		return 2
	}
	rows, err := Employees(kommunTable("YREG58", regions, []string{"251"}, nil, fill))
	if err != nil {
		t.Fatal(err)
	}
	got := CheckKommunTotals(rows)
	// 21 län + riket twice = 23 totals, less Stockholms län and riket
	// from its kommuner, which 0180 leaves without a number.
	want := []string{
		"SCB employment by kommun: 21 totals checked against their parts (län against its kommuner, riket against its län and 99 and against its kommuner and 9999), 2 differ",
		"  2020 SSYK 251 SNI - sex 1: 00 583, its län and 99 sum to 584",
		"  2020 SSYK 251 SNI - sex 1: 20 31, its kommuner sum to 30",
	}
	if !slices.Equal(got, want) {
		t.Errorf("checks\n %q\nwant\n %q", got, want)
	}
	if got := CheckKommunTotals(rows[:22]); got != nil {
		t.Errorf("a table without kommuner: %q", got)
	}
}
