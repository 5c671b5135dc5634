package geo

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/report"
	"lmi/report/geo/internal/shapes"
)

func wellFormed(t *testing.T, b []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
	return string(b)
}

func area(s Shape) float64 {
	a := 0.0
	for _, r := range s.Rings {
		g := make([]shapes.Point, len(r))
		for i, p := range r {
			g[i] = shapes.Point{X: int32(p.E / 100), Y: int32(p.N / 100)}
		}
		a += math.Abs(shapes.Area([][]shapes.Point{g}))
	}
	return a / 100 // km²
}

func TestShapes(t *testing.T) {
	want := map[codes.Level]int{codes.LevelKommun: 290, codes.LevelLan: 21, codes.LevelFA: 60, codes.LevelRiket: 1}
	for level, n := range want {
		ss, err := Shapes(level)
		if err != nil {
			t.Fatal(err)
		}
		if len(ss) != n {
			t.Errorf("%s: %d shapes, want %d", level, len(ss), n)
		}
		for _, s := range ss {
			if len(s.Rings) == 0 || s.Name == "" {
				t.Errorf("%s %s: %d rings, name %q", level, s.Code, len(s.Rings), s.Name)
			}
		}
	}
	lan, _ := Shapes(codes.LevelLan)
	if lan[0].Code != "01" || lan[0].Name != "Stockholms län" {
		t.Errorf("first län %s %s", lan[0].Code, lan[0].Name)
	}
	// Gotland is one kommun, one län and one FA region: the same outline.
	k, _ := Shapes(codes.LevelKommun)
	var gotlandK, gotlandL Shape
	for _, s := range k {
		if s.Code == "0980" {
			gotlandK = s
		}
	}
	for _, s := range lan {
		if s.Code == "09" {
			gotlandL = s
		}
	}
	if a, b := area(gotlandK), area(gotlandL); math.Abs(a-b) > 1 || a < 3000 || a > 4500 {
		t.Errorf("Gotland: kommun %.0f km², län %.0f km²", a, b)
	}
	// Sweden is 447 000 km² with its lakes; the kommun boundaries leave out
	// the largest lakes and take in coastal waters: about 473 000 km².
	riket, _ := Shapes(codes.LevelRiket)
	if a := area(riket[0]); a < 440000 || a > 500000 {
		t.Errorf("riket %.0f km²", a)
	}
	// Sergels torg, Stockholm, lies in kommun 0180 and nowhere else.
	e, n := Project(18.0686, 59.3293)
	var in []string
	for _, s := range k {
		if contains(s, e, n) {
			in = append(in, s.Code)
		}
	}
	if strings.Join(in, ",") != "0180" {
		t.Errorf("Sergels torg in %v", in)
	}
	if _, err := Shapes("socken"); err == nil {
		t.Error("unknown level accepted")
	}
}

func contains(s Shape, e, n float64) bool {
	in := false
	for _, r := range s.Rings {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			if (a.N > n) != (b.N > n) && e < a.E+(n-a.N)*(b.E-a.E)/(b.N-a.N) {
				in = !in
			}
		}
	}
	return in
}

func grouping(t *testing.T) *codes.Grouping {
	g, err := codes.ReadGrouping(strings.NewReader("region,code\nNorrland,24\nNorrland,25\nMitt,2281\nMitt,2262\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGroupShapesDissolve(t *testing.T) {
	ss, err := GroupShapes(grouping(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].Code != "Norrland" || ss[1].Code != "Mitt" {
		t.Fatalf("shapes %v", ss)
	}
	// Norrland is Västerbotten and Norrbotten together: one outline (no
	// inner border) with the area of both län.
	lan, _ := Shapes(codes.LevelLan)
	var sum float64
	for _, l := range lan {
		if l.Code == "24" || l.Code == "25" {
			sum += area(l)
		}
	}
	if a := area(ss[0]); math.Abs(a-sum) > 1 {
		t.Errorf("Norrland %.0f km², the two län %.0f km²", a, sum)
	}
	if len(ss[0].Rings) > 3 {
		t.Errorf("Norrland has %d rings; the län border should be dissolved", len(ss[0].Rings))
	}
	if _, err := GroupShapes(nil); err == nil {
		t.Error("nil grouping accepted")
	}
}

func sampleMap() *Map {
	vals := map[string]report.Cell{}
	for i, l := range codes.Lan() {
		vals[l.Code] = report.Num(40 + float64(i))
	}
	vals["01"] = report.Num(55.04)
	vals["03"] = report.Mark(report.Suppressed)
	delete(vals, "09")
	return &Map{Title: "Matchningsgrad per län", Level: codes.LevelLan, Values: vals, Kind: report.KindPercent,
		Unit: "Matchningsgrad, procent", Source: "lmi"}
}

func TestMapSVG(t *testing.T) {
	b, err := sampleMap().SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := wellFormed(t, b)
	for _, want := range []string{
		"<title>Stockholms län: 55,0</title>", "<title>Uppsala län: .. (undertryckt)</title>",
		"<title>Gotlands län: uppgift saknas</title>", `fill="url(#`, "<pattern id=", ".. undertryckt (1)",
		"Uppgift saknas (1)", "Matchningsgrad, procent", "Källa: lmi",
		"Karta över 21 län, Matchningsgrad, procent, i 5 klasser", "1 undertryckta (streckade). 1 utan uppgift (grå).",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q", want)
		}
	}
	// 19 values in 5 quantile classes: the legend counts add up to 19.
	total := 0
	for _, m := range regexp.MustCompile(`>([^<]*) \((\d+)\)</text>`).FindAllStringSubmatch(s, -1) {
		if strings.Contains(m[1], "undertryckt") || strings.Contains(m[1], "saknas") {
			continue
		}
		var n int
		for _, c := range m[2] {
			n = n*10 + int(c-'0')
		}
		total += n
	}
	if total != 19 {
		t.Errorf("legend counts add up to %d, want 19", total)
	}
	b2, _ := sampleMap().SVG()
	if !bytes.Equal(b, b2) {
		t.Error("not deterministic")
	}
}

func TestGroupingMap(t *testing.T) {
	m := &Map{Title: "Egna regioner", Grouping: grouping(t), LanBorders: true,
		Values: map[string]report.Cell{"Norrland": report.Num(3.5), "Mitt": report.Num(2.25)}, Kind: report.KindRatio}
	b, err := m.SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := wellFormed(t, b)
	for _, want := range []string{"<title>Norrland: 3,50</title>", "<title>Mitt: 2,25</title>", "Ingår inte i indelningen", "regioner i indelningen test"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q", want)
		}
	}
}

func TestMapErrors(t *testing.T) {
	if _, err := (&Map{Level: codes.LevelRiket}).SVG(); err == nil {
		t.Error("riket map accepted")
	}
	m := sampleMap()
	m.Classes = Classes{Method: Manual, Breaks: []float64{5, 1}}
	if _, err := m.SVG(); !errors.Is(err, ErrClasses) {
		t.Errorf("bad breaks: %v", err)
	}
	// Without a Kind, values are written as plain decimals.
	b0, err := (&Map{Title: "Utan enhet", Level: codes.LevelLan, Values: map[string]report.Cell{"01": report.Num(1.234)}}).SVG()
	if err != nil || !strings.Contains(string(b0), "<title>Stockholms län: 1,23</title>") {
		t.Errorf("no kind: %v", err)
	}
	// No values at all: every region grey, no classes, still a map.
	b, err := (&Map{Title: "Tom", Level: codes.LevelFA}).SVG()
	if err != nil || !strings.Contains(string(b), "Uppgift saknas (60)") {
		t.Errorf("empty map: %v", err)
	}
}

func TestEmbeddedSize(t *testing.T) {
	if len(kommunBin) > 100<<10 {
		t.Errorf("kommun.bin is %d bytes; keep the embedded data small", len(kommunBin))
	}
}

func BenchmarkKommunMap(b *testing.B) {
	m := sampleMap()
	m.Level = codes.LevelKommun
	for range b.N {
		if _, err := m.SVG(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRefs checks that a region given a source carries it with its value,
// and that the legend's class labels are marked as scale.
func TestRefs(t *testing.T) {
	m := &Map{Title: "Refs", Level: codes.LevelLan, Kind: report.KindPercent,
		Values: map[string]report.Cell{"01": report.Num(64.25), "03": report.Mark(report.Suppressed), "12": report.Num(58.9)},
		Refs:   map[string]string{"01": "m.csv:4:value", "03": "m.csv:5:value"}}
	b, err := m.SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`data-value="64.25" data-ref="m.csv:4:value"><title>Stockholms län: 64,3</title>`,
		`data-value=".." data-ref="m.csv:5:value"><title>Uppsala län: .. (undertryckt)</title>`, `class="scale">`} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s", want)
		}
	}
	if n := strings.Count(s, "data-ref="); n != 2 {
		t.Errorf("%d refs, want 2", n)
	}
}
