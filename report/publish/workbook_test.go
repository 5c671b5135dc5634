package publish_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lmi/report/publish"
	"lmi/report/xlsx"
)

func openWorkbook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWorkbook(t *testing.T) {
	files := build(t, testInput(t.TempDir()))
	f := openWorkbook(t, files.Workbook)
	want := "[Om tabellerna Teckenförklaring Matchning Arbetsmarknadsstatus Arbetsmarknadsläge Åldersstruktur Beveridge " +
		"Prognos Bristlista Prognosmodeller Jämförelse AF Jämförelse AF, sammanfattning]"
	if got := fmt.Sprint(f.GetSheetList()); got != want {
		t.Fatalf("sheets\n%s\nwant\n%s", got, want)
	}
	rows, err := f.GetRows("Matchning", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	header := "[Regionnivå Region Regionnamn Period Utbildningsgrupp Utbildningsgrupp, namn Kön Kön, text Födelseregion Födelseregion, namn " +
		"Anställda, helt matchade (A), antal Matchningsgrad (A/(A+B+C)), procent]"
	if got := fmt.Sprint(rows[0]); got != header {
		t.Errorf("Matchning header\n%s\nwant\n%s", got, header)
	}
	// One row per region, period and cell: 3 län, riket and the grouping,
	// 2 periods, 2 cells.
	if len(rows) != 1+5*2*2 {
		t.Errorf("Matchning has %d rows, want 21", len(rows))
	}
	wantRows := map[string]bool{
		"[lan 01 Stockholms län 2021 3-21 Gymnasial utbildning, yrkesinriktad, ekonomi 1 Män TOT Totalt 40 60.71]": false,
		"[lan 03 Uppsala län 2022 3-21 Gymnasial utbildning, yrkesinriktad, ekonomi 1 Män TOT Totalt .. ..]":       false,
		"[riket 00 Riket 2022 TOT Totalt TOT Totalt TOT Totalt 671 63.35]":                                         false,
	}
	for _, r := range rows {
		if _, ok := wantRows[fmt.Sprint(r)]; ok {
			wantRows[fmt.Sprint(r)] = true
		}
	}
	for r, ok := range wantRows {
		if !ok {
			t.Errorf("no row %s in Matchning:\n%v", r, rows)
		}
	}
	checkFormat(t, f, "Matchning", "K2", "#,##0")
	checkFormat(t, f, "Matchning", "L2", "#,##0.0")
	checkFormat(t, f, "Matchning", "B2", "@")
	if v, _ := f.GetCellValue("Matchning", "L2"); v != "60.7" {
		t.Errorf("L2 shows %q, want 60.7 (one decimal)", v)
	}
	panes, err := f.GetPanes("Matchning")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v %v", panes, err)
	}
	if w, _ := f.GetColWidth("Matchning", "F"); w < 30 {
		t.Errorf("width of the education group's names %v", w)
	}
	// The old columns: names from lmi's code lists.
	status, _ := f.GetRows("Arbetsmarknadsstatus", excelize.Options{RawCellValue: true})
	if got := fmt.Sprint(status[1:]); !strings.Contains(got, "[lan 01 Stockholms län 2021 1-01 Bred, generell utbildning, förgymnasial kortare än 9 år 2 Kvinnor 55.5 200]") {
		t.Errorf("status row %s", got)
	}
	forecast, _ := f.GetRows("Prognos", excelize.Options{RawCellValue: true})
	if !strings.Contains(fmt.Sprint(forecast[0]), "Sysselsatta basåret") {
		t.Errorf("forecast header %v", forecast[0])
	}
	var suppressed bool
	for _, r := range forecast {
		if len(r) > 9 && r[4] == "9111" && r[1] == "25" {
			suppressed = r[9] == ".." && r[10] == ".."
		}
	}
	if !suppressed {
		t.Error("the suppressed forecast row does not read ..")
	}
	list, _ := f.GetRows("Bristlista")
	if got := fmt.Sprint(list[1]); !strings.Contains(got, "röd") {
		t.Errorf("shortage list's light in Swedish: %s", got)
	}
	checkFormat(t, f, "Prognos", "J2", "#,##0.0")
	checkFormat(t, f, "Prognos", "U2", "#,##0.00")
	about, _ := f.GetRows(xlsx.AboutSheet)
	text := fmt.Sprint(about)
	for _, want := range []string{"Arbetsmarknaden i testlänen", "v0.9.0", "LISA-test", "9f2c4e1b7a3d", "Matchning mellan utbildning och yrke",
		"Indikatorernas versioner: antal_helt_matchade v1, matchningsgrad v1."} {
		if !strings.Contains(text, want) {
			t.Errorf("Om tabellerna lacks %q", want)
		}
	}
	if sym, _ := f.GetRows(xlsx.SymbolsSheet); !strings.Contains(fmt.Sprint(sym), "..") {
		t.Error("no symbols sheet")
	}
}

func checkFormat(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != want {
		got := "none"
		if st != nil && st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		}
		t.Errorf("%s!%s format %s, want %s", sheet, cell, got, want)
	}
}

// TestRowLimit: a family past the sheet limit is split by region level;
// one whose level alone is past it is an error naming how to narrow it.
func TestRowLimit(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"matching.csv", "status.csv"} {
		b, err := os.ReadFile(filepath.Join(testOutputs, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := testInput(t.TempDir())
	in.Dirs = []string{dir}
	in.MaxSheetRows = 12 // Matchning: 12 rows at län, 4 at riket, 4 in the grouping
	files := build(t, in)
	var names []string
	for _, s := range files.Sheets {
		if strings.HasPrefix(s.Name, "Matchning") {
			names = append(names, fmt.Sprintf("%s:%d", s.Name, s.Rows))
		}
	}
	if got := fmt.Sprint(names); got != "[Matchning lan:12 Matchning norrland:4 Matchning riket:4]" {
		t.Errorf("split sheets %s", got)
	}
	if page, _ := os.ReadFile(files.Report); !strings.Contains(string(page), "bladen Matchning lan, Matchning norrland och Matchning riket") {
		t.Error("the report does not name the split sheets")
	}
	f := openWorkbook(t, files.Workbook)
	if rows, _ := f.GetRows("Matchning riket"); len(rows) != 5 {
		t.Errorf("riket's sheet has %d rows", len(rows))
	}
	in.OutDir = t.TempDir()
	in.MaxSheetRows = 10
	_, err := publish.Build(in)
	var rl *xlsx.RowLimitError
	if !errors.As(err, &rl) || rl.Rows != 12 || rl.Limit != 10 || !strings.Contains(err.Error(), "fewer dimensions") {
		t.Errorf("err %v, want a RowLimitError for 12 rows at län", err)
	}
	if _, err := publish.Build(publish.Input{Dirs: []string{testOutputs}}); err == nil {
		t.Error("no output folder accepted")
	}
	if _, err := publish.Build(publish.Input{Dirs: []string{filepath.Join(testOutputs, "nope")}, OutDir: t.TempDir()}); err == nil {
		t.Error("a missing folder accepted")
	}
}

// TestLeaveOutOversized: a level past the sheet limit is left out of the
// workbook, not of the report.
func TestLeaveOutOversized(t *testing.T) {
	in := testInput(t.TempDir())
	in.MaxSheetRows = 44 // the forecast's 45 rows at län, Matchning's 20 fit
	in.LeaveOutOversized = true
	files := build(t, in)
	var prognos int64 = -1
	for _, s := range files.Sheets {
		if s.Name == "Prognos" {
			prognos = s.Rows
		}
	}
	if prognos != 0 {
		t.Errorf("Prognos has %d rows, want its one level left out", prognos)
	}
	if got := strings.Join(files.Notes, "\n"); !strings.Contains(got, "forecast.csv: level lan left out of the workbook") {
		t.Errorf("notes %s", got)
	}
	f := openWorkbook(t, files.Workbook)
	about, _ := f.GetRows(xlsx.AboutSheet)
	if !strings.Contains(fmt.Sprint(about), "Nivån lan har 45 rader, fler än ett blad rymmer, och finns bara i forecast.csv.") {
		t.Error("Om tabellerna does not say the forecast's level is left out")
	}

	in = testInput(t.TempDir())
	in.MaxSheetRows = 10 // Matchning: 12 rows at län
	in.LeaveOutOversized = true
	in.Dirs = []string{t.TempDir()}
	for _, name := range []string{"matching.csv", "status.csv"} {
		b, _ := os.ReadFile(filepath.Join(testOutputs, name))
		os.WriteFile(filepath.Join(in.Dirs[0], name), b, 0o644)
	}
	files = build(t, in)
	if got := fmt.Sprint(files.Sheets[0]); got != "{Matchning  8}" {
		t.Errorf("first sheet %s, want Matchning with riket's and the grouping's 8 rows", got)
	}
	page, _ := os.ReadFile(files.Report)
	if !strings.Contains(string(page), "Nivån Län har fler rader än ett blad i Excel rymmer") {
		t.Error("the report does not say län is left out of the workbook")
	}
	// The report still shows län, read from the file.
	if n := checkNumbers(t, in.Dirs, string(page), testIndicators); n < 50 || !strings.Contains(string(page), ">65,1<") {
		t.Errorf("the report lost län's numbers (%d numbers)", n)
	}
}
