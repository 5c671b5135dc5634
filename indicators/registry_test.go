package indicators

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestBuiltinRegistry(t *testing.T) {
	perFamily := map[string]int{}
	seen := map[string]bool{}
	for _, ind := range All() {
		if seen[ind.Name] {
			t.Errorf("%s registered twice", ind.Name)
		}
		seen[ind.Name] = true
		perFamily[ind.Family]++
		f, ok := familyByName(ind.Family)
		if !ok {
			t.Errorf("%s: unknown family %s", ind.Name, ind.Family)
			continue
		}
		if ind.Label == "" || ind.Unit == "" || ind.Version < 1 || ind.Section == "" || ind.Description == "" {
			t.Errorf("%s: incomplete metadata %+v", ind.Name, ind)
		}
		if strings.Join(ind.Dimensions, ",") != strings.Join(f.dims, ",") {
			t.Errorf("%s: dimensions %v, but family %s has %v", ind.Name, ind.Dimensions, f.name, f.dims)
		}
		if !strings.Contains(ind.SQL, "FROM "+ind.Family+"_cells") {
			t.Errorf("%s: does not read %s_cells", ind.Name, ind.Family)
		}
	}
	want := map[string]int{"matching": 11, "status": 8, "commuting": 8, "commuting_matrix": 1, "demography": 2, "age_structure": 5,
		"tightness": 6, "beveridge": 4, "mismatch": 3, "matching_function": 2, "population_flows": 11, "job_inflows": 6,
		"shortage": 20, "employment": 1}
	for fam, n := range want {
		if perFamily[fam] != n {
			t.Errorf("family %s has %d indicators, want %d", fam, perFamily[fam], n)
		}
	}
	if len(perFamily) != len(want) {
		t.Errorf("families %v, want %v", perFamily, want)
	}
	if _, ok := Lookup("matchningsgrad"); !ok {
		t.Error("Lookup(matchningsgrad) failed")
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup(nope) succeeded")
	}
}

func TestParseIndicatorErrors(t *testing.T) {
	full := "-- name: x\n-- label: X\n-- version: 1\n-- unit: antal\n-- section: 2\n-- family: matching\nSELECT 1"
	cases := []struct {
		name, text string
		line       int
		reason     string
	}{
		{"missing family", strings.Replace(full, "-- family: matching\n", "", 1), 0, "lacks family"},
		{"bad version", strings.Replace(full, "version: 1", "version: one", 1), 3, "not a positive integer"},
		{"unknown key", strings.Replace(full, "-- unit: antal", "-- units: antal", 1), 4, `unknown key "units"`},
		{"duplicate", strings.Replace(full, "-- unit: antal", "-- name: y", 1), 4, `duplicate key "name"`},
		{"bad name", strings.Replace(full, "name: x", "name: Matchning grad", 1), 0, "lower-case"},
		{"unknown family", strings.Replace(full, "family: matching", "family: weather", 1), 0, "unknown family"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseIndicator("f.sql", c.text)
			var me *MetadataError
			if !errors.As(err, &me) {
				t.Fatalf("err = %v, want *MetadataError", err)
			}
			if me.Line != c.line || !strings.Contains(me.Reason, c.reason) || me.File != "f.sql" {
				t.Errorf("err = %+v, want line %d reason ~%q", me, c.line, c.reason)
			}
		})
	}
	if _, err := ParseIndicator("f.sql", full); err != nil {
		t.Errorf("complete header: %v", err)
	}
}

func TestMatchMapFileErrors(t *testing.T) {
	head := "edu_group,ssyk,field_match,level_match\n"
	cases := []struct {
		name, text, column string
		line               int
	}{
		{"header", "edu,ssyk,field,level\n", "", 1},
		{"edu group", head + "5-4,25,helt,ratt\n", "edu_group", 2},
		{"ssyk", head + "5-48,2599,helt,ratt\n", "ssyk", 2},
		{"field", head + "5-48,25,full,ratt\n", "field_match", 2},
		{"level", head + "5-48,25,helt,right\n", "level_match", 2},
		{"duplicate", head + "5-48,25,helt,ratt\n5-48,25,delvis,ratt\n", "", 3},
		{"fields", head + "5-48,25,helt\n", "", 2},
		{"line too long", head + "5-48,25,helt,ratt\n5-48," + strings.Repeat("2", 100<<10) + ",helt,ratt\n", "", 3},
		{"long value", head + "5-48," + strings.Repeat("2", 50<<10) + "\x1b,helt,ratt\n", "ssyk", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadMatchMap(strings.NewReader(c.text), "m.csv")
			var me *MapError
			if !errors.As(err, &me) {
				t.Fatalf("err = %v, want *MapError", err)
			}
			if me.Line != c.line || me.Column != c.column {
				t.Errorf("err = %.200v, want line %d column %q", err, c.line, c.column)
			}
			if msg := err.Error(); len(msg) > 300 || strings.Contains(msg, "\x1b") {
				t.Errorf("message of %d bytes: %.300q, want it short, control characters escaped", len(msg), msg)
			}
		})
	}
}

func TestExpandMatchMap(t *testing.T) {
	entries, err := ReadMatchMap(strings.NewReader("edu_group,ssyk,field_match,level_match\n"+
		"5-48,2,delvis,ratt\n5-48,25,helt,ratt\n5-48,2512,helt,högre\n"), "m.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range ExpandMatchMap(entries) {
		got[p[1]] = p[2] + "/" + p[3]
	}
	for ssyk, want := range map[string]string{
		"2512": "helt/hogre",  // the 4-digit line
		"2511": "helt/ratt",   // from 25
		"2111": "delvis/ratt", // from 2
		"5223": "",            // not covered
	} {
		if got[ssyk] != want {
			t.Errorf("%s: %q, want %q", ssyk, got[ssyk], want)
		}
	}
}

func FuzzReadMatchMap(f *testing.F) {
	f.Add("edu_group,ssyk,field_match,level_match\n5-48,25,helt,ratt\n")
	f.Add("edu_group,ssyk,field_match,level_match\n# comment\n5-48,2512,delvis,lägre\n")
	f.Add("edu_group,ssyk\n")
	f.Add("\"")
	f.Fuzz(func(t *testing.T, in string) {
		entries, err := ReadMatchMap(strings.NewReader(in), "fuzz.csv")
		if err != nil {
			return
		}
		for _, p := range ExpandMatchMap(entries) {
			if p[2] == "" || p[3] == "" {
				t.Fatalf("expanded pair without match values: %v", p)
			}
		}
	})
}

func TestOwnIndicatorFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	head := "-- name: andel_b\n-- label: Andel delvis matchade\n-- version: 1\n-- unit: procent\n-- section: 2\n-- family: matching\n-- dimensions: edu_group, sex, birth_region\n"
	good := write("good.sql", head+"SELECT region_level, region, period, edu_group, sex, birth_region,\n"+
		"       100.0 * b / nullif(a + b + c, 0) AS value, b AS numerator, a + b + c AS denominator, a + b + c AS n\nFROM matching_cells\n")
	cases := map[string]string{
		"builtin.sql": strings.Replace(head, "andel_b", "matchningsgrad", 1) + "SELECT 1",
		"dims.sql":    strings.Replace(head, "edu_group, sex, birth_region", "sex", 1) + "SELECT 1",
		"two.sql":     head + "SELECT 1; DROP TABLE persons",
	}
	for name, text := range cases {
		_, err := LoadIndicatorFile(write(name, text))
		var me *MetadataError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v, want a MetadataError naming the file", name, err)
		}
	}
	ind, err := LoadIndicatorFile(good)
	if err != nil {
		t.Fatal(err)
	}
	// Computed beside the built-ins, from the same cells.
	db := openWith(t, handCase)
	p := handParams()
	p.K = 1
	p.Indicators = []string{"antal_delvis_matchade"}
	p.Own = []*Indicator{ind}
	got := compute(t, db, p)
	c := got["andel_b|2021|lan|01|5-48|1|inrikes"]
	if c.value == nil || *c.value != 30 { // B 3 of A+B+C 10
		t.Errorf("own indicator = %s, want 30", fmtPtr(c.value))
	}
	// A header that parses but SQL whose columns are wrong fails before
	// anything is computed, naming the file.
	bad := write("cols.sql", strings.Replace(head, "andel_b", "andel_x", 1)+
		"SELECT region_level, region, period, edu_group, sex, birth_region, b AS value FROM matching_cells\n")
	badInd, err := LoadIndicatorFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p.Own = []*Indicator{badInd}
	if _, err := s.Compute(t.Context(), p); err == nil || !strings.Contains(err.Error(), "cols.sql") || !strings.Contains(err.Error(), "want region_level") {
		t.Errorf("bad columns: %v", err)
	}
}
