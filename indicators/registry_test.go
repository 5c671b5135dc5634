package indicators

import (
	"errors"
	"strings"
	"testing"
)

func TestBuiltinRegistry(t *testing.T) {
	want := []string{
		"antal_delvis_matchade", "antal_helt_matchade", "antal_inte_matchade", "antal_personer",
		"antal_utan_uppgifter", "forvarvsgrad", "matchad_forvarvsgrad", "matchningsgap", "matchningsgrad",
	}
	var got []string
	for _, ind := range All() {
		got = append(got, ind.Name)
		if ind.Label == "" || ind.Unit == "" || ind.Version < 1 || ind.Section != "2" || ind.Family != "matching" {
			t.Errorf("%s: incomplete metadata %+v", ind.Name, ind)
		}
		if !strings.Contains(ind.SQL, "FROM matching_cells") {
			t.Errorf("%s: does not read matching_cells", ind.Name)
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("registry = %v\nwant %v", got, want)
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
		{"unknown key", strings.Replace(full, "-- unit: antal", "-- units: antal", 1), 4, "unknown key units"},
		{"duplicate", strings.Replace(full, "-- unit: antal", "-- name: y", 1), 4, "duplicate key name"},
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
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadMatchMap(strings.NewReader(c.text), "m.csv")
			var me *MapError
			if !errors.As(err, &me) {
				t.Fatalf("err = %v, want *MapError", err)
			}
			if me.Line != c.line || me.Column != c.column {
				t.Errorf("err = %v, want line %d column %q", err, c.line, c.column)
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
