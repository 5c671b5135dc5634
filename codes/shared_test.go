package codes

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedData is the project's shared reference data, relative to this
// package's folder.
const sharedData = "../../shared/data"

// readShared returns the rows of a shared CSV file as maps keyed by header.
func readShared(t *testing.T, rel string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedData, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	header := recs[0]
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	var rows []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range header {
			m[h] = strings.Join(strings.Fields(rec[i]), " ")
		}
		rows = append(rows, m)
	}
	return rows
}

// TestMatchesSharedData checks that the embedded tables hold exactly the
// codes and names of the shared reference files they were generated from.
func TestMatchesSharedData(t *testing.T) {
	if _, err := os.Stat(sharedData); err != nil {
		t.Skipf("../shared/data not present: the embedded tables cannot be compared with their sources (%v)", err)
	}

	t.Run("lan", func(t *testing.T) {
		want := map[string]string{}
		for _, r := range readShared(t, "geo/counties.csv") {
			want[r["county_code"]] = r["county_name"]
		}
		compare(t, Lan(), want, nil)
	})

	t.Run("kommun+fa", func(t *testing.T) {
		type kf struct{ name, lan, fa string }
		fa := map[string]string{}
		faName := map[string]string{}
		for _, r := range readShared(t, "geo/fa15_kommuner.csv") {
			fa[r["kommunkod"]] = "FA" + r["FA15Nr"]
			faName["FA"+r["FA15Nr"]] = r["FA15Namn"]
		}
		want := map[string]kf{}
		for _, r := range readShared(t, "geo/municipalities.csv") {
			c := r["municipality_code"]
			want[c] = kf{r["municipality_name_short"], r["county_code"], fa[c]}
		}
		ks := Kommuner()
		if len(ks) != len(want) {
			t.Errorf("%d kommuner, shared data has %d", len(ks), len(want))
		}
		for _, k := range ks {
			if w := want[k.Code]; (kf{k.Name, k.Lan, k.FA}) != w {
				t.Errorf("kommun %s: embedded %+v, shared %+v", k.Code, k, w)
			}
		}
		compare(t, FA(), faName, nil)
	})

	for _, c := range []struct {
		list, file string
		entries    []Entry
	}{
		{"ssyk", "codes/ssyk2012.csv", SSYK(0)},
		{"sun", "codes/sun2020_niva.csv", SUNLevel(0)},
		{"sunfield", "codes/sun2020_inriktning.csv", SUNField(0)},
		{"sni", "codes/sni2007.csv", SNI(0)},
	} {
		t.Run(c.list, func(t *testing.T) {
			names := map[string]string{}
			parents := map[string]string{}
			levels := map[string]string{}
			for _, r := range readShared(t, c.file) {
				names[r["code"]] = r["name_sv"]
				parents[r["code"]] = r["parent"]
				levels[r["code"]] = r["level"]
			}
			compare(t, c.entries, names, func(e Entry) {
				if parents[e.Code] != e.Parent {
					t.Errorf("%s %s: parent %q, shared %q", c.list, e.Code, e.Parent, parents[e.Code])
				}
				if levels[e.Code] != string(rune('0'+e.Level)) {
					t.Errorf("%s %s: level %d, shared %q", c.list, e.Code, e.Level, levels[e.Code])
				}
			})
		})
	}
}

// compare checks that es has exactly the codes of want, with its names.
func compare(t *testing.T, es []Entry, want map[string]string, more func(Entry)) {
	t.Helper()
	if len(es) != len(want) {
		t.Errorf("%d entries, shared data has %d", len(es), len(want))
	}
	for _, e := range es {
		name, ok := want[e.Code]
		switch {
		case !ok:
			t.Errorf("code %q is not in the shared data", e.Code)
		case name != e.Name:
			t.Errorf("code %s: name %q, shared %q", e.Code, e.Name, name)
		}
		if ok && more != nil {
			more(e)
		}
	}
}
