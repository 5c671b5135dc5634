package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/store"
)

// yreg60 writes a PX-JSON table shaped like SCB's YREG60 (employees by
// workplace region x SSYK 2012 x sex x year) with the given cells, each
// "region,ssyk,sex,year=value".
func yreg60(t *testing.T, dir, name string, cells ...string) string {
	t.Helper()
	var data []string
	for _, c := range cells {
		key, value, _ := strings.Cut(c, "=")
		data = append(data, fmt.Sprintf(`{"key":["%s"],"values":["%s"]}`, strings.ReplaceAll(key, ",", `","`), value))
	}
	doc := `{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"Yrke2012","text":"Yrke (SSYK 2012)","type":"d"},` +
		`{"code":"Kon","text":"kön","type":"d"},{"code":"Tid","text":"år","type":"t"},` +
		`{"code":"000005G2","text":"Anställda (yrkesregistret) 16-64 år med arbetsplats i regionen (dagbef)","type":"c"}],` +
		`"comments":[],"data":[` + strings.Join(data, ",") + `],` +
		`"metadata":[{"label":"Anställda","source":"SCB","updated":"2021-05-25T08:00:00Z","infofile":"AM0208"}]}`
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestEmploymentCells loads a YREG60-shaped table into persons cells: each
// län and the unknown region with a number above zero, "yrke okänt" as an
// unknown occupation, riket checked against its parts but not loaded.
func TestEmploymentCells(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	path := yreg60(t, dir, "YREG60N.json",
		// 2512 men: riket 180 = 100 + 70 + 10, checked and equal.
		"00,2512,1,2019=180", "01,2512,1,2019=100", "03,2512,1,2019=70", "99,2512,1,2019=10",
		// 2512 women: riket 95 but the parts sum to 94 + 0: one difference.
		"00,2512,2,2019=95", "01,2512,2,2019=94", "03,2512,2,2019=0", "99,2512,2,2019=0",
		// yrke okänt men: one part without a number, so riket is not checked.
		"00,0002,1,2019=9", "01,0002,1,2019=..", "03,0002,1,2019=4", "99,0002,1,2019=5",
		"00,0002,2,2019=3", "01,0002,2,2019=3", "03,0002,2,2019=0", "99,0002,2,2019=0",
	)
	rep, err := Any(ctx, db, path, Options{Alloc: mem})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Table != "published_cells+scb_employment+persons" || rep.RowsLoaded != 16+16+7 {
		t.Errorf("loaded %d rows into %s, want 39 into published_cells+scb_employment+persons", rep.RowsLoaded, rep.Table)
	}
	wantChecks := []string{
		"SCB employment: 7 persons cells by workplace län; riket (totals, not loaded) checked against the sum of its län and 99 in 3 cells, 1 differ; 1 cells without a number not loaded",
		"  2019 SSYK 2512 sex 2: riket 95, its län and 99 sum to 94",
	}
	if !slices.Equal(rep.Checks, wantChecks) {
		t.Errorf("checks\n %q\nwant\n %q", rep.Checks, wantChecks)
	}
	var got string
	err = db.SQL().QueryRow(`SELECT string_agg(concat_ws('/', year, work_lan, coalesce(CAST(ssyk4 AS VARCHAR), '-'), sex, n,
			home_kommun IS NULL AND work_kommun IS NULL AND age IS NULL AND birth_region IS NULL AND person_id IS NULL),
			' ' ORDER BY work_lan, ssyk4 NULLS LAST, sex)
		FROM persons WHERE status = 'employed'`).Scan(&got)
	want := "2019/01/2512/1/100/true 2019/01/2512/2/94/true 2019/01/-/2/3/true 2019/03/2512/1/70/true " +
		"2019/03/-/1/4/true 2019/99/2512/1/10/true 2019/99/-/1/5/true"
	if err != nil || got != want {
		t.Errorf("persons cells\n %s (%v)\nwant\n %s", got, err, want)
	}
	var unknown int
	db.SQL().QueryRow(`SELECT count(*) FROM scb_employment WHERE ssyk IS NULL AND ssyk_level = 4`).Scan(&unknown)
	if unknown != 8 {
		t.Errorf("%d scb_employment rows with unknown occupation, want 8", unknown)
	}
}

// TestEmploymentCellsOverlap: a second extract holding the same published
// cells, or register rows for a year that has published cells (and the
// other way round), would count the employed twice and loads nothing.
func TestEmploymentCellsOverlap(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	if _, err := Any(ctx, db, yreg60(t, dir, "a.json", "01,2512,1,2021=100", "03,2512,1,2021=7"), Options{}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, db)
	for _, c := range []struct {
		name, path string
		both       bool
	}{
		// the same cell for 03, revised by SCB
		{"revised", yreg60(t, dir, "b.json", "03,2512,1,2021=8"), true},
		// register rows (ages known) for 2021
		{"register", register(t, dir, "p2021.csv", 3), false},
	} {
		_, err := Any(ctx, db, c.path, Options{})
		var oe *store.OverlapError
		if !errors.As(err, &oe) || oe.Year != 2021 || oe.BothCells != c.both || !strings.HasSuffix(oe.Other, "a.json") {
			t.Errorf("%s: %v, want an OverlapError for 2021 against a.json (both cells %v)", c.name, err, c.both)
		}
		if after := snapshot(t, db); after != before {
			t.Errorf("%s: database changed", c.name)
		}
	}
	// Other cells of the same year, and another year, load.
	for _, path := range []string{
		yreg60(t, dir, "c.json", "01,3334,1,2021=12"),
		yreg60(t, dir, "d.json", "01,2512,1,2022=101"),
	} {
		if _, err := Any(ctx, db, path, Options{}); err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
		}
	}
	// Published cells for a year that has register rows are refused too.
	p2020 := filepath.Join(dir, "p2020.csv")
	os.WriteFile(p2020, []byte(head+"2020,0180,0180,employed,2512,1,40,1,1\n"), 0o644)
	if _, err := Any(ctx, db, p2020, Options{}); err != nil {
		t.Fatal(err)
	}
	_, err := Any(ctx, db, yreg60(t, dir, "e.json", "01,2512,1,2020=100"), Options{})
	var oe *store.OverlapError
	if !errors.As(err, &oe) || oe.Year != 2020 || oe.BothCells || !strings.HasSuffix(oe.Other, "p2020.csv") {
		t.Errorf("cells over register rows: %v", err)
	}
}
