package bench

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/fixtures"
	"lmi/indicators"
	"lmi/ingest/load"
)

// TestSuiteReport: the suite's outputs on a small register make a
// workbook and a report, every family read.
func TestSuiteReport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 3000, Years: 3, Seed: 7, Out: dir, Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	db, s, err := OpenSession(ctx, filepath.Join(dir, "b.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer s.Close()
	for _, table := range []string{"persons", "jobseekers", "vacancies", "hires", "graduates"} {
		if _, err := load.File(ctx, db, filepath.Join(dir, table+".parquet"), load.Options{Table: table}); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	if _, _, err := RunSuite(ctx, s, out); err != nil {
		t.Fatal(err)
	}
	_, files, err := RunReport(ctx, s, out)
	if err != nil {
		t.Fatal(err)
	}
	var fams int
	for _, r := range files.Read {
		if r.Kind == "family" && r.Rows > 0 {
			fams++
		}
	}
	if fams != len(indicators.Families()) {
		t.Errorf("%d families read, want %d: %+v", fams, len(indicators.Families()), files.Read)
	}
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil || !strings.Contains(string(page), "Matchning mellan utbildning och yrke") {
		t.Errorf("report.html: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "workbook.xlsx")); err != nil {
		t.Error(err)
	}
}
