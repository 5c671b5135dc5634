package publish_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"lmi/internal/browsertest"
	"lmi/report/publish"
)

func TestReport(t *testing.T) {
	files := build(t, testInput(t.TempDir()))
	b, err := os.ReadFile(files.Report)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		`<html lang="sv">`, `id="sammanfattning"`, `id="familj-matching"`, `id="familj-status"`, `id="familj-tightness"`,
		`id="familj-beveridge"`, `id="prognos"`, `id="bristlista"`, `id="jamforelse-af"`, `id="metod"`, `id="om-rapporten"`,
		"Nyckeltal per län, senaste period",
		// a family without riket, and one without totals, say so
		"Befolkningen efter arbetsmarknadsstatus: utdata har inga rader för riket",
		"Utdata för familjen (tightness.csv) har inga totalrader",
		// charts: line with riket, bars, Beveridge curves, fans, traffic lights
		"Matchningsgrad (A/(A+B+C)), 2021–2022", "Matchningsgrad (A/(A+B+C)) per län, 2022", "Beveridgekurvor: arbetslöshet och vakansgrad",
		"2221 Grundutbildade sjuksköterskor, Norrbottens län", "Yrken med störst risk för brist, Norrbottens län 2025",
		// maps of län, FA and the grouping
		`id="f-matching-karta-lan-title"`, `id="f-age_structure-karta-fa-title"`, `id="f-matching-karta-norrland-title"`,
		`id="f-status-karta-kommun-title"`, "Andel förvärvsarbetande per kommun, 2022",
		// the agreement
		"Cohens kappa", "Yrken och regioner där klasserna skiljer mest",
		// method notes: the reference's anchors and METHODS sections
		`<a href="docs/indicators.md#matching">`, "METHODS.md avsnitt 2", "Beskrivning (engelska",
		// provenance
		"LISA-test", "9f2c4e1b7a3d5c6e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7", "k (minsta antal i en cell)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// The highlighted region is the one in focus; riket is the reference.
	if !strings.Contains(s, `font-weight="bold">Norrbottens län</text>`) {
		t.Error("Norrbottens län is not highlighted in the bars")
	}
	// The fan chart of 2221 has history from the indicator files (its
	// employed in 2022 agree); 5321's does not (915 in the forecast, 911
	// in the indicators), so it starts at the origin year.
	if !strings.Contains(s, `data-ref="age_structure.csv:16:value"><title>Utfall 2020: 410</title>`) {
		t.Error("2221's history from age_structure.csv is missing")
	}
	if strings.Contains(s, "Utfall 2020: 900") {
		t.Error("5321 has history that disagrees with the forecast's employed")
	}
	for _, bad := range []string{"<script", "@import", "NaN", "Inf"} {
		if strings.Contains(s, bad) {
			t.Errorf("report holds %q", bad)
		}
	}
	if m := regexp.MustCompile(`(?:href|src)="(?:https?:)?//`).FindString(s); m != "" {
		t.Errorf("report loads or links %s", m)
	}
	if n := strings.Count(s, "<svg"); n < 15 {
		t.Errorf("%d figures", n)
	}
	if got := strings.Join(files.Notes, "\n"); !strings.Contains(got, "status.csv: no riket rows") || !strings.Contains(got, "tightness.csv: no rows with every dimension TOT") {
		t.Errorf("notes %s", got)
	}
}

// TestDeterministic: a second build gives the same bytes.
func TestDeterministic(t *testing.T) {
	a := build(t, testInput(t.TempDir()))
	b := build(t, testInput(t.TempDir()))
	for _, p := range [][2]string{{a.Workbook, b.Workbook}, {a.Report, b.Report}} {
		x, err := os.ReadFile(p[0])
		if err != nil {
			t.Fatal(err)
		}
		y, _ := os.ReadFile(p[1])
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", filepath.Base(p[0]))
		}
	}
}

// TestBrowser opens the report in headless Chromium: no console messages,
// every chart and map there, the headline numbers visible.
func TestBrowser(t *testing.T) {
	dir := t.TempDir()
	files := build(t, testInput(dir))
	res := browsertest.Check(t, files.Report, browsertest.Options{Width: 1200, Height: 4000})
	if res.Colors < 100 {
		t.Errorf("screenshot has %d colours", res.Colors)
	}
	page, _ := os.ReadFile(files.Report)
	if want, got := strings.Count(string(page), "<svg"), strings.Count(res.DOM, "<svg"); got != want {
		t.Errorf("%d charts and maps in the DOM, the file has %d", got, want)
	}
	maps := regexp.MustCompile(`id="f-[a-z_]+-karta-[a-z-]+"`).FindAllString(res.DOM, -1)
	if len(maps) < 6 { // län for four families, FA for age_structure, the grouping for matching
		t.Errorf("%d maps in the DOM", len(maps))
	}
	for _, want := range []string{">65,1<", ">81,5<", ">63,4<", "Riket 63,4", "Grundutbildade sjuksköterskor"} {
		if !strings.Contains(res.DOM, want) {
			t.Errorf("DOM lacks %q", want)
		}
	}
	shot := filepath.Join(dir, "report.png")
	if err := os.WriteFile(shot, res.PNG, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", shot)
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	header := "indicator,version,period,region_level,region,region_name,sex,value,numerator,denominator,n,suppressed\n"
	for name, body := range map[string]string{
		"unsorted":     "x,1,2022,lan,03,Uppsala län,TOT,1,,,,false\nx,1,2022,lan,01,Stockholms län,TOT,1,,,,false\n",
		"twice":        "x,1,2022,lan,01,Stockholms län,TOT,1,,,,false\nx,1,2022,lan,01,Stockholms län,TOT,2,,,,false\n",
		"indicators":   "y,1,2022,lan,01,Stockholms län,TOT,1,,,,false\nx,1,2022,lan,01,Stockholms län,TOT,1,,,,false\n",
		"not a number": "x,1,2022,lan,01,Stockholms län,TOT,ett,,,,false\n",
		"flag":         "x,1,2022,lan,01,Stockholms län,TOT,1,,,,ja\n",
		"short row":    "x,1,2022,lan,01,Stockholms län,TOT,1,,,false\n",
		"quote":        "x,1,2022,lan,01,\"Stockholms län,TOT,1,,,,false\n",
	} {
		write("demography.csv", header+body)
		_, err := publish.Build(publish.Input{Dirs: []string{dir}, OutDir: t.TempDir()})
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.Contains(err.Error(), "demography.csv") {
			t.Errorf("%s: %v does not name the file", name, err)
		}
	}
	write("demography.csv", header+"x,1,2022,lan,01,Stockholms län,TOT,1,,,,false\n")
	write("notes.csv", "a,b\n1,2\n")
	files, err := publish.Build(publish.Input{Dirs: []string{dir}, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(files.Notes, "\n"), "notes.csv: left alone") {
		t.Errorf("notes %v", files.Notes)
	}
	if _, err := publish.Build(publish.Input{Dirs: []string{dir, dir}, OutDir: t.TempDir()}); err == nil {
		t.Error("a file in two folders accepted")
	}
}

// TestOnlyTotals: a family whose totals are only a level's total over its
// regions ("*"), and riket, builds: no bars or lines to rank, a table.
func TestOnlyTotals(t *testing.T) {
	dir := t.TempDir()
	body := "indicator,version,period,region_level,region,region_name,term,value,numerator,denominator,n,suppressed\n" +
		"x,1,2022,lan,*,Alla regioner,TOT,0.5,,,10,false\nx,1,2022,riket,00,Riket,TOT,0.25,,,10,false\n"
	if err := os.WriteFile(filepath.Join(dir, "matching_function.csv"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	meta := []publish.Indicator{{Name: "x", Label: "Skattning", Unit: "skattning", Family: "matching_function"}}
	files, err := publish.Build(publish.Input{Dirs: []string{dir}, OutDir: t.TempDir(), Indicators: meta})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(files.Report)
	n := checkNumbers(t, []string{dir}, string(page), meta)
	if n != 4 { // the first page's table and the family's, each "*" and riket
		t.Errorf("%d numbers, want 4", n)
	}
}

// TestFocusFallback: a focus region the forecast does not have gives the
// forecast's total, and says so.
func TestFocusFallback(t *testing.T) {
	in := testInput(t.TempDir())
	in.Region = "03" // Uppsala län: in the indicators, not in the forecast
	in.Groupings = append(in.Groupings, nil)
	files := build(t, in)
	if got := strings.Join(files.Notes, "\n"); !strings.Contains(got, "forecast.csv: no rows for region 03") {
		t.Errorf("notes %s", got)
	}
	page, _ := os.ReadFile(files.Report)
	for _, want := range []string{"2221 Grundutbildade sjuksköterskor, Alla regioner", `font-weight="bold">Uppsala län</text>`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
