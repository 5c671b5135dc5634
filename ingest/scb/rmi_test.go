package scb

import (
	"bytes"
	"encoding/json"
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

// SCB's content texts of RMI U1a (RegionInd19U1aN), U1b (RegionInd19U1b),
// U3 (RegionInd19U3N) and E2B (RegionInd19E2B), as the tables' metadata
// give them.
var (
	u1aTexts = []string{
		"Förvärvsarbetande (A)",
		"- Varav studerande som förvärvsarbetar",
		"- Varav anställda",
		"- Varav egenföretagare",
		"Inskrivna arbetslösa på Arbetsförmedlingen (B)",
		"Inte i arbetskraften (C)",
		"- Varav studerande",
		"- Varav övriga",
		"Totalt antal personer (A+B+C)",
	}
	u1bTexts = []string{"I arbetskraften", "Inte i arbetskraften", "Totalt antal personer"}
	u3Texts  = []string{
		"Befolkning år 1, 18-64 år",
		"Befolkning år 2, 18-64 år",
		"Nettoförändring mellan år 1 och 2",
		"- Varav åldersinträden (18-åringar)",
		"- Varav åldersutträden (65-åringar)",
		"- Varav inflyttare till regionen",
		"- Varav utflyttare från regionen",
		"- Varav examinerade inom regionen",
		"- Varav vidareutbildade inom regionen",
	}
	e2bTexts = []string{
		"Nya förvärvsarbetande, antal",
		"Jobbytare, antal",
		"Totalt jobbinflöde, antal",
		"Andel nya förvärvsarbetande, procent",
		"Andel jobbytare, procent",
		"Andel totalt jobbinflöde, procent",
	}
)

// TestRMIKinds: each table's contents name its kind and measures, the
// "- Varav" lines and the texts several kinds share included.
func TestRMIKinds(t *testing.T) {
	for _, c := range []struct {
		texts    []string
		kind     string
		measures []string
	}{
		{u1aTexts, KindU1a, []string{MeasureForvarvsarbetande, MeasureStuderandeForvarvsarbetande, MeasureAnstallda, MeasureEgenforetagare,
			MeasureInskrivnaArbetslosa, MeasureInteIArbetskraften, MeasureStuderande, MeasureOvriga, MeasureTotalt}},
		{u1bTexts, KindU1b, []string{MeasureIArbetskraften, MeasureInteIArbetskraften, MeasureTotalt}},
		{u3Texts, KindU3, []string{MeasureBefolkningAr1, MeasureBefolkningAr2, MeasureNettoforandring, MeasureAldersintraden,
			MeasureAldersutraden, MeasureInflyttare, MeasureUtflyttare, MeasureExaminerade, MeasureVidareutbildade}},
		{e2bTexts, KindE2B, []string{MeasureNyaForvarvsarbetande, MeasureJobbytare, MeasureJobbinflode,
			MeasureAndelNyaForvarvsarbetande, MeasureAndelJobbytare, MeasureAndelJobbinflode}},
		{e3Texts, KindE3, []string{MeasureA, MeasureB, MeasureC, MeasureD, MeasureE, MeasureForvarvsgrad, MeasureMatchadForvarvsgrad, MeasureSkillnad}},
		// Some contents only: still one kind each.
		{[]string{"Totalt antal personer (A+B+C)", "Förvärvsarbetande (A)"}, KindU1a, []string{MeasureTotalt, MeasureForvarvsarbetande}},
		{[]string{"Inte i arbetskraften", "I arbetskraften"}, KindU1b, []string{MeasureInteIArbetskraften, MeasureIArbetskraften}},
		{[]string{"Totalt antal personer (justerat), antal (E)", "Matchad förvärvsgrad, procent (A/E)"}, KindE3, []string{MeasureE, MeasureMatchadForvarvsgrad}},
	} {
		tab := rmiTable("X", c.texts, []string{"00"}, []string{"2022"}, func(int, int) []float64 {
			v := make([]float64, len(c.texts))
			for i := range v {
				v[i] = float64(i + 1)
			}
			return v
		})
		kind, cells, err := RMI(tab)
		if err != nil || kind != c.kind || len(cells) != 1 {
			t.Errorf("%q: kind %s, %d cells, %v; want %s", c.texts[0], kind, len(cells), err, c.kind)
			continue
		}
		for i, m := range c.measures {
			if cells[0].Value[m] != float64(i+1) {
				t.Errorf("%s: %s = %v, want %d (%q)", kind, m, cells[0].Value[m], i+1, c.texts[i])
			}
		}
	}
	// One content of a supply or flow table alone is as likely another
	// SCB table's (RAMS's "Förvärvsarbetande 16-74 år ..."); E3's and
	// U2's texts are RMI's own.
	for _, text := range []string{"Förvärvsarbetande 16-74 år med arbetsplats i regionen (dagbefolkning)", "Jobbytare, antal"} {
		tab := rmiTable("X", []string{text}, []string{"00"}, []string{"2022"}, func(int, int) []float64 { return []float64{1} })
		if _, _, err := RMI(tab); err == nil || !strings.Contains(err.Error(), "alone does not tell") {
			t.Errorf("%q alone: %v", text, err)
		}
	}
	if kind, _, err := RMI(rmiTable("X", []string{"Inpendlare över regiongräns"}, []string{"00"}, []string{"2022"}, func(int, int) []float64 { return []float64{1} })); kind != KindU2 {
		t.Errorf("U2's in-commuters alone: %s, %v", kind, err)
	}
	// "Totalt antal personer" alone is E3's E or U1b's total alike.
	tab := rmiTable("X", []string{"Totalt antal personer"}, []string{"00"}, []string{"2022"}, func(int, int) []float64 { return []float64{1} })
	if _, _, err := RMI(tab); err == nil || !strings.Contains(err.Error(), "fit RMI E3 and U1b alike") {
		t.Errorf("ambiguous content: %v", err)
	}
	tab = rmiTable("X", []string{"Förvärvsarbetande (A)", "Jobbytare, antal"}, []string{"00"}, []string{"2022"}, func(int, int) []float64 { return []float64{1, 2} })
	if _, _, err := RMI(tab); err == nil || !strings.Contains(err.Error(), `"Förvärvsarbetande (A)": U1a; "Jobbytare, antal": E2B`) {
		t.Errorf("mixed kinds: %v", err)
	}
}

// TestCheckRMISupply checks U1a, U1b, U3 and E2B's totals against their
// parts, with hand-made numbers; each table's second region publishes one
// number off.
func TestCheckRMISupply(t *testing.T) {
	for _, c := range []struct {
		texts          []string
		good, bad      []float64
		checked, ndiff int
		measure, from  string
		pub, recompute float64
	}{
		// A 70 (of whom 5 students, 60 employees, 10 self-employed), B 10,
		// C 20 (8 students, 12 others): total 100. Region 2: C 21, which
		// is neither total minus A and B nor students + others.
		{u1aTexts, []float64{70, 5, 60, 10, 10, 20, 8, 12, 100}, []float64{70, 5, 60, 10, 10, 21, 8, 12, 100},
			4, 2, MeasureTotalt, "", 100, 101},
		// In 80, outside 20, total 100. Region 2: total 99.
		{u1bTexts, []float64{80, 20, 100}, []float64{80, 20, 99}, 2, 1, MeasureTotalt, "", 99, 100},
		// 1000 to 1010: +10 = 30 entries - 25 exits + 40 in - 45 out + 6
		// graduates + 4 further educated. Region 2: net change published
		// as 11, off from both.
		{u3Texts, []float64{1000, 1010, 10, 30, 25, 40, 45, 6, 4}, []float64{1000, 1010, 11, 30, 25, 40, 45, 6, 4},
			4, 2, MeasureNettoforandring, "the populations", 11, 10},
		// 30 new + 50 switchers = 80; shares 3.1 + 5.0 = 8.1. Region 2:
		// total share 8.3.
		{e2bTexts, []float64{30, 50, 80, 3.1, 5.0, 8.1}, []float64{30, 50, 80, 3.1, 5.0, 8.3},
			4, 1, MeasureAndelJobbinflode, "", 8.3, 8.1},
	} {
		tab := rmiTable("X", c.texts, []string{"01", "20"}, []string{"2022"}, func(r, _ int) []float64 {
			if r == 1 {
				return c.bad
			}
			return c.good
		})
		kind, cells, err := RMI(tab)
		if err != nil {
			t.Fatal(err)
		}
		checked, diffs := CheckRMI(cells)
		if checked != c.checked || len(diffs) != c.ndiff {
			t.Errorf("%s: checked %d, differ %v; want %d checked", kind, checked, diffs, c.checked)
			continue
		}
		d := diffs[0]
		if d.Key != "Region=20" || d.Measure != c.measure || d.From != c.from || d.Published != c.pub || math.Abs(d.Recomputed-c.recompute) > 1e-9 {
			t.Errorf("%s: %v", kind, d)
		}
		if kind == KindU3 && (diffs[1].From != "its parts" || !strings.HasSuffix(diffs[1].String(), "recomputed 10.0000 from its parts")) {
			t.Errorf("U3: %v", diffs)
		}
	}
	// U3's exits and out-movers as negative numbers: the same sum.
	tab := rmiTable("X", u3Texts, []string{"01"}, []string{"2022"}, func(int, int) []float64 {
		return []float64{1000, 1010, 10, 30, -25, 40, -45, 6, 4}
	})
	_, cells, _ := RMI(tab)
	if checked, diffs := CheckRMI(cells); checked != 2 || len(diffs) != 0 {
		t.Errorf("U3 with negative outflows: checked %d, %v", checked, diffs)
	}
}

// TestRMIContentsFromMetadata: the content texts SCB's metadata give for
// every RMI table (../shared/data/scb/rmi_yreg_pxweb_value_lists.json)
// name the table's kind; the tables lmi keeps in published_cells only
// (U5a, R1a, E1K) and E4 (read by MatchTable) are not RMI measures.
func TestRMIContentsFromMetadata(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "scb", "rmi_yreg_pxweb_value_lists.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("reference files not present (%v): this checkout has no ../shared/data", err)
	}
	var meta struct {
		Tables map[string]struct {
			URLs       []string `json:"api_and_web_urls"`
			Parameters map[string]struct {
				Values []string `json:"values"`
			} `json:"parameters"`
		} `json:"tables"`
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"E3N": KindE3, "U2": KindU2, "U1aN": KindU1a, "U1b": KindU1b, "U3N": KindU3, "E2B": KindE2B,
		"E4N": "", "U5a": "", "R1a": "", "E1K": ""}
	seen := map[string]bool{}
	for name, tab := range meta.Tables {
		var texts []string
		for p, v := range tab.Parameters {
			if strings.HasPrefix(p, "cont") {
				texts = v.Values
			}
		}
		if len(texts) == 0 || !strings.Contains(strings.Join(tab.URLs, " "), "AM9906") {
			continue // YREG tables, or no content texts recorded
		}
		for key, kind := range want {
			if !strings.Contains(strings.Join(tab.URLs, " "), "RegionInd19"+key) && !strings.Contains(strings.Join(tab.URLs, " "), "RegionInd"+key) {
				continue
			}
			seen[key] = true
			got, _, err := RMI(rmiTable(key, texts, []string{"00"}, []string{"2022"}, func(int, int) []float64 { return make([]float64, len(texts)) }))
			if got != kind || (kind == "") != (err != nil) {
				t.Errorf("%s (%s): kind %q, %v; want %q", key, name, got, err, kind)
			}
		}
	}
	for key := range want {
		if !seen[key] {
			t.Errorf("no content texts for RMI %s in %s", key, path)
		}
	}
}
