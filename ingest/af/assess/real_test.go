package assess

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
)

// find returns the assessments matching occupation, region and measure.
func find(as []af.Assessment, occ, region, measure string) []af.Assessment {
	var out []af.Assessment
	for _, a := range as {
		if a.Occupation == occ && a.Region == region && a.Measure == measure {
			out = append(out, a)
		}
	}
	return out
}

func one(t *testing.T, as []af.Assessment, occ, region, measure string) af.Assessment {
	t.Helper()
	f := find(as, occ, region, measure)
	if len(f) != 1 {
		t.Fatalf("%s %s %s: %d assessments, want 1", occ, region, measure, len(f))
	}
	return f[0]
}

func TestYrkesbarometerReal(t *testing.T) {
	s, err := ReadYrkesbarometer(aftest.Shared(t, "yrkesbarometer_2025-2_excerpt.json"), "yrkesbarometer_2025-2_excerpt.json")
	if err != nil {
		t.Fatal(err)
	}
	// 29 records: Administrativa assistenter riket + 21 län, Arbetsförmedlare 00-07.
	if len(s.Assessments) != 29*3 {
		t.Errorf("%d assessments, want 87", len(s.Assessments))
	}
	// Record 3: lan "03", medelstora / balans / vara oförändrad.
	for m, want := range map[string]struct {
		class int
		label string
	}{
		MeasureJobbmojligheter:       {2, "medelstora"},
		MeasureRekryteringssituation: {2, "balans"},
		MeasurePrognos:               {2, "vara oförändrad"},
	} {
		a := one(t, s.Assessments, "PDNm_NZ2_WRh", "03", m)
		if a.Class != want.class || a.Label != want.label || a.RegionLevel != af.LevelLan || a.Round != "2025-2" ||
			!slices.Equal(a.SSYK, []string{"4119"}) || !math.IsNaN(a.Value) || a.Source != af.SourceYrkesbarometer {
			t.Errorf("Administrativa assistenter 03 %s: %+v", m, a)
		}
	}
	// Arbetsförmedlare riket: medelstora, balans, öka.
	a := one(t, s.Assessments, "yUVK_gPS_ETF", "00", MeasurePrognos)
	if a.Class != 3 || a.Label != "öka" || a.RegionLevel != af.LevelRiket || a.SSYK[0] != "3333" {
		t.Errorf("Arbetsförmedlare 00 prognos: %+v", a)
	}
	// Stockholm: små / överskott.
	if a := one(t, s.Assessments, "PDNm_NZ2_WRh", "01", MeasureRekryteringssituation); a.Class != 1 || a.Label != "överskott" {
		t.Errorf("Administrativa assistenter 01: %+v", a)
	}
	want := []af.OccupationMap{
		{Source: af.SourceYrkesbarometer, Occupation: "PDNm_NZ2_WRh", Label: "Administrativa assistenter", SSYK: "4119"},
		{Source: af.SourceYrkesbarometer, Occupation: "yUVK_gPS_ETF", Label: "Arbetsförmedlare", SSYK: "3333"},
	}
	if len(s.Occupations) != 2 {
		t.Fatalf("occupations %+v", s.Occupations)
	}
	for i, o := range s.Occupations {
		if !math.IsNaN(o.Share) {
			t.Errorf("share %v, want NaN", o.Share)
		}
		o.Share = 0
		if o != want[i] {
			t.Errorf("occupation %d: %+v, want %+v", i, o, want[i])
		}
	}
}

func TestBristindex1arReal(t *testing.T) {
	csvSet, err := ReadBristindexCSV(aftest.Shared(t, "bristindex_2018h_1ar_lan.csv"), "bristindex_2018h_1ar_lan.csv", BristindexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	as := csvSet.Assessments
	if len(as) != 3969 {
		t.Fatalf("%d assessments, want 3969 (21 län x 189)", len(as))
	}
	// Line 2: 01 Stockholms län, Revisorer 2411, 3.42545, Viss brist, 4.
	a := one(t, as, "Revisorer", "01", MeasureBristindex1ar)
	if a.Value != 3.42545 || a.Class != 4 || a.Label != "Viss brist" || a.Round != "2018H" || a.SSYK[0] != "2411" {
		t.Errorf("Revisorer 01: %+v", a)
	}
	// Not assessed: 03 Uppsala län, Telefonister: "-" everywhere.
	a = one(t, as, "Telefonister", "03", MeasureBristindex1ar)
	if !math.IsNaN(a.Value) || a.Class != 0 || a.Label != "-" {
		t.Errorf("Telefonister 03: %+v", a)
	}
	// Last line: 25 Norrbottens län, Lastbilsförare 8332, 4.61997, class 5.
	if a := one(t, as, "Lastbilsförare", "25", MeasureBristindex1ar); a.Value != 4.61997 || a.Class != 5 {
		t.Errorf("Lastbilsförare 25: %+v", a)
	}
	// Class counts, from the file: 17 / 267 / 1032 / 1194 / 1240, 219 not assessed.
	counts := map[int]int{}
	for _, a := range as {
		counts[a.Class]++
		if a.Class > 0 && BristindexClass(a.Value) != a.Class {
			t.Errorf("%s %s: index %v, published class %d, bands give %d", a.Occupation, a.Region, a.Value, a.Class, BristindexClass(a.Value))
		}
	}
	if want := map[int]int{0: 219, 1: 17, 2: 267, 3: 1032, 4: 1194, 5: 1240}; !aftest.MapsEqual(counts, want) {
		t.Errorf("classes %v, want %v", counts, want)
	}
	// The SSYK quirks: a list, a SSYK 3 group, a lost leading zero.
	if a := one(t, as, "Specialistsjuksköterskor inom akut hälso- och sjukvård", "01", MeasureBristindex1ar); !slices.Equal(a.SSYK, []string{"2223", "2226", "2228", "2231"}) {
		t.Errorf("specialist nurses: %v", a.SSYK)
	}
	if a := one(t, as, "Jurister", "01", MeasureBristindex1ar); !slices.Equal(a.SSYK, []string{"2611", "2612", "2613", "2614", "2615", "2619"}) {
		t.Errorf("Jurister: %v", a.SSYK)
	}
	if a := one(t, as, "Soldater", "01", MeasureBristindex1ar); !slices.Equal(a.SSYK, []string{"0310"}) {
		t.Errorf("Soldater: %v", a.SSYK)
	}
	for _, o := range csvSet.Occupations {
		if o.Occupation == "Soldater" && o.Published != "310" {
			t.Errorf("Soldater map: %+v", o)
		}
	}

	// The xlsx holds the same data under the original duplicate headers.
	xSet, err := ReadBristindexXLSX(aftest.Shared(t, "bristindex_2018h_1ar_lan.xlsx"), "bristindex_2018h_1ar_lan.xlsx", BristindexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sameAssessments(t, xSet.Assessments, as)
}

func TestBristindex5arReal(t *testing.T) {
	_, err := ReadBristindexCSV(aftest.Shared(t, "bristindex_2018h_5ar_riket.csv"), "bristindex_2018h_5ar_riket.csv", BristindexOptions{})
	if err == nil || !strings.Contains(err.Error(), "Round") {
		t.Fatalf("no round: %v", err)
	}
	set, err := ReadBristindexCSV(aftest.Shared(t, "bristindex_2018h_5ar_riket.csv"), "bristindex_2018h_5ar_riket.csv", BristindexOptions{Round: "2018H"})
	if err != nil {
		t.Fatal(err)
	}
	as := set.Assessments
	if len(as) != 189 {
		t.Fatalf("%d assessments, want 189", len(as))
	}
	lo, hi := 5.0, 1.0
	for _, a := range as {
		lo, hi = math.Min(lo, a.Value), math.Max(hi, a.Value)
		if a.Region != "00" || a.RegionLevel != af.LevelRiket || a.Measure != MeasureBristindex5ar {
			t.Errorf("%+v", a)
		}
	}
	if lo != 1.54 || hi != 4.77 {
		t.Errorf("range %v-%v, want 1.54-4.77", lo, hi)
	}
	// "Controller",2412,3.4 -> class 4 by the bands; Läkare is SSYK 3 group 221.
	if a := one(t, as, "Controller", "00", MeasureBristindex5ar); a.Value != 3.4 || a.Class != 4 {
		t.Errorf("Controller: %+v", a)
	}
	if a := one(t, as, "Läkare", "00", MeasureBristindex5ar); !slices.Equal(a.SSYK, []string{"2211", "2212", "2213", "2219"}) || a.Value != 4.57 {
		t.Errorf("Läkare: %+v", a)
	}
	x, err := ReadBristindexXLSX(aftest.Shared(t, "bristindex_2018h_5ar_riket.xlsx"), "bristindex_2018h_5ar_riket.xlsx", BristindexOptions{Round: "2018H"})
	if err != nil {
		t.Fatal(err)
	}
	sameAssessments(t, x.Assessments, as)
}

func TestPrognosReal(t *testing.T) {
	texter, concepts, err := ReadPrognosTexter(aftest.Shared(t, "yrkesprognoser_2022_texter.json"), "yrkesprognoser_2022_texter.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(texter.Assessments) != 424 || len(concepts) != 210 {
		t.Errorf("texter: %d assessments, %d concepts; want 424 and 210", len(texter.Assessments), len(concepts))
	}
	// First record: 2022, SSYK 7114, bZ4J_riZ_zK6, bristvarde "4.0".
	if a := one(t, texter.Assessments, "bZ4J_riZ_zK6", "00", MeasureBristindex1ar); a.Value != 4 || a.Class != 4 || a.Round != "2021" {
		t.Errorf("texter 7114: %+v", a)
	}
	if !slices.Equal(concepts["bZ4J_riZ_zK6"], []string{"7114"}) {
		t.Errorf("concept map: %v", concepts["bZ4J_riZ_zK6"])
	}
	// "no concept_id" records keep their SSYK.
	if a := find(texter.Assessments, "ssyk:5322", "00", MeasureBristindex5ar); len(a) != 1 {
		t.Errorf("ssyk:5322: %v", a)
	}

	for _, c := range []struct {
		file, round, measure string
	}{
		{"yrkesprognos_v3_bedomning.csv", "2024", "bedomning24"},
		{"yrkesprognos_v3_bedomning_2022.csv", "2022", "bedomning22"},
	} {
		p, err := ReadPrognosCSV(aftest.Shared(t, c.file), c.file, PrognosOptions{Concepts: concepts})
		if err != nil {
			t.Fatal(err)
		}
		set := p.AssessmentSet()
		// None of the 174 prognosyrke concept ids is in the texts' map: all
		// are reported, none dropped.
		if len(set.Unmapped) != 174 || len(set.Occupations) != 0 {
			t.Errorf("%s: %d unmapped, %d mapped; want 174 and 0", c.file, len(set.Unmapped), len(set.Occupations))
		}
		regions := map[string]bool{}
		for _, a := range set.Assessments {
			regions[a.Region] = true
			if a.Round != c.round {
				t.Fatalf("%s: round %q, want %q", c.file, a.Round, c.round)
			}
		}
		if len(regions) != 61 {
			t.Errorf("%s: %d regions, want 61", c.file, len(regions))
		}
		if c.round == "2024" {
			// Line 2: 1JfT_7TR_tqA;0;3;3;18053;56;44;4;3;3;3;1,13;...
			if a := one(t, set.Assessments, "1JfT_7TR_tqA", "00", "bedomning24"); a.Class != 3 || a.Value != 3 || a.RegionLevel != af.LevelRiket {
				t.Errorf("bedomning24: %+v", a)
			}
			if a := one(t, set.Assessments, "1JfT_7TR_tqA", "00", "yrkesverksamma_antal"); a.Value != 18053 {
				t.Errorf("yrkesverksamma: %+v", a)
			}
			if a := one(t, set.Assessments, "1JfT_7TR_tqA", "00", "pil_2022_tilltr"); a.Value != 1.13 {
				t.Errorf("pil: %+v", a)
			}
			// Line 4: fa15nr 2, index 5.
			if a := one(t, set.Assessments, "1JfT_7TR_tqA", "FA02", "index"); a.Class != 5 || a.RegionLevel != af.LevelFA {
				t.Errorf("index FA02: %+v", a)
			}
			// Line 8: fa15nr 6, svårare 2, lättare 1.
			if a := one(t, set.Assessments, "1JfT_7TR_tqA", "FA06", "svarare_fa15nr"); a.Label != "FA02" || !math.IsNaN(a.Value) {
				t.Errorf("svårare FA06: %+v", a)
			}
			if a := one(t, set.Assessments, "1JfT_7TR_tqA", "FA06", "lattare_fa15nr"); a.Label != "FA01" {
				t.Errorf("lättare FA06: %+v", a)
			}
			// National-only columns are empty on FA rows: no assessment.
			if len(find(set.Assessments, "1JfT_7TR_tqA", "FA01", "bedomning24")) != 0 {
				t.Error("an empty cell gave an assessment")
			}
		} else {
			// Line 2 of the 2022 file: qXXj_Rk4_KiU;0;1;2;3211;...
			if a := one(t, set.Assessments, "qXXj_Rk4_KiU", "00", "bedomning26"); a.Class != 2 {
				t.Errorf("bedomning26: %+v", a)
			}
		}
	}

	h, err := ReadPrognosHistorikCSV(aftest.Shared(t, "yrkesprognos_v3_historik.csv"), "yrkesprognos_v3_historik.csv", concepts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(h.Blank, []int64{530}) || len(h.Unmapped) != 174 {
		t.Errorf("blank lines %v, %d unmapped", h.Blank, len(h.Unmapped))
	}
	// Line 2080: 2016;1,12;1,14;1,03;;;;zoEr_iWq_NcK
	got := map[string]float64{}
	for _, p := range h.Points {
		if p.Occupation == "zoEr_iWq_NcK" && p.Year == 2016 {
			got[p.Measure] = p.Value
		}
	}
	if want := map[string]float64{"antalEFT": 1.12, "antalPEN": 1.14, "antalTILL": 1.03}; !aftest.MapsEqual(got, want) {
		t.Errorf("historik 2016: %v, want %v", got, want)
	}
}

func sameAssessments(t *testing.T, got, want []af.Assessment) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d assessments, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Occupation != w.Occupation || g.Region != w.Region || g.Class != w.Class || g.Label != w.Label ||
			!slices.Equal(g.SSYK, w.SSYK) || g.Round != w.Round || !(g.Value == w.Value || math.IsNaN(g.Value) && math.IsNaN(w.Value)) {
			t.Fatalf("assessment %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// TestYrkesbarometerXLSXReal writes the real JSON excerpt as a workbook
// with the same columns (under a title row) and reads it back.
func TestYrkesbarometerXLSXReal(t *testing.T) {
	raw := aftest.SharedBytes(t, "yrkesbarometer_2025-2_excerpt.json")
	want, err := ReadYrkesbarometer(bytes.NewReader(raw), "yrkesbarometer.json")
	if err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	if err := json.Unmarshal(raw, &recs); err != nil {
		t.Fatal(err)
	}
	cols := []string{"yrkesomrade", "yb_yrke", "yb_concept_id", "lan", "antal_ssyk", "del_av_ssyk", "ssyk", "ssyk_text",
		"jobbmojligheter", "rekryteringssituation", "prognos", "hogsta_bedomningsniva", "delvis_helt", "omgang", "taxonomi_version"}
	rows := [][]any{{"Yrkesbarometer, omgång 2025-2"}, toAny(cols)}
	for _, r := range recs {
		var row []any
		for _, c := range cols {
			row = append(row, r[c])
		}
		rows = append(rows, row)
	}
	got, err := ReadYrkesbarometerXLSX(bytes.NewReader(aftest.MakeXLSX(t, aftest.XLSXSheet{Name: "yrkesbarometer", Rows: rows})), "yrkesbarometer.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	sameAssessments(t, got.Assessments, want.Assessments)
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
