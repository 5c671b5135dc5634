package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lmi/indicators"
	"lmi/store"
)

// familyIndicators are the built-in indicators of the families given, as
// a TOML array.
func familyIndicators(families ...string) string {
	var names []string
	for _, ind := range indicators.All() {
		if slices.Contains(families, ind.Family) {
			names = append(names, fmt.Sprintf("%q", ind.Name))
		}
	}
	return "indicators = [" + strings.Join(names, ", ") + "]"
}

// outputsByFamily maps each family of a run to its files' hashes.
func outputsByFamily(m *Manifest) map[string]string {
	out := map[string]string{}
	for _, o := range m.Outputs {
		out[o.Family] += o.Path + ":" + o.SHA256 + ";"
	}
	return out
}

// verifyOK runs lmi verify on a run folder and fails the test unless it
// passes.
func verifyOK(t *testing.T, runDir string) {
	t.Helper()
	rep, err := Verify(context.Background(), runDir)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		var buf bytes.Buffer
		rep.Write(&buf)
		t.Errorf("lmi verify %s:\n%s", runDir, buf.String())
	}
}

// TestRunShortageParams: [indicators.shortage] and [indicators] horizon
// reach the computation and the manifest, change only the families that
// use them, and lmi verify re-runs them from the manifest.
func TestRunShortageParams(t *testing.T) {
	inputs := forecastInputs(t) // six years: the shortage parts have a history
	// k 0: with k 5 on 3,000 persons nearly every published composite
	// has one part, which no weight changes.
	pick := familyIndicators("shortage", "age_structure", "status") + "\nk = 0"
	run := func(name, extra string) (*Manifest, string) {
		spec := writeSpecOf(t, inputs, pick+"\n"+extra)
		runDir := filepath.Join(t.TempDir(), name)
		return mustRun(t, spec, runDir, Options{}), runDir
	}
	base, baseDir := run("default", "")
	raw, err := os.ReadFile(filepath.Join(baseDir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	// Without the keys the manifest is as before they existed.
	if bytes.Contains(raw, []byte(`"horizon"`)) || bytes.Contains(raw, []byte(`"weights"`)) ||
		base.Spec.Shortage != nil || base.Parameters.Shortage != nil || base.Spec.Horizon != 0 {
		t.Errorf("a run without [indicators.shortage] or horizon records them")
	}
	baseOut := outputsByFamily(base)
	if len(baseOut) != 3 {
		t.Fatalf("outputs %v", baseOut)
	}
	for _, c := range []struct {
		name, extra string
		changed     []string
		check       func(m *Manifest)
	}{
		{"weights", "[indicators.shortage]\nweights = { employment_growth = 3, unemployment = 0 }\n", []string{"shortage"}, func(m *Manifest) {
			w := map[string]float64{"tightness": 1, "vacancy_growth": 1, "employment_growth": 3, "unemployment": 0, "aged_60": 1, "graduates": 1}
			for _, r := range []*ShortageRecord{m.Spec.Shortage, m.Parameters.Shortage} {
				if r == nil || !sameJSON(r.Weights, w) || r.Window != 5 || !slices.Equal(r.Thresholds, []float64{-0.3, -0.1, 0.1, 0.3}) {
					t.Errorf("shortage record %+v, want every weight resolved", r)
				}
			}
			if m.Spec.Horizon != 0 || m.Parameters.Horizon != 0 {
				t.Errorf("horizon recorded: %d, %d", m.Spec.Horizon, m.Parameters.Horizon)
			}
		}},
		{"window and thresholds", "[indicators.shortage]\nwindow = 2\nthresholds = [-0.5, -0.2, 0.2, 0.5]\n", []string{"shortage"}, nil},
		{"horizon", "horizon = 2\n", []string{"age_structure", "shortage"}, func(m *Manifest) {
			if m.Spec.Horizon != 2 || m.Parameters.Horizon != 2 || m.Spec.Shortage != nil {
				t.Errorf("horizon %d, %d; shortage %+v", m.Spec.Horizon, m.Parameters.Horizon, m.Spec.Shortage)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, runDir := run(c.name, c.extra)
			for f, files := range outputsByFamily(m) {
				if changed := files != baseOut[f]; changed != slices.Contains(c.changed, f) {
					t.Errorf("family %s: changed %v, want %v", f, changed, !changed)
				}
			}
			if c.check != nil {
				c.check(m)
			}
			verifyOK(t, runDir)
		})
	}
}

// writeAFFiles writes a hand-made statistics sheet (new job seekers by
// kommun, months as columns: it needs a category), job ads and their
// taxonomy into dir/af.
func writeAFFiles(t *testing.T, dir string) {
	t.Helper()
	files := map[string]string{
		"af/nyinskrivna_kommun_2024.csv": "Nyinskrivna arbetssökande per kommun och månad, 2024\nKälla: Arbetsförmedlingen\n\n" +
			"Kommun;2024;;;Summa\n;jan;feb;mar\n" +
			"0114 Upplands Väsby;61;48;52;161\n0180 Stockholm;1480;1322;1401;4203\n0192 Nynäshamn;12;<5;9;24\n" +
			"01 Stockholms län;1553;1373;1462;4388\n0380 Uppsala;402;377;390;1169\nSumma;1955;1750;1852;5557\n",
		"af/ads.jsonl":     testAds,
		"af/taxonomy.json": testTaxonomy,
		// The 5-year bristindex file names no round.
		"af/bristindex_5ar.csv": "Yrkesområde,SSYK,Prognosyrke,omfem\n" +
			"Data/IT,2512,Mjukvaru- och systemutvecklare,4.12\nData/IT,\"2511, 2512\",Systemanalytiker,-\n",
		// A bedömning file of two prognosyrken, one of them in the map.
		"af/bedomning.csv":    "conceptidprognosyrke;fa15nr;bedömning24;index\n1JfT_7TR_tqA;0;3;\n1JfT_7TR_tqA;1;;4\n1Uj2_6JM_zuz;0;2;\n",
		"af/prognosyrken.csv": "concept_id,ssyk4\n1JfT_7TR_tqA,2512\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// queryRun runs a query on a finished run's database and returns its one
// row as text, fields joined by "|".
func queryRun(t *testing.T, runDir, q string) string {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(runDir, DatabaseFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s *string
	if err := db.SQL().QueryRow("SELECT concat_ws('|', *COLUMNS(*)) FROM (" + q + ")").Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if s == nil {
		return ""
	}
	return *s
}

// TestRunAFInputs: an input entry with format, category and taxonomy
// loads Arbetsförmedlingen's files as lmi ingest would with the flags;
// the manifest records the keys and the taxonomy's hash, lmi verify
// passes and notices a changed taxonomy.
func TestRunAFInputs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeAFFiles(t, dir)
	spec := filepath.Join(dir, "run.toml")
	text := fmt.Sprintf(`name = "AF"
[inputs]
files = [
  %q,
  { path = "af/nyinskrivna_kommun_2024.csv", format = "af-stats", category = "nyinskrivna arbetssökande" },
  { path = "af/ads.jsonl", taxonomy = "af/taxonomy.json" },
  { path = "af/bristindex_5ar.csv", round = "2018H" },
  { path = "af/bedomning.csv", occupation_map = "af/prognosyrken.csv" },
]
[indicators]
levels = ["lan"]
%s
[outputs]
allow_empty = true
`, filepath.ToSlash(filepath.Join(data, "persons.parquet")), familyIndicators("demography", "tightness"))
	if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	runDir := filepath.Join(dir, "run")
	m := mustRun(t, spec, runDir, Options{})
	mapSum, _, err := hashFile(filepath.Join(dir, "af/prognosyrken.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if in, sp := m.Inputs[4], m.Spec.Inputs[4]; in.Format != "yrkesprognos" || in.OccupationMap != "../af/prognosyrken.csv" ||
		in.OccupationMapSHA256 != mapSum || sp.OccupationMap != "../af/prognosyrken.csv" {
		t.Errorf("yrkesprognos: input %+v, spec %+v", in, sp)
	}
	if got := queryRun(t, runDir, `SELECT string_agg(occupation || '=' || ssyk4, ' ') FROM occupation_map WHERE publisher = 'af-yrkesprognos'`); got != "1JfT_7TR_tqA=2512" {
		t.Errorf("occupation_map: %q", got)
	}
	taxSum, _, err := hashFile(filepath.Join(dir, "af/taxonomy.json"))
	if err != nil {
		t.Fatal(err)
	}
	sheet, ads := m.Inputs[1], m.Inputs[2]
	if sheet.Table != "jobseekers" || sheet.Format != "af-stats" || sheet.Unit != "cells" || sheet.RowsRead != 12 ||
		sheet.RowsLoaded != 12 || sheet.RowsRejected != 0 || sheet.Taxonomy != "" {
		t.Errorf("sheet %+v", sheet)
	}
	if ads.Table != "vacancies" || ads.Format != "jobtech-ads" || ads.Unit != "ads" || ads.RowsRead != 3 || ads.RowsLoaded != 2 ||
		ads.Taxonomy != "../af/taxonomy.json" || ads.TaxonomySHA256 != taxSum {
		t.Errorf("ads %+v", ads)
	}
	if in := m.Spec.Inputs[1]; in.Format != "af-stats" || in.Category != "nyinskrivna arbetssökande" || in.Taxonomy != "" {
		t.Errorf("spec input %+v", in)
	}
	if in := m.Spec.Inputs[2]; in.Format != "" || in.Taxonomy != "../af/taxonomy.json" {
		t.Errorf("spec input %+v", in)
	}
	if in := m.Spec.Inputs[0]; in.Format != "" || in.Taxonomy != "" || in.Category != "" || in.Period != "" || in.Round != "" {
		t.Errorf("spec input %+v", in)
	}
	if in := m.Spec.Inputs[3]; in.Round != "2018H" || m.Inputs[3].Format != "bristindex" || m.Inputs[3].RowsLoaded != 5 {
		t.Errorf("bristindex: spec %+v, input %+v", in, m.Inputs[3])
	}
	for q, want := range map[string]string{
		// The category names the sheet's measure; "<5" kept as censored.
		`SELECT count(*), sum(n), count(*) FILTER (WHERE censored) FROM jobseekers WHERE category = 'nyinskrivna_arbetssokande'`: "12|5554|1",
		// Every ad's occupation and kommun through the taxonomy.
		`SELECT string_agg(concat_ws(' ', period, region, ssyk4, n), ', ' ORDER BY period) FROM vacancies`: "2024-01 0180 2512 3, 2024-02 0180 2512 1",
		// The round the spec gives (2 assessments and 3 occupation_map
		// rows loaded); 4.12 is in class 5 (above 4), "-" is a row with
		// no value.
		`SELECT string_agg(concat_ws(' ', round, region, measure, coalesce(value::VARCHAR, '-'), coalesce(class::VARCHAR, '-'), coalesce(label, '-')), ', ' ORDER BY occupation)
			FROM assessments WHERE publisher = 'af-bristindex'`: "2018H 00 bristindex_5ar 4.12 5 -, 2018H 00 bristindex_5ar - - -",
	} {
		if got := queryRun(t, runDir, q); got != want {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
	}
	if !slices.ContainsFunc(m.Outputs, func(o OutputRecord) bool { return o.Family == "tightness" }) {
		t.Errorf("no tightness output: %+v", m.Outputs)
	}
	verifyOK(t, runDir)

	// The run folder's copy of the taxonomy changed: verify names it and
	// does not re-run.
	if ads.TaxonomyCopy != "inputs/"+taxSum[:12]+"/taxonomy.json" {
		t.Fatalf("taxonomy copy %q", ads.TaxonomyCopy)
	}
	f, err := os.OpenFile(filepath.Join(runDir, filepath.FromSlash(ads.TaxonomyCopy)), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n")
	f.Close()
	rep, err := Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep.Write(&buf)
	want := "taxonomy " + ads.TaxonomyCopy + " (the run folder's copy of ../af/taxonomy.json): changed: sha256 was " + taxSum
	if rep.OK() || rep.ReRun || !strings.Contains(buf.String(), want) {
		t.Errorf("changed taxonomy: want %q in\n%s", want, buf.String())
	}
}

// TestRefreshTaxonomy: a changed taxonomy makes the refresh rebuild, and
// counts as a change of the table its ads load into.
func TestRefreshTaxonomy(t *testing.T) {
	dir := t.TempDir()
	writeAFFiles(t, dir)
	spec := filepath.Join(dir, "run.toml")
	text := fmt.Sprintf(`name = "AF"
[inputs]
files = [%q, { path = "af/ads.jsonl", format = "jobtech-ads", taxonomy = "af/taxonomy.json" }]
[indicators]
levels = ["lan"]
%s
[outputs]
allow_empty = true
`, filepath.ToSlash(filepath.Join(data, "persons.parquet")), familyIndicators("demography", "tightness"))
	if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	runDir := filepath.Join(dir, "out", "run")
	mustRefresh(t, spec, runDir)
	if res := mustRefresh(t, spec, runDir); res.Built {
		t.Fatal("rebuilt with nothing changed")
	}
	// The same concepts, another label: the ads lose their SSYK.
	tax := filepath.Join(dir, "af/taxonomy.json")
	b, err := os.ReadFile(tax)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tax, bytes.Replace(b, []byte("Mjukvaru- och systemutvecklare m.fl."), []byte("Okänt yrke"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	res := mustRefresh(t, spec, runDir)
	if !res.Built || len(res.Changes) != 1 || res.Changes[0].Kind != KindTaxonomy || res.Changes[0].Status != StatusChanged {
		t.Fatalf("built %v, changes %+v", res.Built, res.Changes)
	}
	rec, got := actions(t, runDir)
	if !slices.Equal(rec.ChangedTables, []string{"vacancies"}) || got["tightness"] != ActionRecomputed || got["demography"] != ActionCarriedOver {
		t.Errorf("changed tables %v, families %v", rec.ChangedTables, got)
	}
	if q := queryRun(t, runDir, "SELECT count(ssyk4) FROM vacancies"); q != "0" {
		t.Errorf("%s vacancies with SSYK after the taxonomy lost the concept", q)
	}
	sameAsFullRun(t, spec, runDir)
}

// The real job-ad sample and taxonomy from ../shared, when present.
func TestRunAFRealSamples(t *testing.T) {
	const shared = "../../shared/data/af"
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("reference files not present (%s): this checkout has no ../shared/data", shared)
	}
	absShared, err := filepath.Abs(shared)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	spec := filepath.Join(dir, "run.toml")
	text := fmt.Sprintf(`name = "AF real"
[inputs]
files = [%q, { path = %q, taxonomy = %q }]
[indicators]
levels = ["lan"]
indicators = ["antal_invanare"]
`, filepath.ToSlash(filepath.Join(data, "persons.parquet")),
		filepath.ToSlash(filepath.Join(absShared, "jobtech_scraped_ads_2020_sample.json")),
		filepath.ToSlash(filepath.Join(absShared, "jobtech_taxonomy_legacy_to_concept.json")))
	if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	runDir := filepath.Join(dir, "run")
	m := mustRun(t, spec, runDir, Options{})
	// As lmi ingest loads it (ingest/load's TestAFAdsRealFiles): 100 ads,
	// 25 not placed, the others in 39 month x place cells.
	if in := m.Inputs[1]; in.Format != "jobtech-ads" || in.Table != "vacancies" || in.RowsRead != 100 || in.RowsLoaded != 39 ||
		in.RowsRejected != 25 || len(in.TaxonomySHA256) != 64 {
		t.Errorf("ads %+v", in)
	}
	verifyOK(t, runDir)
}

// TestRunAFAssessmentsReal: a run with the real 2018H bristindex and the
// yrkesprognos bedömning, mapped by a two-line occupation map, and a
// forecast: the manifest counts each file's occupations (naming every
// unmapped one), warns once for the 2018H round compared with a forecast
// from 2020, and says why the yrkesprognos, by FA region, was not
// compared with a forecast by län.
func TestRunAFAssessmentsReal(t *testing.T) {
	const shared = "../../shared/data/af"
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("reference files not present (%s): this checkout has no ../shared/data", shared)
	}
	absShared, err := filepath.Abs(shared)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	conceptMap := filepath.Join(dir, "prognosyrken.csv")
	if err := os.WriteFile(conceptMap, []byte("concept_id,ssyk4\n1JfT_7TR_tqA,2512\n1Uj2_6JM_zuz,5120\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := forecastInputs(t)
	spec := filepath.Join(dir, "run.toml")
	text := fmt.Sprintf(`name = "AF assessments"
[inputs]
files = [%q, %q, { path = %q, occupation_map = %q }]
[indicators]
compute = false
[forecast]
horizon = 5
`, filepath.ToSlash(filepath.Join(in, "persons.parquet")),
		filepath.ToSlash(filepath.Join(absShared, "bristindex_2018h_1ar_lan.csv")),
		filepath.ToSlash(filepath.Join(absShared, "yrkesprognos_v3_bedomning.csv")), filepath.ToSlash(conceptMap))
	if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	m := mustRun(t, spec, filepath.Join(dir, "run"), Options{})
	if o := m.Inputs[1].Occupations; o == nil || o.Total != 189 || o.Mapped != 189 || len(o.Unmapped) != 0 {
		t.Errorf("bristindex occupations %+v", o)
	}
	o := m.Inputs[2].Occupations
	if o == nil || o.Total != 174 || o.Mapped != 2 || len(o.Unmapped) != 172 || slices.Contains(o.Unmapped, "1JfT_7TR_tqA") ||
		!slices.Contains(o.Unmapped, "3516_Frj_pxt") || len(o.BySource) != 1 || o.BySource[0].N != 2 ||
		o.BySource[0].Source != "occupation map prognosyrken.csv (CSV concept_id,ssyk4)" {
		t.Errorf("yrkesprognos occupations %+v", o)
	}
	want := []string{
		"lmi's forecast starts from 2020 (its last observed year) but af-bristindex round 2018H is from 2018: the classes compared judge the labour market of different years",
		"af-yrkesprognos round 2024 (index) not compared with lmi's classes: no region and SSYK 4 group classed by both: its regions are of level fa, lmi's classes 5 years ahead are for lan, riket (the forecast's levels: lmi forecast --level, levels under [forecast] in a run spec)",
	}
	if !slices.Equal(m.Warnings, want) {
		t.Errorf("warnings\n%q\nwant\n%q", m.Warnings, want)
	}
}
