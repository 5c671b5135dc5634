package scb

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
	"lmi/ingest/px"
	"lmi/ingest/pxjson"
	"lmi/ingest/scbcsv"
)

// SCB's content texts of RMI E3 (RegionInd19E3N2) and U2
// (RegionInd19U2N1), as the tables' metadata give them.
var (
	e3Texts = []string{
		"Anställda, helt matchade, antal (A)",
		"Anställda, delvis matchade, antal (B)",
		"Anställda, inte matchade, antal (C)",
		"Anställda utan tillräckliga uppgifter, antal (D)",
		"Totalt antal personer (justerat), antal (E)",
		"Förvärvsgrad (justerad), procent ((A+B+C)/E)",
		"Matchad förvärvsgrad, procent (A/E)",
		"Skillnad förvärvsgrad och matchad förvärvsgrad, procentenheter",
	}
	u2Texts = []string{
		"Bor och arbetar i samma region",
		"Inpendlare över regiongräns",
		"Utpendlare över regiongräns",
		"Dagbefolkning (förvärvsarbetande)",
		"Nattbefolkning (förvärvsarbetande)",
	}
)

// rmiTable builds a table Region x ContentsCode x Tid with the content
// texts, filled per region and year by fill (one value per content).
func rmiTable(id string, texts []string, regions, years []string, fill func(r, y int) []float64) *cube.Table {
	var contents []cube.Value
	for i, tx := range texts {
		contents = append(contents, cube.Value{Code: "0000" + string(rune('A'+i)), Label: tx})
	}
	var rv, yv []cube.Value
	for _, r := range regions {
		rv = append(rv, cube.Value{Code: r, Label: r})
	}
	for _, y := range years {
		yv = append(yv, cube.Value{Code: y, Label: y})
	}
	t := cube.New([]cube.Dimension{
		{Code: "Region", Values: rv, Role: cube.RoleGeo},
		{Code: "ContentsCode", Values: contents, Role: cube.RoleMetric},
		{Code: "Tid", Values: yv, Role: cube.RoleTime},
	})
	t.ID = id
	for r := range regions {
		for y := range years {
			for c, v := range fill(r, y) {
				off := t.Offset([]int{r, c, y})
				if math.IsNaN(v) {
					t.SetStatus(off, cube.StatusMissing)
				} else {
					t.Set(off, v)
				}
			}
		}
	}
	return t
}

func TestCheckRMIE3(t *testing.T) {
	// A 50, B 20, C 10, D 5, E 100: förvärvsgrad 80.0, matchad 50.0,
	// difference 30.0. Riket 2022 publishes 80.2 (off by more than the
	// rounding) and FA01 2021 has no A (nothing to check there).
	tab := rmiTable("RegionInd19E3N2", e3Texts, []string{"00", "FA01"}, []string{"2021", "2022"}, func(r, y int) []float64 {
		v := []float64{50, 20, 10, 5, 100, 80, 50, 30}
		if r == 0 && y == 1 {
			v[5] = 80.2
		}
		if r == 1 && y == 0 {
			v[0] = math.NaN()
		}
		return v
	})
	kind, cells, err := RMI(tab)
	if err != nil {
		t.Fatal(err)
	}
	if kind != KindE3 || len(cells) != 4 || cells[0].KeyString() != "Region=00" || cells[0].Year != "2021" {
		t.Fatalf("kind %s, %d cells, first %s %s", kind, len(cells), cells[0].KeyString(), cells[0].Year)
	}
	checked, diffs := CheckRMI(cells)
	if checked != 9 || len(diffs) != 1 {
		t.Fatalf("checked %d, differ %v; want 9 and one", checked, diffs)
	}
	d := diffs[0]
	if d.Key != "Region=00" || d.Year != "2022" || d.Measure != MeasureForvarvsgrad || d.Published != 80.2 || math.Abs(d.Recomputed-80) > 1e-12 {
		t.Errorf("got %v", d)
	}
	if cells[2].Status[MeasureA] != cube.StatusMissing {
		t.Errorf("the missing A lost its status: %v", cells[2].Status)
	}
	// Rounding to one decimal is not a discrepancy: 2/3 = 66.67 published as 66.7.
	tab = rmiTable("E3", e3Texts, []string{"01"}, []string{"2022"}, func(int, int) []float64 {
		return []float64{2, 0, 0, 0, 3, 66.7, 66.7, 0}
	})
	if _, cells, err = RMI(tab); err != nil {
		t.Fatal(err)
	}
	if _, diffs := CheckRMI(cells); len(diffs) != 0 {
		t.Errorf("rounded rates reported: %v", diffs)
	}
}

func TestCheckRMIU2(t *testing.T) {
	// Live and work 100, in 20, out 30: day 120, night 130; län 20 2023
	// publishes a day population of 121.
	tab := rmiTable("RegionInd19U2N1", u2Texts, []string{"01", "20"}, []string{"2023"}, func(r, _ int) []float64 {
		if r == 1 {
			return []float64{100, 20, 30, 121, 130}
		}
		return []float64{100, 20, 30, 120, 130}
	})
	kind, cells, err := RMI(tab)
	if err != nil {
		t.Fatal(err)
	}
	checked, diffs := CheckRMI(cells)
	if kind != KindU2 || checked != 4 || len(diffs) != 1 || diffs[0].Measure != MeasureDagbefolkning || diffs[0].Key != "Region=20" {
		t.Fatalf("kind %s, checked %d, differ %v", kind, checked, diffs)
	}
	out, in := CommutingShares(&cells[0])
	if math.Abs(out-100*30.0/130) > 1e-12 || math.Abs(in-100*20.0/120) > 1e-12 {
		t.Errorf("shares %v %v", out, in)
	}
}

func TestRMIRejects(t *testing.T) {
	for name, texts := range map[string][]string{
		"unknown content": {"Anställda, helt matchade, antal (A)", "Medellön, kronor"},
		"mixed kinds":     {"Anställda, helt matchade, antal (A)", "Inpendlare över regiongräns"},
		"twice":           {"Inpendlare över regiongräns", "Inpendlare över regiongräns, alla"},
	} {
		tab := rmiTable("X", texts, []string{"01"}, []string{"2022"}, func(int, int) []float64 { return make([]float64, len(texts)) })
		if _, _, err := RMI(tab); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	tab := rmiTable("X", e3Texts, []string{"01"}, []string{"2022"}, func(int, int) []float64 { return make([]float64, 8) })
	tab.Dimensions[2].Code = "År"
	if _, _, err := RMI(tab); err == nil || !strings.Contains(err.Error(), "no Tid") {
		t.Errorf("no time dimension: %v", err)
	}
}

// TestRealRMI recomputes SCB's published RMI rates from SCB's published
// counts in real E3 and U2 downloads, when ../shared holds any (PX-Web
// JSON, JSON-stat, .px or SCB CSV).
func TestRealRMI(t *testing.T) {
	var files []string
	for _, pat := range []string{"RegionInd19E3*", "RegionInd19U2*", "TAB6368*", "TAB6369*", "rmi_e3*", "rmi_u2*.json", "rmi_u2*.px"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "scb", pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no SCB RMI E3 or U2 download in ../shared/data/scb (only table metadata and derived shares are there): nothing real to recompute")
	}
	for _, f := range files {
		tab, err := decodeAny(f)
		if err != nil {
			t.Fatal(err)
		}
		_, cells, err := RMI(tab)
		if err != nil {
			t.Fatal(err)
		}
		checked, diffs := CheckRMI(cells)
		t.Logf("%s: %d cells, %d numbers recomputed", f, len(cells), checked)
		for _, d := range diffs {
			t.Errorf("%s: %v", f, d)
		}
	}
}

// decodeAny decodes a published table by its file extension.
func decodeAny(path string) (*cube.Table, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".px":
		return px.DecodeFile(path)
	case ".csv":
		return scbcsv.DecodeFile(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if tab, err := jsonstat.Decode(f, path); err == nil {
		return tab, nil
	}
	if _, err := f.Seek(0, 0); err != nil {
		return nil, err
	}
	return pxjson.Decode(f, path, nil)
}

// An E3 table survives the JSON-stat round trip that PxWebApi 2.0
// downloads take, and checks out.
func TestRMIFromJSONStat(t *testing.T) {
	tab := rmiTable("TAB6368", e3Texts, []string{"00", "FA01", "20"}, []string{"2022"}, func(r, _ int) []float64 {
		a, b, c, e := 40.0+float64(r), 25.0, 10.0, 103.0
		fg, mfg := 100*(a+b+c)/e, 100*a/e
		return []float64{a, b, c, 3, e, math.Round(fg*10) / 10, math.Round(mfg*10) / 10, math.Round((fg-mfg)*10) / 10}
	})
	var buf bytes.Buffer
	if err := jsonstat.Encode(&buf, tab); err != nil {
		t.Fatal(err)
	}
	back, err := jsonstat.Decode(&buf, "tab6368.json")
	if err != nil {
		t.Fatal(err)
	}
	_, cells, err := RMI(back)
	if err != nil {
		t.Fatal(err)
	}
	if checked, diffs := CheckRMI(cells); checked != 9 || len(diffs) != 0 {
		t.Errorf("checked %d, differ %v", checked, diffs)
	}
}
