package html_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/internal/browsertest"
	"lmi/report"
	"lmi/report/chart"
	"lmi/report/geo"
	"lmi/report/html"
)

// samplePage is a report with a chart, a map, a table and the symbols.
func samplePage(t *testing.T) *html.Document {
	t.Helper()
	values := map[string]report.Cell{}
	var bars []chart.Bar
	var rows [][]report.Cell
	for i, l := range codes.Lan() {
		v := report.Num(52 + float64((i*7)%15) + 0.25)
		if l.Code == "09" {
			v = report.Mark(report.Suppressed)
		}
		values[l.Code] = v
		bars = append(bars, chart.Bar{Label: l.Name, Value: v, Highlight: l.Code == "25"})
		rows = append(rows, []report.Cell{report.Str(l.Code), report.Str(l.Name), v})
	}
	bar, err := (&chart.Bars{Common: chart.Common{Title: "Matchningsgrad efter län 2022"}, ValueLabel: "Procent",
		Kind: report.KindPercent, Bars: bars, Reference: report.Num(58.4)}).SVG()
	if err != nil {
		t.Fatal(err)
	}
	m, err := (&geo.Map{Title: "Matchningsgrad efter län 2022", Level: codes.LevelLan, Values: values,
		Kind: report.KindPercent, Unit: "Matchningsgrad, procent"}).SVG()
	if err != nil {
		t.Fatal(err)
	}
	tb := &report.Table{Name: "matchning", Title: "Matchningsgrad efter län 2022",
		Columns: []report.Column{{Key: "region", Header: "Län", Kind: report.KindCode}, {Key: "region_name", Header: "Namn"},
			{Key: "value", Header: "Matchningsgrad, procent", Kind: report.KindPercent}},
		Rows: report.SliceRows(rows)}
	return &html.Document{
		Title: "Matchning på arbetsmarknaden", Subtitle: "Län 2022", Byline: "Framtagen med lmi",
		Sections: []html.Section{
			{Title: "Sammanfattning", Blocks: []html.Block{html.Paragraph("Matchningsgraden är högst i Norrbottens län."),
				html.Note("Syntetiska data.")}},
			{Title: "Matchningsgrad", Blocks: []html.Block{
				html.Figure{SVG: bar, Caption: "Matchningsgrad efter län.", Source: "lmi"},
				html.Figure{SVG: m, Caption: "Karta över matchningsgraden.", Source: "lmi"},
				html.Table{Table: tb}}},
			{Title: "Om tabellerna", Blocks: []html.Block{html.Symbols{}}},
		},
	}
}

// TestBrowserRender renders the sample report in headless Chromium: no
// console messages, a screenshot with real content, and the DOM with both
// figures, the table and every section.
func TestBrowserRender(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rapport.html")
	if err := samplePage(t).WriteFile(path); err != nil {
		t.Fatal(err)
	}
	res := browsertest.Check(t, path, browsertest.Options{Width: 1200, Height: 2400})
	if b := res.Image.Bounds(); b.Dx() != 1200 || b.Dy() != 2400 {
		t.Errorf("screenshot %v", b)
	}
	if res.Colors < 50 {
		t.Errorf("screenshot has %d colours; a page with a chart and a map has many more", res.Colors)
	}
	for _, want := range []string{"Innehåll", "Sammanfattning", "Teckenförklaring", "Stockholms län: ", "Riket 58,4", "<table>"} {
		if !strings.Contains(res.DOM, want) {
			t.Errorf("DOM lacks %q", want)
		}
	}
	if n := strings.Count(res.DOM, "<svg"); n != 2 {
		t.Errorf("%d svg elements in the DOM, want 2", n)
	}
	if out := os.Getenv("LMI_SCREENSHOT"); out != "" {
		os.WriteFile(out, res.PNG, 0o644)
	}
}
