package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestAF: job ads and a statistics sheet through lmi ingest, with
// --taxonomy and --category; what was left out is printed by reason.
func TestIngestAF(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.duckdb")
	ads := filepath.Join(dir, "ads.jsonl")
	os.WriteFile(ads, []byte(`{"publication_date":"2024-01-05","number_of_vacancies":3,"occupation_group":{"concept_id":"c1"},"workplace_address":{"municipality_code":"0180"}}
{"publication_date":"2024-01-09","workplace_address":{"country":"Norge"}}
`), 0o644)
	tax := filepath.Join(dir, "taxonomy.json")
	os.WriteFile(tax, []byte(`{"ssyk-level-4":{"9":{"conceptId":"c1","preferredLabel":"Mjukvaru- och systemutvecklare m.fl."}}}`), 0o644)
	out, errOut, code := lmi(t, "ingest", "--db", db, "--taxonomy", tax, ads)
	if code != exitOK || !strings.Contains(out, "ads.jsonl: vacancies, 2 ads read, 1 rows loaded, 1 ads not loaded") ||
		!strings.Contains(out, "no_lan: 1 ads (1 vacancies), not loaded") {
		t.Errorf("ads: exit %d\n%s\n%s", code, out, errOut)
	}
	sheet := filepath.Join(dir, "sheet.csv")
	os.WriteFile(sheet, []byte("Nyinskrivna arbetssökande, 2024\n\nKommun;2024;\n;jan;feb\n0180 Stockholm;12;<5\nSumma;12;3\n"), 0o644)
	out, errOut, code = lmi(t, "ingest", "--db", db, sheet)
	if code != exitError || !strings.Contains(errOut, "--category") {
		t.Errorf("sheet without a category: exit %d\n%s\n%s", code, out, errOut)
	}
	out, errOut, code = lmi(t, "ingest", "--db", db, "--category", "nyinskrivna", sheet)
	if code != exitOK || !strings.Contains(out, "sheet.csv: jobseekers, 2 cells read, 2 rows loaded, 0 cells not loaded") ||
		!strings.Contains(out, "censored: 1 cells, note") {
		t.Errorf("sheet: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, errOut, code := lmi(t, "ingest", "--db", db, "--taxonomy", filepath.Join(dir, "none.json"), ads); code != exitError || !strings.Contains(errOut, "--taxonomy") {
		t.Errorf("missing taxonomy: exit %d, %s", code, errOut)
	}

	// The 5-year bristindex file names no round: --round gives it, in the
	// spelling lmi stores rounds in.
	brist := filepath.Join(dir, "bristindex_5ar.csv")
	os.WriteFile(brist, []byte("Yrkesområde,SSYK,Prognosyrke,omfem\nData/IT,2512,Mjukvaru- och systemutvecklare,4.12\n"), 0o644)
	if _, errOut, code := lmi(t, "ingest", "--db", db, "--round", "18H", brist); code != exitUsage || !strings.Contains(errOut, `--round "18H": want a year`) {
		t.Errorf("--round 18H: exit %d, %s", code, errOut)
	}
	if out, errOut, code := lmi(t, "ingest", "--db", db, "--round", "2018H", brist); code != exitOK || !strings.Contains(out, "bristindex_5ar.csv: assessments+occupation_map") {
		t.Errorf("--round 2018H: exit %d\n%s\n%s", code, out, errOut)
	}

	// What was loaded, out again for a spreadsheet: every column, the
	// rows in the order of their values.
	csv := filepath.Join(dir, "assessments.csv")
	if out, errOut, code := lmi(t, "export", "--db", db, "--out", csv, "assessments"); code != exitOK || out != "wrote "+csv+" (1 rows of assessments)\n" {
		t.Errorf("export: exit %d\n%s\n%s", code, out, errOut)
	}
	b, _ := os.ReadFile(csv)
	if want := "publisher,round,region,region_level,occupation,measure,value,class,label,source\n" +
		"af-bristindex,2018H,00,riket,Mjukvaru- och systemutvecklare,bristindex_5ar,4.12,5,,"; !strings.HasPrefix(string(b), want) {
		t.Errorf("assessments.csv:\n%s\nwant it to start\n%s", b, want)
	}
	pq := filepath.Join(dir, "vacancies.parquet")
	if out, errOut, code := lmi(t, "export", "--db", db, "--out", pq, "vacancies"); code != exitOK || !strings.Contains(out, "(1 rows of vacancies)") {
		t.Errorf("export parquet: exit %d\n%s\n%s", code, out, errOut)
	}
	if b, err := os.ReadFile(pq); err != nil || !bytes.HasPrefix(b, []byte("PAR1")) {
		t.Errorf("vacancies.parquet is not Parquet (%v)", err)
	}
	for _, bad := range [][]string{{"export", "--db", db, "nosuch"}, {"export", "--db", db}, {"export", "--db", db, "--out", filepath.Join(dir, "x.xlsx"), "assessments"}} {
		if _, _, code := lmi(t, bad...); code == exitOK {
			t.Errorf("%v: exit 0", bad)
		}
	}
	if _, errOut, code := lmi(t, "export", "--db", db, "nosuch"); code != exitUsage || !strings.Contains(errOut, `unknown table "nosuch"`) {
		t.Errorf("unknown table: exit %d, %s", code, errOut)
	}
}

// TestMissingDatabase: the commands that read a database refuse a path
// with none, and leave no empty database behind a mistyped path.
func TestMissingDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo.duckdb")
	for _, args := range [][]string{
		{"status", "--db", db},
		{"export", "--db", db, "persons"},
		{"forecast", "--db", db, "--out", t.TempDir()},
		{"backtest", "--db", db},
		{"indicators", "compute", "--db", db, "--out", t.TempDir()},
	} {
		if _, errOut, code := lmi(t, args...); code != exitError || !strings.Contains(errOut, "no database at "+db) {
			t.Errorf("%v: exit %d, %s", args, code, errOut)
		}
		if _, err := os.Stat(db); err == nil {
			t.Fatalf("%v left %s behind", args, db)
		}
	}
}
