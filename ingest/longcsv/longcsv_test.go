package longcsv

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"lmi/ingest/cube"
)

func TestDecode(t *testing.T) {
	for _, c := range []struct {
		name, text string
		dims       string // codes with their values
		cells      string // values and statuses in storage order
	}{
		{"analyst's extract", "lan,ssyk4,kon,ar,anstallda\n01,2512,1,2020,100\n01,2512,2,2020,40\n03,2512,1,2020,..\n",
			"Region[01 03] Yrke2012[2512] Kon[1 2] Tid[2020]", "100 40 .. .."},
		{"lmi fetch's own CSV", "Region,Region_label,Tid,Tid_label,value,status\n00,Riket,2022,2022,5.5,\n01,Stockholms län,2022,2022,,..\n",
			"Region[00 01] Tid[2022]", "5.5 .."},
		{"semicolon, decimal comma, BOM", "\ufeffRegion;År;Värde\n01;2021;1 234,5\n01;2022;-\n",
			"Region[01] Tid[2021 2022]", "1234.5 -"},
		{"latin-1", "l\xe4n;\xe5r;antal\n01;2021;3\n", "Region[01] Tid[2021]", "3"},
		{"an unknown dimension keeps its name", "Utbildning,Tid,value\nx,2020,1\n", "Utbildning[x] Tid[2020]", "1"},
	} {
		tb, err := Decode(strings.NewReader(c.text), c.name)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var dims, cells []string
		for _, d := range tb.Dimensions {
			var codes []string
			for _, v := range d.Values {
				codes = append(codes, v.Code)
			}
			dims = append(dims, d.Code+"["+strings.Join(codes, " ")+"]")
		}
		for i, v := range tb.Values {
			if tb.Status[i] != "" {
				cells = append(cells, tb.Status[i])
			} else {
				cells = append(cells, strconv.FormatFloat(v, 'f', -1, 64))
			}
		}
		if got := strings.Join(dims, " "); got != c.dims {
			t.Errorf("%s: dimensions %s, want %s", c.name, got, c.dims)
		}
		if got := strings.Join(cells, " "); got != c.cells {
			t.Errorf("%s: cells %s, want %s", c.name, got, c.cells)
		}
	}
	tb, _ := Decode(strings.NewReader("Region,Region_label,Tid,value\n01,Stockholms län,2022,1\n"), "x")
	if tb.Dimensions[0].Values[0].Label != "Stockholms län" || tb.Dimensions[0].Role != cube.RoleGeo || tb.Dimensions[1].Role != cube.RoleTime {
		t.Errorf("labels and roles: %+v", tb.Dimensions)
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"lan,ar\n01,2020\n", "no column of numbers"},
		{"value\n1\n", "no dimension column"},
		{"lan,ar,value\n01,2020,1\n01,2020,2\n", "the same cell (01, 2020) a second time"},
		{"lan,ar,value\n01,2020,x1\n", `:2: "x1" is not a number`},
		{"lan,ar,value\n", "no rows"},
		{"lan,region,ar,value\n01,01,2020,1\n", "two columns are Region"},
	} {
		_, err := Decode(strings.NewReader(c.text), "f.csv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.text, err, c.want)
		}
	}
	if _, err := Decode(strings.NewReader("a,b\n1,2\n"), "f.csv"); !errors.Is(err, ErrNotLong) {
		t.Errorf("not a long table: %v", err)
	}
}

func TestLooks(t *testing.T) {
	for line, want := range map[string]bool{
		"lan,ssyk4,kon,ar,anstallda":                     true,
		"Region,Region_label,Tid,Tid_label,value,status": true,
		"\ufeffRegion;År;Värde":                          true,
		"year,home_kommun,work_kommun,status,n":          false, // lmi's persons: no region column it knows, no value
		"a,b,c":                                          false,
	} {
		if got := Looks(line); got != want {
			t.Errorf("Looks(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestRealYREG60 reads the real yearly employment by län x SSYK 4 x sex
// (SCB YREG60, YREG60N and YREG60BAS, 2014-2021): 21 x 429 x 2 x 8 cells.
func TestRealYREG60(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "scb", "yreg60_lan_ssyk4_kon_2014_2021.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("the shared reference data is not beside this checkout (%v)", err)
	}
	defer f.Close()
	tb, err := Decode(f, "YREG60")
	if err != nil {
		t.Fatal(err)
	}
	if tb.Len() != 144144 {
		t.Errorf("%d cells, want 144,144", tb.Len())
	}
	for i, s := range tb.Status {
		if s != "" {
			t.Fatalf("cell %d has no number (%q): the file has every cell", i, s)
		}
	}
}

// FuzzDecode: no input makes Decode panic, and a table it returns is
// well formed.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"lan,ssyk4,kon,ar,anstallda\n01,2512,1,2020,100\n01,2512,2,2020,40\n",
		"Region,Region_label,Tid,Tid_label,value,status\n00,Riket,2022,2022,5.5,\n01,Stockholms län,2022,2022,,..\n",
		"\ufeffRegion;År;Värde\n01;2021;1 234,5\n", "l\xe4n;\xe5r;antal\n01;2021;3\n", "lan,ar,value\n\"01\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := Decode(bytes.NewReader(b), "fuzz.csv")
		if err != nil {
			return
		}
		if err := tb.Validate(); err != nil {
			t.Fatalf("invalid table: %v", err)
		}
	})
}
