package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"lmi/report"
)

// wellFormed parses the SVG and returns its text.
func wellFormed(t *testing.T, b []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, b)
		}
	}
	s := string(b)
	if !strings.HasPrefix(s, "<svg xmlns=\"http://www.w3.org/2000/svg\"") || !strings.Contains(s, "<title id=") || !strings.Contains(s, "<desc id=") {
		t.Errorf("no svg root with title and desc:\n%.300s", s)
	}
	return s
}

func num(v float64) report.Cell { return report.Num(v) }

var sup = report.Mark(report.Suppressed)

func lineChart() *Line {
	return &Line{
		Common:  Common{Title: "Matchningsgrad 2015–2022", Source: "lmi, syntetiska data"},
		YLabel:  "Procent",
		Kind:    report.KindPercent,
		Periods: []string{"2015", "2016", "2017", "2018", "2019"},
		Series: []Series{
			{Name: "Stockholms län", Values: []report.Cell{num(61.2), num(62.0), sup, num(63.1), num(63.9)}},
			{Name: "Uppsala län", Values: []report.Cell{num(58), num(58.5), num(59), {}, num(60.2)}},
		},
		Reference: &Series{Name: "Riket", Values: []report.Cell{num(60), num(60.4), num(60.9), num(61.5), num(62)}},
	}
}

func TestLine(t *testing.T) {
	c := lineChart()
	b, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := wellFormed(t, b)
	// The suppressed 2017 value breaks Stockholm's line into two pieces.
	paths := regexp.MustCompile(`<title>Stockholms län</title><path d="([^"]*)"`).FindStringSubmatch(s)
	if len(paths) != 2 || strings.Count(paths[1], "M") != 2 || strings.Count(paths[1], "L") != 2 {
		t.Errorf("Stockholm's path %v, want two pieces of two points", paths)
	}
	for _, want := range []string{"Riket", `stroke="#000000" stroke-width="2.6" stroke-dasharray="10 4"`, "Luckor:",
		"<title>Stockholms län 2018: 63,1</title>", "<title>Uppsala län 2019: 60,2</title>", "Källa: lmi, syntetiska data",
		">2019</text>", "Linjediagram, 2015 till 2019: Stockholms län, Uppsala län. Streckad svart linje: Riket."} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q", want)
		}
	}
	// Axis ticks 58..64 by 1 (raw step 5.9/5 = 1.18 -> 2? see svg.Ticks): labels use a decimal comma when needed.
	if strings.Contains(s, ">0</text>") {
		t.Error("a zero tick on an axis that should not include zero")
	}
	b2, _ := lineChart().SVG()
	if !bytes.Equal(b, b2) {
		t.Error("not deterministic")
	}
}

func TestLineErrors(t *testing.T) {
	c := lineChart()
	c.Series[0].Values = c.Series[0].Values[:3]
	if _, err := c.SVG(); err == nil {
		t.Error("short series accepted")
	}
	c = lineChart()
	for len(c.Series) <= 6 {
		c.Series = append(c.Series, c.Series[0])
	}
	if _, err := c.SVG(); err == nil {
		t.Error("7 series accepted")
	}
	if _, err := (&Line{}).SVG(); !errors.Is(err, ErrNoData) {
		t.Errorf("empty: %v", err)
	}
	all := &Line{Periods: []string{"2015"}, Series: []Series{{Name: "x", Values: []report.Cell{sup}}}}
	if _, err := all.SVG(); !errors.Is(err, ErrNoData) {
		t.Errorf("all suppressed: %v", err)
	}
}

func barChart() *Bars {
	return &Bars{
		Common:     Common{Title: "Matchningsgrad efter län 2022"},
		ValueLabel: "Procent",
		Kind:       report.KindPercent,
		Bars: []Bar{
			{Label: "Uppsala län", Value: num(58.25)},
			{Label: "Gotlands län", Value: sup},
			{Label: "Stockholms län", Value: num(64.21), Highlight: true},
			{Label: "Blekinge län", Value: report.Cell{}},
			{Label: "Skåne län", Value: num(60.04)},
		},
		Reference: num(61.04),
	}
}

func TestBars(t *testing.T) {
	b, err := barChart().SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := wellFormed(t, b)
	order := regexp.MustCompile(`<title>([^:<]+): ([^<]+)</title>`).FindAllStringSubmatch(s, -1)
	var got []string
	for _, m := range order {
		got = append(got, m[1]+"="+m[2])
	}
	want := "Stockholms län=64,2 Skåne län=60,0 Uppsala län=58,3 Blekinge län=saknas Gotlands län=.."
	if strings.Join(got, " ") != want {
		t.Errorf("bars %q, want %q", strings.Join(got, " "), want)
	}
	// Two bars without a value have no rect: three bars of data.
	if n := strings.Count(s, `<rect x=`); n != 3 {
		t.Errorf("%d rects, want 3", n)
	}
	for _, want := range []string{"Riket 61,0", `font-weight="bold">Stockholms län</text>`, "Staplar utan värde", "Högst: Stockholms län 64,2."} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q", want)
		}
	}
	if !regexp.MustCompile(`height="[1-9][0-9]*"`).MatchString(s[:300]) {
		t.Error("no height")
	}
}

func TestBeveridge(t *testing.T) {
	c := &Beveridge{
		Common: Common{Title: "Beveridgekurvor"},
		Kind:   report.KindShare,
		Curves: []BeveridgeCurve{
			{Name: "Stockholms län", Points: []BeveridgePoint{{Label: "2019", U: num(0.031), V: num(0.012)}, {Label: "2020", U: num(0.045), V: num(0.008)}, {Label: "2021", U: sup, V: num(0.01)}, {Label: "2022", U: num(0.036), V: num(0.014)}}},
			{Name: "Gotlands län", Points: []BeveridgePoint{{Label: "2019", U: num(0.028), V: num(0.009)}, {Label: "2020", U: num(0.033), V: num(0.007)}}},
		},
	}
	b, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := wellFormed(t, b)
	for _, want := range []string{"Stockholms län 2019: u 0,031, v 0,012", ">2022</text>", "Arbetslöshet (u)", "Vakansgrad (v)", "Punkter utan både u och v"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q", want)
		}
	}
	if strings.Contains(s, "Stockholms län 2021") {
		t.Error("the point without u is drawn")
	}
}

func fanChart() *Fan {
	return &Fan{
		Common: Common{Title: "Sysselsatta undersköterskor, Stockholms län"},
		YLabel: "Antal", Kind: report.KindCount, Coverage: 0.8,
		History: []Observed{{Period: "2019", Value: num(1200)}, {Period: "2020", Value: num(1250)}, {Period: "2021", Value: num(1236)}, {Period: "2022", Value: num(1280)}},
		Forecast: []Projected{
			{Period: "2023", Value: num(1300), Lower: num(1250), Upper: num(1350)},
			{Period: "2024", Value: num(1320), Lower: num(1230), Upper: num(1410)},
			{Period: "2025", Value: num(1340), Lower: num(1210), Upper: num(1470)},
		},
	}
}

func TestFan(t *testing.T) {
	b, err := fanChart().SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := wellFormed(t, b)
	for _, want := range []string{"Prognosintervall, 80 %", "Utfall", "<title>Prognos 2024: 1\u00a0320</title>", ">Prognos</text>", "2025: 1\u00a0340 (1\u00a0210–1\u00a0470)."} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q", want)
		}
	}
	// The band is one closed path from the last observation: 1 + 3 upper and 3 + 1 lower points.
	band := regexp.MustCompile(`<path d="(M[^"]*Z)" fill="#F4C7A9"`).FindStringSubmatch(s)
	if len(band) != 2 || strings.Count(band[1], "L") != 7 {
		t.Errorf("band %v", band)
	}
}

func TestShortage(t *testing.T) {
	c := &Shortage{
		Common: Common{Title: "Bristyrken i Stockholms län 2027"},
		Items: []ShortageItem{
			{Code: "2221", Name: "Grundutbildade sjuksköterskor", Class: 5, Detail: "92 %"},
			{Code: "5321", Name: "Undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering", Class: 4},
			{Code: "2341", Name: "Grundskollärare", Class: 3},
			{Code: "4112", Name: "Löne- och personaladministratörer", Class: 2},
			{Code: "9412", Name: "Restaurang- och köksbiträden", Class: 1},
			{Code: "0110", Name: "Officerare", Class: 0},
		},
	}
	b, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := wellFormed(t, b)
	for _, want := range []string{"2221 Grundutbildade sjuksköterskor: Mer påtaglig brist", "9412 Restaurang- och köksbiträden: Mer påtagligt överskott",
		"0110 Officerare: ..", "klassen redovisas inte", ">5</text>", ">1</text>", "…", "Mer påtaglig brist: 1."} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q", want)
		}
	}
	c.Items[0].Class = 6
	if _, err := c.SVG(); err == nil {
		t.Error("class 6 accepted")
	}
	c.Items = nil
	if _, err := c.SVG(); !errors.Is(err, ErrNoData) {
		t.Error("empty list accepted")
	}
}

func TestWrap(t *testing.T) {
	got := wrap("Andel förvärvsarbetande bland inrikes födda", 25)
	if strings.Join(got, "|") != "Andel förvärvsarbetande|bland inrikes födda" {
		t.Errorf("wrap %q", got)
	}
}

// TestLineMonthlyLabels: 96 monthly periods do not get 96 overlapping
// labels; the first period is labelled.
func TestLineMonthlyLabels(t *testing.T) {
	var periods []string
	var vals []report.Cell
	for y := 2015; y < 2023; y++ {
		for m := 1; m <= 12; m++ {
			periods = append(periods, fmt.Sprintf("%d-%02d", y, m))
			vals = append(vals, num(float64(y-2000)+float64(m)/12))
		}
	}
	b, err := (&Line{Common: Common{Title: "Månader"}, Periods: periods, Series: []Series{{Name: "x", Values: vals}}}).SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := wellFormed(t, b)
	n := len(regexp.MustCompile(`>20\d\d-\d\d</text>`).FindAllString(s, -1))
	if n < 4 || n > 16 || !strings.Contains(s, ">2015-01</text>") {
		t.Errorf("%d period labels", n)
	}
}

// TestDataRefs checks that values given a source carry it with their full
// value, and that scale labels are marked as such.
func TestDataRefs(t *testing.T) {
	bars := &Bars{Common: Common{Title: "Refs"}, Kind: report.KindPercent,
		Bars:      []Bar{{Label: "Uppsala län", Value: num(58.25), Ref: "m.csv:7:value"}, {Label: "Gotlands län", Value: sup, Ref: "m.csv:9:value"}, {Label: "Utan", Value: num(3)}},
		Reference: num(61.04), ReferenceRef: "m.csv:2:value"}
	b, err := bars.SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := wellFormed(t, b)
	for _, want := range []string{`data-value="58.25" data-ref="m.csv:7:value">58,3</text>`, `data-value=".." data-ref="m.csv:9:value"><title>Gotlands län: ..</title>`,
		`data-value="61.04" data-ref="m.csv:2:value">Riket 61,0</text>`, `class="scale">`} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s in\n%s", want, s)
		}
	}
	if n := strings.Count(s, "data-ref="); n != 4 { // the bar, its label, the suppressed label, riket
		t.Errorf("%d data-ref attributes, want 4", n)
	}
	line := &Line{Common: Common{Title: "Linje"}, Kind: report.KindPercent, Periods: []string{"2021", "2022"},
		Series: []Series{{Name: "Uppsala län", Values: []report.Cell{num(1.25), num(2)}, Refs: []string{"a.csv:2:value", "a.csv:3:value"}}}}
	if b, err = line.SVG(); err != nil {
		t.Fatal(err)
	}
	if s := string(b); !strings.Contains(s, `<g data-value="1.25" data-ref="a.csv:2:value"><title>Uppsala län 2021: 1,3</title>`) {
		t.Errorf("line markers without refs:\n%s", s)
	}
	list := &Shortage{Common: Common{Title: "Brist"}, Items: []ShortageItem{{Code: "2221", Name: "Sjuksköterskor", Class: 5, Ref: "s.csv:2:class"}}}
	if b, err = list.SVG(); err != nil {
		t.Fatal(err)
	}
	if s := string(b); !strings.Contains(s, `data-value="5" data-ref="s.csv:2:class">5</text>`) {
		t.Errorf("shortage badge without ref:\n%s", s)
	}
}
