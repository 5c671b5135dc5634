package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/forecast"
	"lmi/indicators"
	"lmi/ingest/formats"
	"lmi/report/csvout"
)

const ownSQL = `-- name: andel_b
-- label: Andel delvis matchade
-- version: 1
-- unit: procent
-- section: 2
-- family: matching
-- dimensions: edu_group, sex, birth_region
SELECT region_level, region, period, edu_group, sex, birth_region,
       100.0 * b / nullif(a + b + c, 0) AS value, b AS numerator, a + b + c AS denominator, a + b + c AS n
FROM matching_cells
`

// specDir makes a folder with the files the test specs name.
func specDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"data/persons.parquet":    "not read when parsing",
		"data/jobseekers.parquet": "not read either",
		"norr.csv":                "region,code\nNorr,24\nNorr,25\n",
		"bad.csv":                 "region,code\nNorr,99\n",
		"sql/andel_b.sql":         ownSQL,
		"sql/bad.sql":             "SELECT 1\n",
		"tax.json":                testTaxonomy,
		"bad-tax.json":            "{}",
		"af/sheet.csv":            "Nyinskrivna arbetssökande per län\n\nLän;Antal\n01 Stockholms län;5\n",
		"af/ads.jsonl":            testAds,
		"af/bristindex_5ar.csv":   "Yrkesområde,SSYK,Prognosyrke,omfem\nData/IT,2512,Mjukvaru- och systemutvecklare,4.12\n",
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
	return dir
}

// testTaxonomy is a JobTech taxonomy dump with the concepts of testAds:
// SSYK 2512 and the kommun Stockholm, matched by label.
const testTaxonomy = `{
  "ssyk-level-4": {"3000": {"conceptId": "DJh5_yyF_hEM", "legacyAmsTaxonomyId": "3000",
    "preferredLabel": "Mjukvaru- och systemutvecklare m.fl.", "type": "ssyk-level-4"}},
  "municipality": {"180": {"conceptId": "AvNB_uwa_6n6", "legacyAmsTaxonomyId": "180",
    "preferredLabel": "Stockholm", "type": "municipality"}}
}
`

// testAds are three job ads in JobSearch's shape whose occupation is a
// concept id only: without the taxonomy they load without SSYK.
const testAds = `{"id":"1","publication_date":"2024-01-05","number_of_vacancies":2,"occupation_group":{"concept_id":"DJh5_yyF_hEM"},"workplace_address":{"municipality_code":"0180"}}
{"id":"2","publication_date":"2024-01-20","number_of_vacancies":1,"occupation_group":{"concept_id":"DJh5_yyF_hEM"},"workplace_address":{"municipality_concept_id":"AvNB_uwa_6n6"}}
{"id":"3","publication_date":"2024-02-02","number_of_vacancies":1,"occupation_group":{"concept_id":"DJh5_yyF_hEM"},"workplace_address":{"municipality_code":"0180"}}
`

func parse(t *testing.T, dir, text string) (*Spec, error) {
	t.Helper()
	return ParseSpec(strings.NewReader(text), filepath.Join(dir, "run.toml"))
}

func TestParseSpecFull(t *testing.T) {
	dir := specDir(t)
	s, err := parse(t, dir, `name = "Analyssamverkan Norr 2025"
[inputs]
files = ["data/persons.parquet", { path = "data/jobseekers.parquet", table = "jobseekers" }]
[indicators]
levels = ["lan", "FA", "riket"]
groupings = ["norr.csv"]
indicators = ["matchningsgrad"]
own_sql = ["sql/andel_b.sql"]
basis = "workplace"
by = ["edu_group", "sex"]
age = "25-54"
k = 3
alphas = [0.5]
[indicators.match_key]
threshold = 0.1
base_year = 2016
[outputs]
dir = "out"
seed = 7
`)
	if err != nil {
		t.Fatal(err)
	}
	want := &Spec{
		Name: "Analyssamverkan Norr 2025", File: filepath.Join(dir, "run.toml"), Dir: dir, SHA256: s.SHA256,
		Inputs: []Input{{Path: filepath.Join(dir, "data/persons.parquet")},
			{Path: filepath.Join(dir, "data/jobseekers.parquet"), Table: "jobseekers"}},
		Groupings: []string{filepath.Join(dir, "norr.csv")},
		OwnSQL:    []string{filepath.Join(dir, "sql/andel_b.sql")},
		OutDir:    "out", Seed: 7, CSV: csvout.Default,
		params: s.params,
	}
	wantParams := indicators.DefaultParams()
	wantParams.Levels = []codes.Level{codes.LevelLan, codes.LevelFA, codes.LevelRiket}
	wantParams.Indicators = []string{"matchningsgrad"}
	wantParams.Basis, wantParams.By = indicators.Workplace, []string{"edu_group", "sex"}
	wantParams.Age, wantParams.K, wantParams.Alphas = indicators.AgeBand{Min: 25, Max: 54}, 3, []float64{0.5}
	wantParams.Key = indicators.KeySpec{Threshold: 0.1, BaseYear: 2016}
	wantParams.Groupings, wantParams.Own = s.params.Groupings, s.params.Own
	if !reflect.DeepEqual(s, want) || !reflect.DeepEqual(s.params, wantParams) {
		t.Errorf("got  %+v\nwant %+v\nparams %+v\nwant   %+v", s, want, s.params, wantParams)
	}
	if len(s.SHA256) != 64 || len(s.params.Groupings) != 1 || s.params.Groupings[0].Name != "norr" || len(s.params.Own) != 1 || s.params.Own[0].Name != "andel_b" {
		t.Errorf("hash %q, groupings %v, own %v", s.SHA256, s.params.Groupings, s.params.Own)
	}
	if got := s.Slug(); got != "analyssamverkan-norr-2025" {
		t.Errorf("slug %q", got)
	}
	p := s.Params()
	if err := p.Validate(); err != nil {
		t.Errorf("params: %v", err)
	}
}

func TestParseSpecDefaults(t *testing.T) {
	dir := specDir(t)
	s, err := parse(t, dir, "name = \"Göteborg & Älvsborg\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	d := indicators.DefaultParams()
	p := s.Params()
	if !reflect.DeepEqual(p, d) {
		t.Errorf("params %+v, want the defaults %+v", p, d)
	}
	if s.OutDir != DefaultOutputDir || s.Seed != 0 || s.Slug() != "goteborg-alvsborg" {
		t.Errorf("out %q, seed %d, slug %q", s.OutDir, s.Seed, s.Slug())
	}
	// An explicit empty list is not the default.
	s, err = parse(t, dir, "name = \"x\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\nby = []\nlevels = []\ngroupings = [\"norr.csv\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.params.By) != 0 || len(s.params.Levels) != 0 || len(s.Groupings) != 1 {
		t.Errorf("by %v, levels %v, groupings %v", s.params.By, s.params.Levels, s.Groupings)
	}
}

func TestParseSpecErrors(t *testing.T) {
	dir := specDir(t)
	// Every case starts with these four lines; its own text is line 5 on.
	const head = "name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\n"
	cases := []struct {
		name, text string
		line       int
		key, why   string
	}{
		{"unknown key", head + "level = [\"lan\"]\n", 5, "indicators.level", "unknown key"},
		{"unknown table", head + "k = 5\n[output]\ndir = \"x\"\n", 6, "output", "unknown key"},
		{"unknown top key", "nme = \"t\"\n" + head, 1, "nme", "unknown key"},
		{"unknown level", head + "levels = [\"lan\", \"sverige\"]\n", 5, "indicators.levels[1]", `unknown region level "sverige"`},
		{"unknown level, multi-line", head + "levels = [\n  \"lan\",\n  \"sverige\",\n]\n", 7, "indicators.levels[1]", "unknown region level"},
		{"k below 0", head + "k = -1\n", 5, "indicators.k", "0 (no suppression) or more"},
		{"k not a number", head + "\nk = \"five\"\n", 6, "indicators.k", "got a TOML string, want an integer"},
		{"k a float", head + "k = 5.5\n", 5, "indicators.k", "got a TOML float, want an integer"},
		{"age reversed", head + "age = \"64-20\"\n", 5, "indicators.age", `"64-20": want FROM-TO`},
		{"age not a band", head + "age = \"20\"\n", 5, "indicators.age", "want FROM-TO"},
		{"unknown indicator", head + "indicators = [\"matchningsgrad\", \"nope\"]\n", 5, "indicators.indicators[1]", `unknown indicator "nope"`},
		{"missing input", "name = \"t\"\n[inputs]\nfiles = [\n  \"data/persons.parquet\",\n  \"data/nope.parquet\",\n]\n", 5, "inputs.files[1]", "does not exist"},
		{"missing input in a table", "name = \"t\"\n[inputs]\nfiles = [{ path = \"data/nope.parquet\" }]\n", 3, "inputs.files[0].path", "does not exist"},
		{"unknown input table", "name = \"t\"\n[inputs]\nfiles = [\n  { path = \"data/persons.parquet\", table = \"hire\" },\n]\n", 4, "inputs.files[0].table", `unknown table "hire"`},
		{"unknown input key", "name = \"t\"\n[inputs]\nfiles = [{ path = \"data/persons.parquet\", tabel = \"hires\" }]\n", 3, "inputs.files[0].tabel", "unknown key"},
		{"input not a path", "name = \"t\"\n[inputs]\nfiles = [3]\n", 3, "inputs.files[0]", "want an array of paths"},
		{"no inputs", "name = \"t\"\n", 0, "inputs.files", "no input files"},
		{"no name", "[inputs]\nfiles = [\"data/persons.parquet\"]\n", 0, "name", "required"},
		{"name a number", "name = 2025\n", 1, "name", "got a TOML integer, want a string"},
		{"bad basis", head + "basis = \"work\"\n", 5, "indicators.basis", "want home or workplace"},
		{"bad dimension", head + "by = [\"sex\", \"ssyk\"]\n", 5, "indicators.by[1]", `unknown dimension "ssyk"`},
		{"bad alpha", head + "alphas = [0.3,\n  1.5]\n", 6, "indicators.alphas[1]", "strictly between 0 and 1"},
		{"missing grouping", head + "groupings = [\"sor.csv\"]\n", 5, "indicators.groupings[0]", "does not exist"},
		{"bad grouping", head + "groupings = [\"bad.csv\"]\n", 5, "indicators.groupings[0]", "99"},
		{"bad own sql", head + "own_sql = [\"sql/bad.sql\"]\n", 5, "indicators.own_sql[0]", "bad.sql"},
		{"no levels", head + "levels = []\n", 5, "indicators.levels", "nothing to compute"},
		{"threshold", head + "[indicators.match_key]\nthreshold = 0\n", 6, "indicators.match_key.threshold", "(0, 1]"},
		{"missing map file", head + "[indicators.match_key]\nmap_file = \"map.csv\"\n", 6, "indicators.match_key.map_file", "does not exist"},
		{"base year", head + "[indicators.match_key]\nbase_year = 15\n", 6, "indicators.match_key.base_year", "want a year"},
		{"outputs outside", head + "[outputs]\ndir = \"../elsewhere\"\n", 6, "outputs.dir", "inside the run folder"},
		{"outputs the run folder", head + "[outputs]\ndir = \".\"\n", 6, "outputs.dir", "inside the run folder"},
		{"syntax", head + "k = \n", 5, "", "unexpected character"},
		{"key twice", head + "k = 1\nk = 2\n", 6, "k", "already defined"},

		// [indicators] horizon and [indicators.shortage].
		{"horizon 0", head + "horizon = 0\n", 5, "indicators.horizon", "horizon 0: want 1 to 20 years"},
		{"horizon 21", head + "k = 5\nhorizon = 21\n", 6, "indicators.horizon", "horizon 21: want 1 to 20 years"},
		{"horizon a string", head + "horizon = \"5\"\n", 5, "indicators.horizon", "got a TOML string, want an integer (years ahead"},
		{"shortage unknown key", head + "[indicators.shortage]\nwindw = 3\n", 6, "indicators.shortage.windw", "unknown key"},
		{"shortage not a table", head + "shortage = 3\n", 5, "indicators.shortage", "got a TOML integer, want a table"},
		{"shortage unknown part", head + "[indicators.shortage.weights]\ntightness = 2\nvacancies = 1\n", 7,
			"indicators.shortage.weights.vacancies", `unknown part "vacancies" (want tightness, vacancy_growth,`},
		{"shortage negative weight", head + "[indicators.shortage]\nwindow = 4\nweights = { aged_60 = -1 }\n", 7,
			"indicators.shortage.weights.aged_60", "shortage weight aged_60 = -1: must be 0 or more"},
		{"shortage infinite weight", head + "[indicators.shortage]\nweights = { graduates = inf }\n", 6,
			"indicators.shortage.weights.graduates", "must be 0 or more"},
		{"shortage weight a string", head + "[indicators.shortage]\nweights = { aged_60 = \"x\" }\n", 6,
			"indicators.shortage.weights.aged_60", "got a TOML string, want a number"},
		{"shortage weights not a table", head + "[indicators.shortage]\nweights = [1, 2]\n", 6,
			"indicators.shortage.weights", "got a TOML array, want a table of part = weight"},
		{"shortage weights all 0", head + "[indicators.shortage]\nweights = { tightness = 0, vacancy_growth = 0, employment_growth = 0, unemployment = 0, aged_60 = 0, graduates = 0 }\n", 6,
			"indicators.shortage.weights", "at least one must be positive"},
		{"shortage window 0", head + "[indicators.shortage]\nwindow = 0\n", 6, "indicators.shortage.window", "shortage window 0: want 1 to 30 years"},
		{"shortage window a float", head + "[indicators.shortage]\nwindow = 2.5\n", 6, "indicators.shortage.window", "got a TOML float, want an integer"},
		{"shortage three thresholds", head + "[indicators.shortage]\nthresholds = [-0.3, 0.1, 0.3]\n", 6,
			"indicators.shortage.thresholds", "3 numbers: want four"},
		{"shortage thresholds not increasing", head + "[indicators.shortage]\n\nthresholds = [-0.3, 0.1, -0.1, 0.3]\n", 7,
			"indicators.shortage.thresholds", "must be finite and increase"},
		{"shortage thresholds strings", head + "[indicators.shortage]\nthresholds = [\"low\"]\n", 6,
			"indicators.shortage.thresholds", "want an array of four numbers"},

		// Arbetsförmedlingen's keys of an input.
		{"unknown format", "name = \"t\"\n[inputs]\nfiles = [{ path = \"data/persons.parquet\", format = \"xls\" }]\n", 3,
			"inputs.files[0].format", `unknown format "xls" (want csv, parquet, px,`},
		{"format not a string", "name = \"t\"\n[inputs]\nfiles = [\n  \"data/persons.parquet\",\n  { path = \"af/sheet.csv\", format = 1 },\n]\n", 5,
			"inputs.files[1].format", "got int64, want a string"},
		{"missing taxonomy", "name = \"t\"\n[inputs]\nfiles = [{ path = \"af/ads.jsonl\", taxonomy = \"nope.json\" }]\n", 3,
			"inputs.files[0].taxonomy", "nope.json does not exist"},
		{"bad taxonomy", "name = \"t\"\n[inputs]\nfiles = [{ path = \"af/ads.jsonl\", taxonomy = \"bad-tax.json\" }]\n", 3,
			"inputs.files[0].taxonomy", "no ssyk-level-4, municipality or region concepts"},
		{"taxonomy for a table", "name = \"t\"\n[inputs]\nfiles = [{ path = \"data/persons.parquet\", format = \"parquet\", taxonomy = \"tax.json\" }]\n", 3,
			"inputs.files[0].taxonomy", `only job ads (format "jobtech-ads") are read with a taxonomy; this entry is not one (format "parquet")`},
		{"taxonomy for a recognised table", "name = \"t\"\n[inputs]\nfiles = [{ path = \"data/persons.parquet\", taxonomy = \"tax.json\" }]\n", 3,
			"inputs.files[0].taxonomy", "this entry is not one (recognised as parquet; give format to say otherwise)"},
		{"empty category", "name = \"t\"\n[inputs]\nfiles = [{ path = \"af/sheet.csv\", category = \" \" }]\n", 3,
			"inputs.files[0].category", "empty: want what the sheet counts"},
		{"bad period", "name = \"t\"\n[inputs]\nfiles = [{ path = \"af/sheet.csv\", format = \"af-stats\", period = \"2024-13\" }]\n", 3,
			"inputs.files[0].period", `"2024-13": want a month like 2024-01`},
		{"period for ads", "name = \"t\"\n[inputs]\nfiles = [{ path = \"af/ads.jsonl\", period = \"2024-01\" }]\n", 3,
			"inputs.files[0].period", `only Arbetsförmedlingen's statistics sheets (format "af-stats" or "af-stats-xlsx") take a period; this entry is not one (recognised as jobtech-ads`},
		{"bad round", "name = \"t\"\n[inputs]\nfiles = [{ path = \"af/bristindex_5ar.csv\", round = \"18H\" }]\n", 3,
			"inputs.files[0].round", `"18H": want a year, with H or V for a half-year or -N for a round of the year, like 2018H or 2025-2`},
		{"round for a sheet", "name = \"t\"\n[inputs]\nfiles = [{ path = \"af/sheet.csv\", format = \"af-stats\", round = \"2024\" }]\n", 3,
			"inputs.files[0].round", `only Arbetsförmedlingen's bristindex and yrkesprognos files (format "bristindex", "bristindex-xlsx" or "yrkesprognos") take a round; this entry is not one (format "af-stats")`},
		{"round for recognised ads", "name = \"t\"\n[inputs]\nfiles = [{ path = \"af/ads.jsonl\", round = \"2024\" }]\n", 3,
			"inputs.files[0].round", `take a round; this entry is not one (recognised as jobtech-ads; give format to say otherwise)`},
		{"category for a table", "name = \"t\"\n[inputs]\nfiles = [{ path = \"data/jobseekers.parquet\", format = \"csv\", category = \"x\" }]\n", 3,
			"inputs.files[0].category", `take a category; this entry is not one (format "csv")`},

		// [indicators] compute = false.
		{"compute false without forecast", "name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\ncompute = false\n", 5,
			"indicators.compute", "false and no [forecast] table: the run would compute nothing"},
		{"compute false with indicators", "name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\ncompute = false\nindicators = [\"forvarvsgrad\"]\n[forecast]\n", 6,
			"indicators.indicators", "chooses indicators, but compute = false computes none"},
		{"compute not a bool", "name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\ncompute = \"no\"\n", 5,
			"indicators.compute", "got a TOML string, want true or false (false: no indicators, only the [forecast])"},

		// [forecast] starts on line 5, its first key on line 6.
		{"forecast unknown key", head + "[forecast]\nhorizn = 3\n", 6, "forecast.horizn", "unknown key"},
		{"forecast not a table", "forecast = 3\n" + head, 1, "forecast", "got a TOML integer, want a table"},
		{"forecast kommun", head + "[forecast]\nlevels = [\"kommun\"]\n", 6, "forecast.levels[0]", "kommun series are too small"},
		{"forecast unknown level", head + "[forecast]\nlevels = [\n  \"lan\",\n  \"norr\",\n]\n", 8, "forecast.levels[1]", `unknown level "norr": want lan, fa, riket or the name of a grouping`},
		{"forecast level twice", head + "[forecast]\nlevels = [\"lan\", \"län\"]\n", 6, "forecast.levels[1]", "level lan given twice"},
		{"forecast grouping twice", head + "groupings = [\"norr.csv\"]\n[forecast]\nlevels = [\"norr\", \"norr\"]\n", 7, "forecast.levels[1]", "level norr given twice"},
		{"forecast no levels", head + "[forecast]\nlevels = []\n", 6, "forecast.levels", "empty"},
		{"forecast levels a string", head + "[forecast]\nlevels = \"lan\"\n", 6, "forecast.levels", "got a TOML string, want an array of strings"},
		{"forecast basis", head + "[forecast]\nbasis = \"work\"\n", 6, "forecast.basis", `basis "work": want home or workplace`},
		{"forecast horizon 0", head + "[forecast]\nhorizon = 0\n", 6, "forecast.horizon", "want 1 to 10 years"},
		{"forecast horizon 11", head + "[forecast]\nhorizon = 11\n", 6, "forecast.horizon", "horizon 11: want 1 to 10 years"},
		{"forecast horizon a string", head + "[forecast]\nhorizon = \"5\"\n", 6, "forecast.horizon", "got a TOML string, want an integer"},
		{"forecast origin", head + "[forecast]\norigin = 24\n", 6, "forecast.origin", "24: want a year, or 0"},
		{"forecast unknown model", head + "[forecast]\nmodels = [\"damped\",\n  \"arima\"]\n", 7, "forecast.models[1]", `unknown model "arima"`},
		{"forecast model twice", head + "[forecast]\nmodels = [\"drift\", \"drift\"]\n", 6, "forecast.models[1]", "model drift given twice"},
		{"forecast combine", head + "[forecast]\ncombine = \"yes\"\n", 6, "forecast.combine", "got a TOML string, want true or false"},
		{"forecast bottom_up", head + "[forecast]\nbottom_up = 1\n", 6, "forecast.bottom_up", "got a TOML integer, want true or false"},
		{"forecast per_series", head + "[forecast]\nper_series = \"no\"\n", 6, "forecast.per_series", "want true or false"},
		{"forecast margin 1", head + "[forecast]\nmargin = 1\n", 6, "forecast.margin", "want 0 to below 1"},
		{"forecast margin below 0", head + "[forecast]\nmargin = -0.1\n", 6, "forecast.margin", "want 0 to below 1"},
		{"forecast coverage", head + "[forecast]\ncoverage = 1.2\n", 6, "forecast.coverage", "strictly between 0 and 1"},
		{"forecast coverage a string", head + "[forecast]\ncoverage = \"80%\"\n", 6, "forecast.coverage", "got a TOML string, want a number"},
		{"forecast three thresholds", head + "[forecast]\nthresholds = [-0.3, -0.1, 0.1]\n", 6, "forecast.thresholds", "3 numbers: want four"},
		{"forecast thresholds not increasing", head + "[forecast]\nthresholds = [-0.3, 0.1, -0.1, 0.3]\n", 6, "forecast.thresholds", "must increase"},
		{"forecast thresholds strings", head + "[forecast]\nthresholds = [\"low\"]\n", 6, "forecast.thresholds", "want an array of four numbers"},
		{"forecast entrant_years", head + "[forecast]\nentrant_years = 0\n", 6, "forecast.entrant_years", "want 1 to 10"},
		{"forecast empty category", head + "[forecast]\njobseeker_categories = [\"openly_unemployed\", \"\"]\n", 6, "forecast.jobseeker_categories[1]", `category "" is not valid`},
		{"forecast bad category", head + "[forecast]\njobseeker_categories = [\"Openly unemployed\"]\n", 6, "forecast.jobseeker_categories[0]", "lower-case letters, digits and _"},
		{"forecast category twice", head + "[forecast]\njobseeker_categories = [\"in_programme\", \"in_programme\"]\n", 6, "forecast.jobseeker_categories[1]", "given twice"},
		{"forecast k", head + "[forecast]\nk = -1\n", 6, "forecast.k", "-1: must be 0 (no suppression) or more"},
		{"forecast k a float", head + "[forecast]\nk = 2.5\n", 6, "forecast.k", "got a TOML float, want an integer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parse(t, dir, c.text)
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T), want a *SpecError", err, err)
			}
			if se.File != filepath.Join(dir, "run.toml") || se.Line != c.line || se.Key != c.key || !strings.Contains(se.Reason, c.why) {
				t.Errorf("got %s:%d key %q reason %q\nwant line %d key %q reason containing %q", se.File, se.Line, se.Key, se.Reason, c.line, c.key, c.why)
			}
			if !strings.Contains(err.Error(), "run.toml") {
				t.Errorf("%q does not name the file", err)
			}
		})
	}
}

func TestParseSpecForecast(t *testing.T) {
	dir := specDir(t)
	const head = "name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\ngroupings = [\"norr.csv\"]\nk = 3\n"
	d := forecast.DefaultParams()
	d.K = 3 // the [indicators] k unless [forecast] has its own
	norr := func(s *Spec) *codes.Grouping { return s.params.Groupings[0] }
	cases := []struct {
		name, text string
		levels     []string
		want       func(s *Spec) forecast.Params
	}{
		{"no keys", head + "[forecast]\n", []string{"lan"}, func(*Spec) forecast.Params { return d }},
		// An inline table goes before the first table header.
		{"inline, no keys", "forecast = {}\n" + head, []string{"lan"}, func(*Spec) forecast.Params { return d }},
		{"every key", head + `[forecast]
levels = ["Län", "riket", "norr", "fa"]
basis = "home"
horizon = 3
origin = 2016
models = ["damped", "drift"]
combine = true
bottom_up = true
per_series = true
margin = 0.1
coverage = 0.9
thresholds = [-1, -0.2, 0.2, 1]
entrant_years = 2
jobseeker_categories = ["openly_unemployed"]
k = 0
`, []string{"lan", "riket", "norr", "fa"}, func(s *Spec) forecast.Params {
			p := d
			p.Levels = []codes.Level{codes.LevelLan, codes.LevelRiket, codes.LevelFA}
			p.Groupings = []*codes.Grouping{norr(s)}
			p.Basis, p.Horizon, p.Origin = indicators.Home, 3, 2016
			p.Models = []string{"damped", "drift"}
			p.Combine, p.BottomUp, p.PerSeries = true, true, true
			p.Margin, p.Coverage = 0.1, 0.9
			p.Thresholds = forecast.Thresholds{ClearShortage: -1, Shortage: -0.2, Surplus: 0.2, ClearSurplus: 1}
			p.EntrantYears, p.JobseekerCategories, p.K = 2, []string{"openly_unemployed"}, 0
			return p
		}},
		{"only a grouping", head + "[forecast]\nlevels = [\"norr\"]\n", []string{"norr"}, func(s *Spec) forecast.Params {
			p := d
			p.Levels, p.Groupings = nil, []*codes.Grouping{norr(s)}
			return p
		}},
		{"empty lists", head + "[forecast]\nmodels = []\njobseeker_categories = []\n", []string{"lan"}, func(*Spec) forecast.Params {
			p := d
			p.Models, p.JobseekerCategories = []string{}, []string{}
			return p
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := parse(t, dir, c.text)
			if err != nil {
				t.Fatal(err)
			}
			if s.Forecast == nil {
				t.Fatal("no forecast")
			}
			if !reflect.DeepEqual(s.Forecast.Levels, c.levels) {
				t.Errorf("levels %q, want %q", s.Forecast.Levels, c.levels)
			}
			p, ok := s.ForecastParams()
			if want := c.want(s); !ok || !reflect.DeepEqual(p, want) {
				t.Errorf("params\n%+v\nwant\n%+v", p, want)
			}
			if err := p.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
	// No [forecast]: no forecast.
	s, err := parse(t, dir, head)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.ForecastParams(); ok || s.Forecast != nil {
		t.Errorf("forecast %+v without a [forecast] table", s.Forecast)
	}
	// A level naming a grouping whose file is broken: only the grouping's error.
	_, err = parse(t, dir, "name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\ngroupings = [\"bad.csv\"]\n[forecast]\nlevels = [\"bad\"]\n")
	var se *SpecError
	if !errors.As(err, &se) || se.Key != "indicators.groupings[0]" {
		t.Errorf("%v, want only the grouping's error", err)
	}
}

func TestParseSpecSeveralErrors(t *testing.T) {
	dir := specDir(t)
	_, err := parse(t, dir, "name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\nk = -2\nlevels = [\"lan\", \"x\"]\nage = \"a-b\"\n")
	var es SpecErrors
	if !errors.As(err, &es) || len(es) != 3 {
		t.Fatalf("%v, want three SpecErrors", err)
	}
	for i, want := range []struct {
		line int
		key  string
	}{{5, "indicators.k"}, {6, "indicators.levels[1]"}, {7, "indicators.age"}} {
		if es[i].Line != want.line || es[i].Key != want.key {
			t.Errorf("error %d: line %d key %q, want %d %q", i, es[i].Line, es[i].Key, want.line, want.key)
		}
	}
	want := filepath.Join(dir, "run.toml") + ":5: indicators.k: -2: must be 0 (no suppression) or more"
	if first := strings.Split(err.Error(), "\n")[0]; first != want {
		t.Errorf("first line %q, want %q", first, want)
	}
}

func TestLoadSpecExample(t *testing.T) {
	// docs/example-run.toml must parse once its files exist; here only the
	// missing-file errors are allowed, each naming a file the example lists.
	_, err := LoadSpec("../docs/example-run.toml")
	var es SpecErrors
	var se *SpecError
	switch {
	case err == nil:
	case errors.As(err, &es):
		for _, e := range es {
			if !strings.Contains(e.Reason, "does not exist") {
				t.Errorf("example: %v", e)
			}
		}
	case errors.As(err, &se):
		if !strings.Contains(se.Reason, "does not exist") {
			t.Errorf("example: %v", se)
		}
	default:
		t.Fatalf("example: %v", err)
	}
}

func TestParseSpecShortage(t *testing.T) {
	dir := specDir(t)
	const head = "name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\n"
	d := indicators.DefaultParams()
	cases := []struct {
		name, text string
		want       func(p *indicators.Params)
	}{
		{"horizon", head + "horizon = 8\n", func(p *indicators.Params) { p.Horizon = 8 }},
		{"no keys", head + "[indicators.shortage]\n", func(*indicators.Params) {}},
		// Parts not named keep their default weight.
		{"some weights", head + "horizon = 3\n[indicators.shortage]\nweights = { tightness = 2, graduates = 0 }\n", func(p *indicators.Params) {
			p.Horizon = 3
			p.Shortage.Weights["tightness"], p.Shortage.Weights["graduates"] = 2, 0
		}},
		{"every key, weights as a table", head + `[indicators.shortage]
window = 3
thresholds = [-1, -0.5, 0.5, 1]
[indicators.shortage.weights]
tightness = 0.5
vacancy_growth = 1
employment_growth = 1.5
unemployment = 2
aged_60 = 0
graduates = 3
`, func(p *indicators.Params) {
			p.Shortage = indicators.ShortageParams{Window: 3, Thresholds: []float64{-1, -0.5, 0.5, 1},
				Weights: map[string]float64{"tightness": 0.5, "vacancy_growth": 1, "employment_growth": 1.5,
					"unemployment": 2, "aged_60": 0, "graduates": 3}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := parse(t, dir, c.text)
			if err != nil {
				t.Fatal(err)
			}
			want := indicators.DefaultParams()
			c.want(&want)
			if p := s.Params(); !reflect.DeepEqual(p, want) {
				t.Errorf("params\n%+v\nwant\n%+v", p, want)
			}
			if strings.Contains(c.text, "[indicators.shortage]") != s.ShortageSet {
				t.Errorf("shortage set %v", s.ShortageSet)
			}
			// Params returns copies: changing them leaves the spec alone.
			p := s.Params()
			p.Shortage.Weights["tightness"] = 99
			if q := s.Params(); q.Shortage.Weights["tightness"] == 99 {
				t.Error("Params shares the spec's weights")
			}
		})
	}
	if !reflect.DeepEqual(d, indicators.DefaultParams()) {
		t.Error("a case changed the defaults")
	}
}

func TestParseSpecAFInputs(t *testing.T) {
	dir := specDir(t)
	s, err := parse(t, dir, `name = "t"
[inputs]
files = [
  { path = "data/persons.parquet", format = "parquet" },
  { path = "af/sheet.csv", format = "af-stats", table = "jobseekers", category = "nyinskrivna arbetssökande", period = "2024-01" },
  { path = "af/ads.jsonl", taxonomy = "tax.json" },
  { path = "af/ads.jsonl", format = "jobtech-ads", taxonomy = "tax.json" },
  { path = "af/bristindex_5ar.csv", round = "2018H" },
]
`)
	if err != nil {
		t.Fatal(err)
	}
	tax := filepath.Join(dir, "tax.json")
	want := []Input{
		{Path: filepath.Join(dir, "data/persons.parquet"), Format: "parquet"},
		{Path: filepath.Join(dir, "af/sheet.csv"), Format: "af-stats", Table: "jobseekers", Category: "nyinskrivna arbetssökande", Period: "2024-01"},
		{Path: filepath.Join(dir, "af/ads.jsonl"), Taxonomy: tax},
		{Path: filepath.Join(dir, "af/ads.jsonl"), Format: "jobtech-ads", Taxonomy: tax},
		{Path: filepath.Join(dir, "af/bristindex_5ar.csv"), Round: "2018H"},
	}
	sum, _, err := hashFile(tax)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		got := s.Inputs[i]
		if got.Taxonomy != "" {
			// Read once, hashed from the bytes read.
			if got.taxonomy == nil || got.taxonomy != s.Inputs[2].taxonomy || got.taxonomySHA256 != sum ||
				got.taxonomy.SSYK["DJh5_yyF_hEM"] != "2512" || got.taxonomy.Kommun["AvNB_uwa_6n6"] != "0180" {
				t.Errorf("input %d: taxonomy %+v, sha256 %s", i, got.taxonomy, got.taxonomySHA256)
			}
			got.taxonomy, got.taxonomySHA256 = nil, ""
		}
		if got != want[i] {
			t.Errorf("input %d: %+v\nwant %+v", i, got, want[i])
		}
	}
	for i, wantKind := range []string{"parquet", "af-stats", "jobtech-ads", "jobtech-ads", "bristindex"} {
		o := s.Inputs[i].loadOptions()
		f, err := formats.Resolve(s.Inputs[i].Path, o.Format)
		if err != nil || f.Name != wantKind || o.Table != want[i].Table || o.Category != want[i].Category ||
			o.Period != want[i].Period || o.Round != want[i].Round || (o.Taxonomy != nil) != (want[i].Taxonomy != "") {
			t.Errorf("input %d: load options %+v, %v; want kind %s", i, o, err, wantKind)
		}
	}
}

// A CSV extract of lmi's own tables whose header load.Sniff does not
// recognise (quoted) still loads as one, as before formats existed.
func TestDetectKindCanonicalFirst(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"quoted.csv":      "\"period\",\"region\",\"ssyk4\",\"category\",\"n\"\n\"2024-01\",\"0180\",\"2512\",\"openly_unemployed\",3\n",
		"vacancies_x.csv": "\"period\",\"region\",\"ssyk4\",\"n\"\n\"2024-01\",\"0180\",\"2512\",3\n",
		"plain.csv":       "period,region,ssyk4,category,n\n2024-01,0180,2512,openly_unemployed,3\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if f, err := formats.Detect(p); err != nil || f.Name != "csv" {
			t.Errorf("%s: %v, %v; want csv", name, f, err)
		}
	}
}
