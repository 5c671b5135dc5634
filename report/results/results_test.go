package results

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/indicators"
	"lmi/ingest/canonical"
	"lmi/report/csvout"
	"lmi/store"
)

// handCase is indicators' tiny register (indicators/compute_test.go):
// in 2021, cell (01, 5-48, men, inrikes) by home region has A = 5 fully
// matched of A+B+C = 10 employed, matchningsgrad 50.
const handCase = "year,home_kommun,work_kommun,status,ssyk4,edu_group,sex,age,birth_region,n\n" +
	"2021,0180,0180,employed,2512,5-48,1,30,1,5\n" +
	"2021,0180,0180,employed,3512,5-48,1,30,1,3\n" +
	"2021,0180,0180,employed,5223,5-48,1,30,1,2\n" +
	"2021,0180,0180,employed,,5-48,1,30,1,1\n" +
	"2021,0180,,unemployed,,5-48,1,30,1,4\n" +
	"2021,0180,0180,employed,2512,5-48,1,70,1,9\n" +
	"2021,0180,0180,employed,4112,3-34,2,45,1,4\n" +
	"2021,0180,,unemployed,,3-34,2,45,1,6\n" +
	"2021,0180,0380,employed,2512,5-48,1,30,2,1\n"

func computed(t *testing.T, p indicators.Params) (*indicators.Session, *indicators.Result) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r, err := canonical.NewCSVReader(canonical.Persons, strings.NewReader(handCase), "test.csv", canonical.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	if _, err = db.Load(ctx, "persons", "test", r, func(int64) (store.Source, error) {
		return store.Source{File: "test.csv", Format: "csv"}, nil
	}); err != nil {
		t.Fatal(err)
	}
	s, err := indicators.NewSession(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelRiket}
	p.Key = indicators.KeySpec{MapFile: filepath.Join("testdata", "matchmap.csv")}
	res, err := s.Compute(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	return s, res
}

func TestWriteOutputs(t *testing.T) {
	s, res := computed(t, indicators.DefaultParams())
	dir := t.TempDir()
	paths, err := WriteFamilies(context.Background(), s, res, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2*len(indicators.Families()) {
		t.Fatalf("wrote %v, want a Parquet and a CSV file per family", paths)
	}
	b, err := os.ReadFile(filepath.Join(dir, "matching.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	wantHeader := "indicator,version,period,region_level,region,region_name,edu_group,sex,birth_region,value,numerator,denominator,n,suppressed"
	if lines[0] != wantHeader {
		t.Errorf("header = %s\nwant     %s", lines[0], wantHeader)
	}
	want := "matchningsgrad,1,2021,lan,01,Stockholms län,5-48,1,inrikes,50.0,5,10,10,false"
	if !strings.Contains(string(b), want+"\n") {
		t.Errorf("CSV lacks the line %q", want)
	}
	for _, l := range lines {
		if strings.HasSuffix(l, ",true") && !strings.Contains(l, ",,,,,true") {
			t.Errorf("suppressed line carries numbers: %s", l)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(paths) {
		t.Errorf("%d files in the folder, want only the %d written (no temporary files)", len(entries), len(paths))
	}
}

// TestWriteAsComputed writes each family as it is done and drops its
// results.
func TestWriteAsComputed(t *testing.T) {
	dir := t.TempDir()
	p := indicators.DefaultParams()
	p.Write = Families(dir, Options{})
	s, res := computed(t, p)
	if len(res.Paths) != 2*len(res.Families) {
		t.Fatalf("wrote %v for %d families", res.Paths, len(res.Families))
	}
	b, err := os.ReadFile(filepath.Join(dir, "matching.csv"))
	if err != nil || !strings.Contains(string(b), "matchningsgrad,1,2021,lan,01,Stockholms län,5-48,1,inrikes,50.0,5,10,10,false\n") {
		t.Errorf("matching.csv: %v", err)
	}
	var n int
	s.Conn().QueryRowContext(context.Background(), "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'results_%'").Scan(&n)
	if n != 0 {
		t.Errorf("%d result tables left after writing", n)
	}
}

// TestWriteExcelSv: the excel-sv dialect (semicolon, decimal comma, BOM,
// CRLF, Swedish headers, ".." for suppressed numbers), the Parquet file
// the same as the default dialect's.
func TestWriteExcelSv(t *testing.T) {
	s, res := computed(t, indicators.DefaultParams())
	def, sv := t.TempDir(), t.TempDir()
	ctx := context.Background()
	if _, err := WriteFamilies(ctx, s, res, def, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteFamilies(ctx, s, res, sv, Options{Dialect: csvout.ExcelSv}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(sv, "matching.csv"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"\ufeffIndikator;Version;Period;Regionnivå;Region;Regionnamn;Utbildningsgrupp;Kön;Födelseregion;Värde;Täljare;Nämnare;Antal (n);Skyddad\r\n",
		"matchningsgrad;1;2021;lan;01;Stockholms län;5-48;1;inrikes;50;5;10;10;false\r\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("excel-sv matching.csv lacks %q", want)
		}
	}
	if !strings.Contains(text, ";..;..;..;..;true\r\n") {
		t.Error("excel-sv: suppressed numbers are not shown as ..")
	}
	a, _ := os.ReadFile(filepath.Join(def, "matching.parquet"))
	c, _ := os.ReadFile(filepath.Join(sv, "matching.parquet"))
	if string(a) != string(c) {
		t.Error("the Parquet file depends on the CSV dialect")
	}
}
