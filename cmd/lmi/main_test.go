package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lmi runs the command in-process, as a user would from a shell.
func lmi(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(context.Background(), args, &o, &e)
	return o.String(), e.String(), code
}

func TestHelpListsEveryCommand(t *testing.T) {
	out, _, code := lmi(t, "--help")
	if code != exitOK {
		t.Fatalf("--help exit %d", code)
	}
	for _, c := range commands {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("--help does not list %s", c.name)
		}
		cout, cerr, ccode := lmi(t, c.name, "--help")
		if ccode != exitOK || !strings.Contains(cout, "Usage: lmi "+c.name) {
			t.Errorf("%s --help: exit %d, out %q, err %q", c.name, ccode, cout, cerr)
		}
	}
	if _, _, code := lmi(t); code != exitUsage {
		t.Errorf("no arguments: exit %d, want %d", code, exitUsage)
	}
	if _, errOut, code := lmi(t, "frobnicate"); code != exitUsage || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown command: exit %d, %q", code, errOut)
	}
	if _, errOut, code := lmi(t, "ingest", "--no-such-flag"); code != exitUsage || !strings.Contains(errOut, "no-such-flag") {
		t.Errorf("unknown flag: exit %d, %q", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	out, errOut, code := lmi(t, "version")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"lmi ", "revision ", "go1.", "DuckDB v"} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
}

func TestCodes(t *testing.T) {
	cases := []struct {
		args  []string
		lines int
		first string
	}{
		{[]string{"codes", "list", "lan"}, 21, "01\tStockholms län"},
		{[]string{"codes", "list", "kommun"}, 290, "0114\tUpplands Väsby"},
		{[]string{"codes", "list", "fa"}, 60, "FA01\t"},
		{[]string{"codes", "list", "ssyk", "--level", "4"}, 429, "0110\tOfficerare"},
		{[]string{"codes", "list", "sni", "--level", "1"}, 21, "A\t"},
	}
	for _, c := range cases {
		out, errOut, code := lmi(t, c.args...)
		if code != exitOK {
			t.Errorf("%v: exit %d: %s", c.args, code, errOut)
			continue
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != c.lines || !strings.HasPrefix(lines[0], c.first) {
			t.Errorf("%v: %d lines starting %q, want %d starting %q", c.args, len(lines), lines[0], c.lines, c.first)
		}
	}
	out, _, code := lmi(t, "codes", "show", "2512")
	if code != exitOK || !strings.Contains(out, "Mjukvaru- och systemutvecklare") || !strings.Contains(out, "in 25\t") {
		t.Errorf("codes show 2512: exit %d\n%s", code, out)
	}
	if _, _, code := lmi(t, "codes", "list", "planets"); code != exitUsage {
		t.Errorf("unknown list: exit %d, want %d", code, exitUsage)
	}
	if _, _, code := lmi(t, "codes", "show", "ZZZZ"); code != exitError {
		t.Errorf("unknown code: exit %d, want %d", code, exitError)
	}
}

// TestDemoEndToEnd runs the demo twice in one folder: the second run must
// load nothing and produce byte-identical outputs.
func TestDemoEndToEnd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	args := []string{"demo", "--out", dir, "--persons", "8000", "--years", "3"}
	out, errOut, code := lmi(t, args...)
	if code != exitOK {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"rows loaded into", "Matchningsgrad", "highest:", "lowest:", "matching.parquet",
		"forecast from 2017", "shortage_list.csv", "Shortage occupations in 2022",
		"wrote " + filepath.Join(dir, "workbook.xlsx"), "The report: open " + filepath.Join(dir, "report.html") + " in a web browser."} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	csvPath := filepath.Join(dir, "indicators", "matching.csv")
	pqPath := filepath.Join(dir, "indicators", "matching.parquet")
	first, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	firstPQ, err := os.ReadFile(pqPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(first), "\n")
	if !strings.HasPrefix(lines[0], "indicator,version,period,region_level,region,") || len(lines) < 1000 {
		t.Errorf("matching.csv: header %q, %d lines", lines[0], len(lines))
	}
	var shown int
	for _, l := range lines[1:] {
		if strings.HasSuffix(l, ",false,,persons") {
			shown++
		}
	}
	if shown == 0 {
		t.Error("every cell is suppressed")
	}

	out, errOut, code = lmi(t, args...)
	if code != exitOK {
		t.Fatalf("second demo: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "already loaded") {
		t.Errorf("second demo did not skip the load:\n%s", out)
	}
	second, _ := os.ReadFile(csvPath)
	secondPQ, _ := os.ReadFile(pqPath)
	if !bytes.Equal(first, second) || !bytes.Equal(firstPQ, secondPQ) {
		t.Error("second demo run wrote different outputs")
	}
	fc, err := os.ReadFile(filepath.Join(dir, "forecast", "forecast.csv"))
	if err != nil || !strings.HasPrefix(string(fc), "region_level,region,region_name,ssyk_level,ssyk,occupation,origin_year,year,h,") {
		t.Errorf("forecast.csv: %v\n%.200s", err, fc)
	}

	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil || !bytes.Contains(page, []byte("<title>Arbetsmarknaden i lmi:s demo</title>")) ||
		!bytes.Contains(page, []byte("Syntetiska data från lmi demo: 8000 personer under 3 år")) {
		t.Errorf("report.html: %v\n%.300s", err, page)
	}

	// lmi report makes both again from the outputs the database logged,
	// its sources the extracts the demo loaded.
	repDir := filepath.Join(t.TempDir(), "rep")
	out, errOut, code = lmi(t, "report", "--db", filepath.Join(dir, "lmi.duckdb"), "--out", repDir, "--title", "Prov")
	if code != exitOK || !strings.Contains(out, "open the report in a web browser: "+filepath.Join(repDir, "report.html")) {
		t.Fatalf("report: exit %d\n%s%s", code, out, errOut)
	}
	wb, err := os.ReadFile(filepath.Join(repDir, "workbook.xlsx"))
	if err != nil || !bytes.HasPrefix(wb, []byte("PK")) {
		t.Errorf("workbook.xlsx: %v", err)
	}
	page, err = os.ReadFile(filepath.Join(repDir, "report.html"))
	if err != nil || !bytes.Contains(page, []byte("<title>Prov</title>")) || !bytes.Contains(page, []byte("persons.parquet")) {
		t.Errorf("lmi report's report.html: %v", err)
	}
	_, errOut, code = lmi(t, "report", "--db", filepath.Join(t.TempDir(), "none.duckdb"))
	if code != exitError || !strings.Contains(errOut, "no database at") {
		t.Errorf("report without a database: exit %d, %s", code, errOut)
	}

	// The database the demo left can be queried again at other levels,
	// with a grouping of one's own.
	grouping := filepath.Join(t.TempDir(), "norr.csv")
	os.WriteFile(grouping, []byte("region,code\nNorra Norrland,25\nNorra Norrland,24\nMellersta Norrland,22\nMellersta Norrland,23\n"), 0o644)
	outDir := filepath.Join(t.TempDir(), "out")
	_, errOut, code = lmi(t, "indicators", "compute", "--db", filepath.Join(dir, "lmi.duckdb"), "--out", outDir,
		"--level", "riket,kommun", "--grouping", grouping, "--by", "sex", "--indicator", "matchningsgrad,forvarvsgrad")
	if code != exitOK {
		t.Fatalf("indicators compute: exit %d\n%s", code, errOut)
	}
	b, _ := os.ReadFile(filepath.Join(outDir, "matching.csv"))
	for _, want := range []string{",norr,Norra Norrland,Norra Norrland,TOT,1,TOT,", ",riket,00,Riket,TOT,2,TOT,", ",kommun,0180,Stockholm,"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestIngestRejects(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "p.csv")
	os.WriteFile(in, []byte("year,home_kommun,status,ssyk4,sex,age,birth_region\n"+
		"2021,0180,outside,,1,70,1\n"+
		"2021,0999,outside,,1,70,1\n"+
		"2021,0180,employed,2512,2,30,1\n"), 0o644)
	db := filepath.Join(dir, "t.duckdb")
	rejects := filepath.Join(dir, "rejects.csv")

	out, errOut, code := lmi(t, "ingest", "--db", db, "--rejects", rejects, in)
	if code != exitError || !strings.Contains(errOut, "1 of 3 rows rejected") || !strings.Contains(out, "nothing loaded") {
		t.Errorf("over the limit: exit %d\n%s\n%s", code, out, errOut)
	}
	b, _ := os.ReadFile(rejects)
	want := "file,line,column,value,reason\n" + in + ",3,home_kommun,0999,\"unknown code, expected a kommun code like 0180\"\n"
	if string(b) != want {
		t.Errorf("rejects file:\n%s\nwant:\n%s", b, want)
	}

	out, errOut, code = lmi(t, "ingest", "--db", db, "--max-reject-share", "0.5", in)
	if code != exitOK || !strings.Contains(out, "persons, 3 rows read, 2 loaded, 1 rejected") {
		t.Errorf("within a raised limit: exit %d\n%s\n%s", code, out, errOut)
	}
	out, _, code = lmi(t, "ingest", "--db", db, in)
	if code != exitOK || !strings.Contains(out, "already loaded") {
		t.Errorf("reload: exit %d\n%s", code, out)
	}
	if _, _, code := lmi(t, "ingest", "--db", db); code != exitUsage {
		t.Errorf("no files: exit %d, want %d", code, exitUsage)
	}
}

func TestStatus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	if _, errOut, code := lmi(t, "demo", "--out", dir, "--persons", "3000", "--years", "2"); code != exitOK {
		t.Fatalf("demo: %s", errOut)
	}
	out, errOut, code := lmi(t, "status", "--db", filepath.Join(dir, "lmi.duckdb"))
	if code != exitOK {
		t.Fatalf("status: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"loaded extracts (5):", "persons ", "jobseekers", "persons.parquet", "outputs last written", "matching.parquet", "tightness"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if _, _, code := lmi(t, "status", "--db", filepath.Join(dir, "nope.duckdb")); code != exitError {
		t.Errorf("status of a missing database: exit %d", code)
	}
}

// TestForecastAndBacktest runs lmi forecast and lmi backtest on the demo's
// database, and their usage errors.
func TestForecastAndBacktest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	if _, errOut, code := lmi(t, "demo", "--out", dir, "--persons", "8000", "--years", "6"); code != exitOK {
		t.Fatalf("demo: exit %d\n%s", code, errOut)
	}
	db := filepath.Join(dir, "lmi.duckdb")
	out, errOut, code := lmi(t, "forecast", "--db", db, "--out", filepath.Join(dir, "fc"), "--horizon", "3", "--level", "lan,riket")
	if code != exitOK {
		t.Fatalf("forecast: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"forecast from 2020 (years 2015-2020), horizon 3", "wrote " + filepath.Join(dir, "fc", "shortage_list.parquet")} {
		if !strings.Contains(out, want) {
			t.Errorf("forecast output lacks %q:\n%s", want, out)
		}
	}
	out, errOut, code = lmi(t, "backtest", "--db", db, "--horizon", "2", "--per-series-out", filepath.Join(dir, "scores.csv"))
	if code != exitOK {
		t.Fatalf("backtest: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"candidate models, pooled", "damped", "region x SSYK 4", "beats naive", "no Arbetsförmedlingen"} {
		if !strings.Contains(out, want) {
			t.Errorf("backtest output lacks %q:\n%s", want, out)
		}
	}
	scores, err := os.ReadFile(filepath.Join(dir, "scores.csv"))
	if err != nil || !strings.HasPrefix(string(scores), "series,model,forecasts,mase,directional,coverage80,winkler80\nlan/") {
		t.Errorf("scores.csv: %v\n%.200s", err, scores)
	}
	out, errOut, code = lmi(t, "backtest", "--db", db, "--series", "jobseekers", "--origins", "3", "--horizon", "2")
	if code != exitOK || !strings.Contains(out, "backtest of 21 series from jobseekers, 12 a year") || !strings.Contains(out, "arima") {
		t.Errorf("backtest --series: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, bad := range [][]string{
		{"forecast", "--db", db, "--horizon", "11"},
		{"forecast", "--db", db, "--level", "kommun"},
		{"forecast", "--db", db, "--thresholds", "0.1,0.2"},
		{"backtest", "--db", db, "--model", "prophet"},
	} {
		if _, _, code := lmi(t, bad...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", bad, code, exitUsage)
		}
	}
	if _, errOut, code := lmi(t, "backtest", "--db", db, "--series", "scb:NOSUCH"); code != exitError || !strings.Contains(errOut, "no such table") {
		t.Errorf("unknown SCB table: exit %d, %s", code, errOut)
	}
}
