package codes

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoadGroupingGood(t *testing.T) {
	g, err := LoadGrouping(filepath.Join("testdata", "grouping", "good.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if g.Name != "good" {
		t.Errorf("Name = %q, want %q", g.Name, "good")
	}
	norrbotten := []string{"2505", "2506", "2510", "2513", "2514", "2518", "2521", "2523", "2560", "2580", "2581", "2582", "2583", "2584"}
	want := []GroupRegion{
		{Name: "Norrbotten", Members: []string{"25"}, Kommuner: norrbotten},
		{Name: "Umeåregionen", Members: []string{"2480", "2460", "2403"}, Kommuner: []string{"2403", "2460", "2480"}},
		{Name: "Skelleftebygden", Members: []string{"2482", "2418"}, Kommuner: []string{"2418", "2482"}},
	}
	if len(g.Regions) != len(want) {
		t.Fatalf("%d regions, want %d: %+v", len(g.Regions), len(want), g.Regions)
	}
	for i, w := range want {
		r := g.Regions[i]
		if r.Name != w.Name || !slices.Equal(r.Members, w.Members) || !slices.Equal(r.Kommuner, w.Kommuner) {
			t.Errorf("region %d = %+v, want %+v", i, r, w)
		}
	}

	rollups := []struct {
		kommun, want string
		ok           bool
	}{
		{"2584", "Norrbotten", true},
		{"2403", "Umeåregionen", true},
		{"2482", "Skelleftebygden", true},
		{"2409", "", false}, // Robertsfors: in Västerbotten but not in the file
		{"0180", "", false},
		{"25", "", false},
		{"", "", false},
	}
	for _, tt := range rollups {
		got, ok := g.RollUp(tt.kommun)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RollUp(%q) = %q, %v; want %q, %v", tt.kommun, got, ok, tt.want, tt.ok)
		}
	}

	// A Grouping built by hand (no index) rolls up too, and nil is safe.
	hand := &Grouping{Regions: []GroupRegion{{Name: "X", Kommuner: []string{"0114", "0180"}}}}
	if r, ok := hand.RollUp("0180"); !ok || r != "X" {
		t.Errorf("hand-built RollUp = %q, %v", r, ok)
	}
	var nilG *Grouping
	if _, ok := nilG.RollUp("0180"); ok {
		t.Error("nil Grouping rolls up")
	}
}

func TestReadGroupingSemicolon(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "grouping", "semicolon.csv"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := ReadGrouping(bytes.NewReader(b), "excel")
	if err != nil {
		t.Fatal(err)
	}
	if g.Name != "excel" || len(g.Regions) != 2 || g.Regions[1].Name != "Söder" || len(g.Regions[1].Kommuner) != 26 {
		t.Errorf("got %+v", g)
	}
}

func TestGroupingErrors(t *testing.T) {
	tests := []struct {
		file string
		is   error
		line int
		code string
		msg  string // the whole Error() text
	}{
		{"unknown_code.csv", ErrUnknownCode, 3, "0199",
			`testdata/grouping/unknown_code.csv:3: code "0199": unknown region code: want a län (2 digits) or kommun (4 digits) code`},
		{"overlap_lan_kommun.csv", ErrOverlap, 4, "0180",
			`testdata/grouping/overlap_lan_kommun.csv:4: code "0180": kommun in more than one region: kommun 0180 Stockholm is already in region "Storstockholm" (line 3), cannot also be in "City"`},
		{"duplicate.csv", ErrOverlap, 4, "2480",
			`testdata/grouping/duplicate.csv:4: code "2480": kommun in more than one region: kommun 2480 Umeå is already in region "Umeå" (line 2)`},
		{"no_header.csv", ErrSyntax, 1, "",
			`testdata/grouping/no_header.csv:1: syntax error: first line must be the header "region,code", got "Norr,25"`},
		{"leading_zero.csv", ErrUnknownCode, 2, "180",
			`testdata/grouping/leading_zero.csv:2: code "180": unknown region code: did you mean "0180"? (spreadsheets often drop leading zeros)`},
		{"latin1.csv", ErrSyntax, 2, "",
			`testdata/grouping/latin1.csv:2: syntax error: not valid UTF-8 (save the file as "CSV UTF-8")`},
		{"extra_field.csv", ErrSyntax, 2, "",
			`testdata/grouping/extra_field.csv:2: syntax error: want 2 fields (region, code), got 3`},
		{"bad_quote.csv", ErrSyntax, 2, "", ""},
		{"empty.csv", ErrSyntax, 0, "",
			`testdata/grouping/empty.csv: syntax error: empty file; want the header "region,code" and one line per member`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.ToSlash(filepath.Join("testdata", "grouping", tt.file))
			g, err := LoadGrouping(path)
			if err == nil {
				t.Fatalf("no error; got %+v", g)
			}
			if g != nil {
				t.Errorf("grouping returned with the error")
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			var ge *GroupingError
			if !errors.As(err, &ge) {
				t.Fatalf("error %T is not a *GroupingError", err)
			}
			if ge.File != path || ge.Line != tt.line || ge.Code != tt.code {
				t.Errorf("File, Line, Code = %q, %d, %q; want %q, %d, %q", ge.File, ge.Line, ge.Code, path, tt.line, tt.code)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("Error() =\n%s\nwant\n%s", err, tt.msg)
			}
		})
	}
}

func TestReadGroupingInline(t *testing.T) {
	tests := []struct {
		name, in string
		is       error
		line     int
	}{
		{"only header", "region,code\n", ErrSyntax, 0},
		{"empty region", "region,code\n,25\n", ErrSyntax, 2},
		{"empty code", "region,code\nNorr,\n", ErrSyntax, 2},
		{"riket", "region,code\nAlla,00\n", ErrUnknownCode, 2},
		{"FA code", "region,code\nSthlm,FA23\n", ErrUnknownCode, 2},
		{"kommun then its län", "region,code\nA,0180\nB,01\n", ErrOverlap, 3},
		{"län twice", "region,code\nA,25\nA,25\n", ErrOverlap, 3},
		{"region name with line break", "region,code\n\"No\nrr\",25\n", ErrSyntax, 2},
		{"wrong header", "namn,kod\nNorr,25\n", ErrSyntax, 1},
		{"header with one field", "region\n", ErrSyntax, 1},
	}
	for _, tt := range tests {
		_, err := ReadGrouping(strings.NewReader(tt.in), "inline")
		var ge *GroupingError
		if !errors.Is(err, tt.is) || !errors.As(err, &ge) || ge.Line != tt.line {
			t.Errorf("%s: error %v; want %v at line %d", tt.name, err, tt.is, tt.line)
		}
	}
	if _, err := ReadGrouping(nil, "nil"); err == nil {
		t.Error("nil reader: no error")
	}
	big := "region,code\n" + strings.Repeat("# padding\n", maxGroupingSize/10+1)
	if _, err := ReadGrouping(strings.NewReader(big), "big"); !errors.Is(err, ErrSyntax) {
		t.Errorf("oversized file: %v", err)
	}
	if _, err := LoadGrouping(filepath.Join("testdata", "grouping", "missing.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestGroupingErrorFormat(t *testing.T) {
	tests := []struct {
		e    GroupingError
		want string
	}{
		{GroupingError{File: "a.csv", Line: 3, Code: "X", Err: ErrUnknownCode}, `a.csv:3: code "X": unknown region code`},
		{GroupingError{File: "a.csv", Line: 3, Err: ErrSyntax}, `a.csv:3: syntax error`},
		{GroupingError{File: "a.csv", Err: ErrSyntax}, `a.csv: syntax error`},
		{GroupingError{Line: 2, Code: "X", Err: ErrOverlap}, `line 2: code "X": kommun in more than one region`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// FuzzReadGrouping checks that no input makes ReadGrouping panic, that every
// error is a *GroupingError wrapping one of the sentinels, and that a
// grouping it accepts is consistent.
func FuzzReadGrouping(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "grouping", "*.csv"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed files: %v", err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"", "\ufeff", "region,code", "region,code\nA,01\nB,03\n", "region\tcode\nA\t0180\n",
		"region;code\nA;0180;x\n", "region,code\nA,\"01\nB,03\n", "region,code\n\"A\"\"B\",01\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := ReadGrouping(bytes.NewReader(b), "fuzz")
		if err != nil {
			var ge *GroupingError
			if !errors.As(err, &ge) {
				t.Fatalf("error %T %v is not a *GroupingError", err, err)
			}
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrUnknownCode) && !errors.Is(err, ErrOverlap) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			if g != nil {
				t.Fatal("grouping returned with an error")
			}
			return
		}
		if len(g.Regions) == 0 {
			t.Fatal("accepted a grouping without regions")
		}
		seen := map[string]bool{}
		for _, r := range g.Regions {
			if r.Name == "" || len(r.Members) == 0 || !slices.IsSorted(r.Kommuner) {
				t.Fatalf("bad region %+v", r)
			}
			for _, k := range r.Kommuner {
				if seen[k] || !IsKommun(k) {
					t.Fatalf("kommun %q twice or unknown", k)
				}
				seen[k] = true
				if got, ok := g.RollUp(k); !ok || got != r.Name {
					t.Fatalf("RollUp(%s) = %q, want %q", k, got, r.Name)
				}
			}
		}
	})
}
