package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sharedAF is Arbetsförmedlingen's real files, beside the checkout.
const sharedAF = "../../../shared/data/af"

func needSharedAF(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(sharedAF); err != nil {
		t.Skipf("reference files not present (%s): this checkout has no ../shared/data", sharedAF)
	}
}

// TestIngestAFRealFiles: lmi ingest reaches a reader for every real
// Arbetsförmedlingen file, each recognised by its name and content; the
// xlsx of a bristindex release loaded as CSV is refused by content, a
// yrkesprognos file loaded before is mapped when given again with an
// occupation map, and the taxonomy dump is told to be a map, not data.
// Every file in the folder must have a case here.
func TestIngestAFRealFiles(t *testing.T) {
	needSharedAF(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "af.duckdb")
	conceptMap := filepath.Join(dir, "prognosyrken.csv")
	if err := os.WriteFile(conceptMap, []byte("concept_id,ssyk4\nqXXj_Rk4_KiU,2512\nwtUW_ERP_rRf,5120\nd7uQ_TrS_RwF,3411\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unmappedCSV := filepath.Join(dir, "unmapped.csv")
	af := func(name string) string { return filepath.Join(sharedAF, name) }
	cases := []struct {
		file string
		args []string
		code int
		want []string
	}{
		{"af_varsel_manad_dalarna_1992_2024.csv", nil, exitOK, []string{"published_cells, 385 rows read, 385 loaded, 0 rejected"}},
		{"bristindex_2018h_1ar_lan.csv", nil, exitOK, []string{"assessments+occupation_map, 3969 assessments read, 4201 rows loaded, 0 assessments not loaded",
			"occupations: 189, 189 mapped to SSYK 4, 0 unmapped", "mapped by the file's own SSYK: 189"}},
		{"bristindex_2018h_1ar_lan.xlsx", nil, exitError, []string{"af-bristindex round 2018H is already loaded from " + af("bristindex_2018h_1ar_lan.csv"),
			"compared by content, not by file"}},
		{"bristindex_2018h_5ar_riket.csv", []string{"--round", "2018H"}, exitOK, []string{"assessments+occupation_map, 189 assessments read"}},
		{"bristindex_2018h_5ar_riket.xlsx", []string{"--round", "2018H"}, exitError, []string{"already loaded from " + af("bristindex_2018h_5ar_riket.csv")}},
		{"jobtech_ad_jobsearch_schema_sample.json", nil, exitOK, []string{"vacancies, 1 ads read, 1 rows loaded"}},
		{"jobtech_scraped_ads_2020_sample.json", nil, exitOK, []string{"vacancies, 100 ads read, 39 rows loaded"}},
		{"platsbanken_source_ads_sample.json", nil, exitOK, []string{"vacancies, 2 ads read, 2 rows loaded"}},
		{"jobtech_taxonomy_legacy_to_concept.json", nil, exitError, []string{"it looks like JobTech's taxonomy dump", "--occupation-map", "lmi reads lmi's tables as CSV"}},
		{"yrkesbarometer_2025-2_excerpt.json", nil, exitOK, []string{"assessments+occupation_map, 87 assessments read, 89 rows loaded",
			"occupations: 2, 2 mapped to SSYK 4, 0 unmapped"}},
		{"yrkesprognos_v3_bedomning.csv", nil, exitOK, []string{"assessments, 10614 file rows read, 71335 rows loaded, 0 file rows not loaded",
			"occupations: 174, 0 mapped to SSYK 4, 174 unmapped", "unmapped: 1JfT_7TR_tqA, 1Uj2_6JM_zuz,", " and 164 more (map them with --occupation-map; --unmapped FILE lists them all)"}},
		// Told to map them, the user gives the file again with a map.
		{"yrkesprognos_v3_bedomning.csv", []string{"--occupation-map", conceptMap}, exitOK, []string{"already loaded (same content as " + af("yrkesprognos_v3_bedomning.csv") + "); 3 of its occupations mapped to SSYK 4 now by the occupation map",
			"occupations: 174, 3 mapped to SSYK 4, 171 unmapped", "mapped by occupation map prognosyrken.csv (CSV concept_id,ssyk4): 3"}},
		{"yrkesprognos_v3_bedomning_2022.csv", []string{"--occupation-map", conceptMap}, exitOK, []string{"occupation map " + conceptMap + " (CSV concept_id,ssyk4): 3 concepts",
			"assessments+occupation_map, 10614 file rows read", "occupations: 174, 3 mapped to SSYK 4, 171 unmapped",
			"mapped by occupation map prognosyrken.csv (CSV concept_id,ssyk4): 3"}},
		{"yrkesprognos_v3_historik.csv", []string{"--unmapped", unmappedCSV}, exitOK, []string{"published_cells, 2089 file rows read, 5916 rows loaded", "occupations: 174, 0 mapped",
			"and 164 more (map them with --occupation-map; all in " + unmappedCSV + ")", "174 unmapped occupations written to " + unmappedCSV}},
		{"yrkesprognoser_2022_texter.json", nil, exitOK, []string{"assessments+occupation_map, 424 assessments read, 636 rows loaded",
			"occupations: 212, 212 mapped to SSYK 4, 0 unmapped"}},
	}
	covered := map[string]bool{}
	for _, c := range cases {
		covered[c.file] = true
		args := append([]string{"ingest", "--db", db}, c.args...)
		out, errOut, code := lmi(t, append(args, af(c.file))...)
		for _, w := range c.want {
			if code != c.code || !strings.Contains(out+errOut, w) {
				t.Errorf("%s: exit %d, want %d and %q in\n%s%s", c.file, code, c.code, w, out, errOut)
				break
			}
		}
	}
	// Every unmapped occupation of the history is named in the file.
	b, err := os.ReadFile(unmappedCSV)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if err != nil || len(lines) != 175 || lines[0] != "file,occupation" || lines[1] != af("yrkesprognos_v3_historik.csv")+",1JfT_7TR_tqA" {
		t.Errorf("%s: %v, %d lines\n%.300s", unmappedCSV, err, len(lines), b)
	}
	entries, err := os.ReadDir(sharedAF)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !covered[e.Name()] {
			t.Errorf("%s: no case in this test", e.Name())
		}
	}
}

// TestForecastAgreementReal: the real 1-year bristindex of autumn 2018
// and yrkesbarometer of 2025 against a forecast from 2020:
// agreement.csv and agreement_summary.csv beside the forecast, the
// matrices printed, a warning naming both years, and the yrkesprognos,
// loaded without an occupation map, named as not compared and why.
func TestForecastAgreementReal(t *testing.T) {
	needSharedAF(t)
	dir := filepath.Join(t.TempDir(), "demo")
	if _, errOut, code := lmi(t, "demo", "--out", dir, "--persons", "8000", "--years", "6"); code != exitOK {
		t.Fatalf("demo: exit %d\n%s", code, errOut)
	}
	db := filepath.Join(dir, "lmi.duckdb")
	if out, errOut, code := lmi(t, "ingest", "--db", db, filepath.Join(sharedAF, "bristindex_2018h_1ar_lan.csv"),
		filepath.Join(sharedAF, "yrkesbarometer_2025-2_excerpt.json"), filepath.Join(sharedAF, "yrkesprognos_v3_bedomning.csv")); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}
	fc := filepath.Join(dir, "fc")
	out, errOut, code := lmi(t, "forecast", "--db", db, "--out", fc, "--horizon", "3")
	if code != exitOK {
		t.Fatalf("forecast: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"agreement with af-bristindex 2018H bristindex_1ar (lmi at h=1)",
		"warning: lmi's forecast starts from 2020 (its last observed year) but af-bristindex round 2018H is from 2018",
		"wrote " + filepath.Join(fc, "agreement.csv"), "wrote " + filepath.Join(fc, "agreement_summary.csv"),
		// Yrkesbarometer's three classes, lmi's collapsed.
		"agreement with af-yrkesbarometer 2025-2 rekryteringssituation (lmi at h=1)",
		"their three classes against lmi's collapsed: 1 surplus (lmi's 1-2), 2 balance (3), 3 shortage (4-5)",
		// The yrkesprognos loaded without an occupation map: not compared, and why.
		"note: af-yrkesprognos round 2024 (index) not compared with lmi's classes: none of its 134 occupations maps to SSYK 4: load the file with an occupation map (lmi ingest --occupation-map"} {
		if !strings.Contains(out, want) {
			t.Errorf("forecast output lacks %q:\n%s", want, out)
		}
	}
	b, err := os.ReadFile(filepath.Join(fc, "agreement.csv"))
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if err != nil || lines[0] != "publisher,round,measure,h,region_level,region,ssyk4,occupations,lmi_class,their_class" || len(lines) < 2 {
		t.Fatalf("agreement.csv: %v\n%.500s", err, b)
	}
	if f := strings.Split(lines[1], ","); f[0] != "af-bristindex" || f[1] != "2018H" || f[4] != "lan" || len(f[6]) != 4 {
		t.Errorf("agreement.csv line 2: %q", lines[1])
	}
	b, err = os.ReadFile(filepath.Join(fc, "agreement_summary.csv"))
	bristPairs := 0
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "af-bristindex,") {
			bristPairs++
		}
	}
	if err != nil || !strings.Contains(string(b), "af-bristindex,2018H,2018,bristindex_1ar,5,2020,1,"+strconv.Itoa(bristPairs)+",") ||
		!strings.Contains(string(b), "\naf-yrkesbarometer,2025-2,2025,rekryteringssituation,3,2020,1,") {
		t.Errorf("agreement_summary.csv (%d bristindex pairs): %v\n%s", bristPairs, err, b)
	}
}
