package load

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const shared = "../../../shared/data"

// TestAnyRealFiles loads real SCB and Arbetsförmedlingen files, each
// recognised by its name and first bytes, into the published tables.
func TestAnyRealFiles(t *testing.T) {
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("reference files not present (%s): this checkout has no ../shared/data", shared)
	}
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "lmi.duckdb"))
	cases := []struct {
		file   string
		kind   string
		tables string
		rows   int64
	}{
		{"scb/pxweb_v1_json/YREG60_ssyk3334.json", "pxjson", "published_cells+scb_employment+persons", 440 + 210},
		{"scb/px/BE0101F1pnosymbol.px", "px", "published_cells", 0},
		{"scb/csv_latin1/000000RM.csv", "scbcsv", "published_cells", 0},
		{"af/yrkesbarometer_2025-2_excerpt.json", "yrkesbarometer", "assessments+occupation_map", 0},
		{"af/bristindex_2018h_1ar_lan.csv", "bristindex", "assessments+occupation_map", 0},
		// 174 prognosyrken x 61 regions, 71,335 non-empty cells; no
		// concept map given, so no occupation_map rows.
		{"af/yrkesprognos_v3_bedomning.csv", "yrkesprognos", "assessments", 71335},
	}
	for _, c := range cases {
		path := filepath.Join(shared, c.file)
		kind, err := sniff(path)
		if err != nil || kind != c.kind {
			t.Errorf("%s: sniffed %q (%v), want %q", c.file, kind, err, c.kind)
			continue
		}
		rep, err := Any(ctx, db, path, Options{})
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if rep.Table != c.tables || rep.RowsLoaded == 0 || (c.rows > 0 && rep.RowsLoaded != c.rows) {
			t.Errorf("%s: %d rows into %s, want %s (%d)", c.file, rep.RowsLoaded, rep.Table, c.tables, c.rows)
		}
		again, err := Any(ctx, db, path, Options{})
		if err != nil || !again.AlreadyLoaded {
			t.Errorf("%s: reload %+v, %v", c.file, again, err)
		}
	}
	// SCB's own numbers, typed: Stockholms län, 3334, men, 2014.
	var n float64
	err := db.SQL().QueryRow(`SELECT n FROM scb_employment WHERE table_id = 'YREG60_ssyk3334'
		AND region = '01' AND ssyk4 = '3334' AND sex = '1' AND year = 2014`).Scan(&n)
	if err != nil || n != 654 {
		t.Errorf("scb_employment 01/3334/men/2014 = %v (%v), want 654", n, err)
	}
	var assessments, mapped int
	db.SQL().QueryRow(`SELECT count(*) FROM assessments WHERE publisher = 'af-yrkesbarometer'`).Scan(&assessments)
	db.SQL().QueryRow(`SELECT count(DISTINCT ssyk4) FROM occupation_map`).Scan(&mapped)
	if assessments == 0 || mapped == 0 {
		t.Errorf("%d yrkesbarometer assessments, %d SSYK groups mapped", assessments, mapped)
	}
}

// TestAnyBrokenLeavesNothing: a file that does not decode loads nothing.
func TestAnyBrokenLeavesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	path := filepath.Join(dir, "TAB1.json")
	os.WriteFile(path, []byte(`{"columns":[{"code":"Region","text":"region","type":"d"}],"data":[{"key":["01"],"values":["1"]},{"key":["01"],"values":["2"]}]}`), 0o644)
	before := snapshot(t, db)
	if _, err := Any(ctx, db, path, Options{}); err == nil || !strings.Contains(err.Error(), "TAB1.json") {
		t.Errorf("duplicate keys: %v", err)
	}
	if after := snapshot(t, db); after != before {
		t.Errorf("database changed: %s -> %s", before, after)
	}
}
