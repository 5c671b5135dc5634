package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lmi/report"
)

func sampleTable() *report.Table {
	return &report.Table{
		Name:  "matchning",
		Title: "Matchningsgrad efter region",
		Columns: []report.Column{
			{Key: "period", Header: "År", Kind: report.KindCode},
			{Key: "region_level", Header: "Regionnivå", Kind: report.KindCode},
			{Key: "region", Header: "Region", Kind: report.KindCode},
			{Key: "region_name", Header: "Regionnamn"},
			{Key: "value", Header: "Matchningsgrad, procent", Kind: report.KindPercent},
			{Key: "n", Header: "Antal", Kind: report.KindCount},
		},
		Rows: report.SliceRows([][]report.Cell{
			{report.Str("2022"), report.Str("kommun"), report.Str("0114"), report.Str("Upplands Väsby"), report.Num(25.806451612903224), report.Num(31)},
			{report.Str("2022"), report.Str("kommun"), report.Str("0115"), report.Str("Vallentuna"), report.Mark(report.Suppressed), report.Mark(report.Suppressed)},
			{report.Str("2022"), report.Str("lan"), report.Str("01"), report.Str("Stockholms län"), report.Num(61.04), report.Num(123456)},
			{report.Str("2022"), report.Str("fa"), report.Str("FA01"), report.Str("Malmö-Lund"), report.NumOf(0.0238, report.KindShare), {}},
			{report.Str("2022"), report.Str("lan"), report.Str("03"), report.Str("Uppsala län"), report.Mark(report.NotApplicable), report.Mark(report.Nothing)},
		}),
		Notes: []string{"Celler med färre än 5 personer är undertryckta."},
	}
}

func sampleProvenance() report.Provenance {
	return report.Provenance{
		Title: "Matchning på arbetsmarknaden", LMIVersion: "v1.2.3", VCSRevision: "abc123",
		Created: time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC),
		Sources: []report.Source{{Name: "SCB, matchningsindikatorer", TableID: "AM9906", File: "scb/am9906.px",
			SHA256: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", Note: "2015-2022"}},
		Parameters: []report.Param{{Name: "k", Value: "5"}, {Name: "Åldersintervall", Value: "20-64"}},
		Notes:      []string{"Syntetiska data."},
	}
}

func build(t testing.TB, opt Options, topt TableOptions, tb *report.Table) []byte {
	t.Helper()
	w, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.AddTable(tb, topt); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := w.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func readEntry(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			return string(data)
		}
	}
	t.Fatalf("no %s in the archive", name)
	return ""
}

func TestWorkbookContent(t *testing.T) {
	b := build(t, Options{Provenance: sampleProvenance()}, TableOptions{}, sampleTable())
	f := open(t, b)
	if got := fmt.Sprint(f.GetSheetList()); got != "[Om tabellerna Teckenförklaring matchning]" {
		t.Fatalf("sheets %s", got)
	}
	check := func(cell, want string) {
		t.Helper()
		got, err := f.GetCellValue("matchning", cell, excelize.Options{RawCellValue: true})
		if err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", cell, got, err, want)
		}
	}
	check("A1", "År")
	check("E1", "Matchningsgrad, procent")
	check("C2", "0114")             // a code stays text
	check("E2", "25.8064516129032") // Excel keeps 15 significant digits
	check("F3", "..")
	check("E5", "0.0238")
	check("F5", "")
	check("E6", ".")
	check("F6", "-")

	// Number formats by kind: percent one decimal, count whole, the share's own format.
	numFmt := func(cell string) string {
		id, _ := f.GetCellStyle("matchning", cell)
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil {
			return fmt.Sprintf("style %d: %v", id, err)
		}
		return *st.CustomNumFmt
	}
	for cell, want := range map[string]string{"E2": "#,##0.0", "F2": "#,##0", "E5": "#,##0.000", "C2": "@"} {
		if got := numFmt(cell); got != want {
			t.Errorf("format of %s = %q, want %q", cell, got, want)
		}
	}
	if got, _ := f.GetCellValue("matchning", "E2"); got != "25.8" {
		t.Errorf("E2 displayed %q, want 25.8", got)
	}
	panes, err := f.GetPanes("matchning")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v %v", panes, err)
	}
	sheetXML := readEntry(t, b, "xl/worksheets/sheet3.xml")
	for _, want := range []string{`<autoFilter ref="$A$1:$F$6"`, `<v>25.8064516129032</v>`,
		`<col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2"`} {
		if !strings.Contains(sheetXML, want) {
			t.Errorf("no %s in the sheet's XML", want)
		}
	}
	if w, _ := f.GetColWidth("matchning", "D"); w < 16 || w > 20 {
		t.Errorf("width of D %v, want about len(Stockholms län)+2", w)
	}

	about, _ := f.GetRows(AboutSheet)
	text := fmt.Sprint(about)
	for _, want := range []string{"Matchning på arbetsmarknaden", "v1.2.3", "abc123", "2025-03-01 12:30",
		"AM9906", "scb/am9906.px", "0f1e2d3c4b5a6978", "Åldersintervall", "20-64", "Syntetiska data.",
		"matchning Matchningsgrad efter region 5", "Anm.: Celler med färre"} {
		if !strings.Contains(text, want) {
			t.Errorf("Om tabellerna lacks %q:\n%s", want, text)
		}
	}
	sym, _ := f.GetRows(SymbolsSheet)
	if s := fmt.Sprint(sym); !strings.Contains(s, "[.. Uppgiften redovisas inte") || !strings.Contains(s, "procent 1 (procent, 0-100)") {
		t.Errorf("Teckenförklaring: %s", s)
	}
	props, _ := f.GetDocProps()
	if props.Created != "2025-03-01T12:30:00Z" || props.Language != "sv-SE" || props.Creator != "lmi" {
		t.Errorf("doc props %+v", props)
	}
}

func TestDeterministicBytes(t *testing.T) {
	opt := Options{Provenance: sampleProvenance()}
	split := TableOptions{SplitBy: "region_level"}
	a := build(t, opt, split, sampleTable())
	b := build(t, opt, split, sampleTable())
	if !bytes.Equal(a, b) {
		t.Fatal("the same workbook built twice differs")
	}
	// Writing one workbook twice gives the same bytes too.
	w, _ := New(opt)
	defer w.Close()
	w.AddTable(sampleTable(), split)
	var x, y bytes.Buffer
	w.WriteTo(&x)
	w.WriteTo(&y)
	if !bytes.Equal(x.Bytes(), y.Bytes()) || !bytes.Equal(x.Bytes(), a) {
		t.Fatal("writing a workbook twice differs")
	}
	zr, _ := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first entry %s", zr.File[0].Name)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s modified %v", f.Name, f.Modified)
		}
	}
}

func TestSplitBy(t *testing.T) {
	w, _ := New(Options{})
	defer w.Close()
	infos, err := w.AddTable(sampleTable(), TableOptions{Sheet: "Matchningsgrad", SplitBy: "region_level"})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(infos)
	if got != "[{Matchningsgrad kommun kommun 2} {Matchningsgrad lan lan 2} {Matchningsgrad fa fa 1}]" {
		t.Errorf("sheets %s", got)
	}
	if _, err := w.AddTable(sampleTable(), TableOptions{SplitBy: "nope"}); err == nil {
		t.Error("split by a missing column accepted")
	}
}

func TestRowLimit(t *testing.T) {
	w, _ := New(Options{MaxRows: 3})
	defer w.Close()
	_, err := w.AddTable(sampleTable(), TableOptions{})
	var rl *RowLimitError
	if !errors.As(err, &rl) {
		t.Fatalf("err %v, want a RowLimitError", err)
	}
	if rl.Rows != 5 || rl.Limit != 3 || rl.Sheet != "matchning" || !strings.Contains(rl.Error(), "5 rows") || !strings.Contains(rl.Error(), "split") {
		t.Errorf("%+v: %v", rl, rl)
	}

	// Split by level, the kommun and län sheets have 2 rows each: they fit
	// 2, and overflow at 1 with the count of the overflowing sheet.
	w2, _ := New(Options{MaxRows: 2})
	defer w2.Close()
	if _, err := w2.AddTable(sampleTable(), TableOptions{SplitBy: "region_level"}); err != nil {
		t.Errorf("split at 2: %v", err)
	}
	w3, _ := New(Options{MaxRows: 1})
	defer w3.Close()
	_, err = w3.AddTable(sampleTable(), TableOptions{SplitBy: "region_level"})
	if !errors.As(err, &rl) || rl.Rows != 2 || rl.Sheet != "matchning kommun" || rl.SplitBy != "region_level" {
		t.Errorf("split at 1: %v", err)
	}
	if MaxDataRows != 1048575 {
		t.Error("Excel's limit")
	}
}

func TestSheetNames(t *testing.T) {
	var n names
	long := "Matchningsgrad efter kommun och utbildningsgrupp"
	tests := []struct{ base, suffix, want string }{
		{long, " 0114", "Matchningsgrad efter kommu 0114"},
		{long, " 0114", "Matchningsgrad efter k 0114 (2)"},
		{"a/b:c?d*e[f]g\\h", "", "a-b-c-d-e-f-g-h"},
		{"'citat'", "", "citat"},
		{"History", "", "Blad"},
		{"MATCHNING", "", "MATCHNING"},
		{"matchning", "", "matchning (2)"},
		{"", "", "Blad (2)"},
		{strings.Repeat("å", 40), "", strings.Repeat("å", 31)},
	}
	for _, tt := range tests {
		got := n.make(tt.base, tt.suffix)
		if got != tt.want || utf16Len(got) > MaxSheetName {
			t.Errorf("make(%q, %q) = %q, want %q", tt.base, tt.suffix, got, tt.want)
		}
	}
	if SheetName("😀"+strings.Repeat("x", 40)) != "😀"+strings.Repeat("x", 29) {
		t.Error("a character outside the BMP counts two units")
	}
}

func TestWriteFileAndErrors(t *testing.T) {
	dir := t.TempDir()
	w, _ := New(Options{})
	if _, err := w.AddTable(sampleTable(), TableOptions{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "t.xlsx")
	if err := w.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AddTable(sampleTable(), TableOptions{Sheet: "x"}); err == nil {
		t.Error("AddTable after writing accepted")
	}
	w.Close()
	if _, err := w.WriteTo(io.Discard); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: %v", err)
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("file: %v", err)
	}
	boom := errors.New("boom")
	w2, _ := New(Options{})
	defer w2.Close()
	tb := sampleTable()
	tb.Rows = report.FuncRows(func([]report.Cell) (bool, error) { return false, boom })
	if _, err := w2.AddTable(tb, TableOptions{}); !errors.Is(err, boom) {
		t.Errorf("row error: %v", err)
	}
	if _, err := w2.AddTable(&report.Table{Name: "x"}, TableOptions{}); !errors.Is(err, report.ErrNoColumns) {
		t.Errorf("no columns: %v", err)
	}
}

func TestEmptyTable(t *testing.T) {
	tb := sampleTable()
	tb.Rows = nil
	b := build(t, Options{}, TableOptions{SplitBy: "region"}, tb)
	f := open(t, b)
	if got := fmt.Sprint(f.GetSheetList()); got != "[Om tabellerna Teckenförklaring matchning (tom)]" {
		t.Errorf("sheets %s", got)
	}
}

// TestTextEscaping writes texts that XML must escape or cannot hold and
// reads them back through excelize.
func TestTextEscaping(t *testing.T) {
	tb := &report.Table{Name: "texter", Columns: []report.Column{{Key: "a"}, {Key: "b", Kind: report.KindCount}},
		Rows: report.SliceRows([][]report.Cell{
			{report.Str(`Bygg & anläggning <SNI F> "ja"`), report.Num(-0.0)},
			{report.Str(" inledande blanksteg"), report.Num(1e-7)},
			{report.Str("kontroll\x01tecken\xff"), report.Num(123456789012345678)},
		})}
	f := open(t, build(t, Options{}, TableOptions{}, tb))
	rows, err := f.GetRows("texter", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "[[a b] [Bygg & anläggning <SNI F> \"ja\" 0] [ inledande blanksteg 1E-07] [kontrolltecken 1.23456789012346E+17]]"
	if got := fmt.Sprint(rows); got != want {
		t.Errorf("rows\n%s\nwant\n%s", got, want)
	}
}

// TestSharedStrings: the tables' texts are shared, each once, and read
// back right next to the fixed sheets' own texts.
func TestSharedStrings(t *testing.T) {
	w, _ := New(Options{Provenance: sampleProvenance()})
	defer w.Close()
	for _, name := range []string{"a", "b"} {
		tb := sampleTable()
		tb.Name = name
		if _, err := w.AddTable(tb, TableOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if n := strings.Count(readEntry(t, b, "xl/sharedStrings.xml"), ">Stockholms län<"); n != 1 {
		t.Errorf("Stockholms län %d times in the shared strings", n)
	}
	if !strings.Contains(readEntry(t, b, "xl/worksheets/sheet4.xml"), ` t="s"><v>`) {
		t.Error("no shared string cell")
	}
	f := open(t, b)
	for _, sheet := range []string{"a", "b"} {
		rows, _ := f.GetRows(sheet)
		if got := fmt.Sprint(rows[3]); got != "[2022 lan 01 Stockholms län 61,0 123 456]" && got != "[2022 lan 01 Stockholms län 61.0 123,456]" {
			t.Errorf("%s row 3: %s", sheet, got)
		}
	}
	if about, _ := f.GetRows(AboutSheet); about[0][0] != "Matchning på arbetsmarknaden" {
		t.Errorf("Om tabellerna starts %q", about[0][0])
	}
}
