package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"

	"lmi/ingest/af/ads"
	"lmi/ingest/formats"
	"lmi/store"
)

// flowSnapshot summarises the flow tables and sources, so "the store is
// unchanged" can be checked.
func flowSnapshot(t *testing.T, db *store.DB) string {
	t.Helper()
	var s string
	err := db.SQL().QueryRow(`SELECT
		(SELECT count(*) || ':' || coalesce(sum(hash(j)), 0) FROM jobseekers AS j) || '/' ||
		(SELECT count(*) || ':' || coalesce(sum(hash(v)), 0) FROM vacancies AS v) || '/' ||
		(SELECT count(*) || ':' || coalesce(sum(hash(h)), 0) FROM hires AS h) || '/' ||
		(SELECT count(*) || ':' || coalesce(sum(hash(s)), 0) FROM sources AS s)`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// query returns one row of a query as text, fields joined by "|".
func query(t *testing.T, db *store.DB, q string, args ...any) string {
	t.Helper()
	var s *string
	if err := db.SQL().QueryRow("SELECT concat_ws('|', *COLUMNS(*)) FROM ("+q+")", args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if s == nil {
		return ""
	}
	return *s
}

func tally(rep *Report, reason string) Tally {
	for _, t := range rep.Tallies {
		if t.Reason == reason {
			return t
		}
	}
	return Tally{}
}

// TestAFAdsRealFiles loads the real job-ad samples, recognised by name and
// content, with the real taxonomy, into vacancies: each ad once, in its
// kommun or else its län; cells counted by hand from the files.
func TestAFAdsRealFiles(t *testing.T) {
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("reference files not present (%s): this checkout has no ../shared/data", shared)
	}
	ctx := context.Background()
	f, err := os.Open(filepath.Join(shared, "af/jobtech_taxonomy_legacy_to_concept.json"))
	if err != nil {
		t.Fatal(err)
	}
	tax, err := ads.ReadTaxonomy(f, f.Name())
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	db := openDB(t, filepath.Join(t.TempDir(), "lmi.duckdb"))
	opts := Options{Taxonomy: tax, Alloc: mem}

	scraped := filepath.Join(shared, "af/jobtech_scraped_ads_2020_sample.json")
	rep, err := Any(ctx, db, scraped, opts)
	if err != nil {
		t.Fatal(err)
	}
	// 100 ads; 22 without a date and 3 placed nowhere are not loaded; 39
	// month x place cells hold the other 75 ads' 220 vacancies.
	if rep.Table != "vacancies" || rep.Unit != "ads" || rep.RowsRead != 100 || rep.RowsLoaded != 39 || rep.LeftOut() != 25 {
		t.Errorf("scraped: %s, %d %s read, %d rows loaded, %d rejected", rep.Table, rep.RowsRead, rep.Unit, rep.RowsLoaded, rep.LeftOut())
	}
	for reason, want := range map[string]Tally{
		ads.ReasonNoDate:      {Effect: formats.EffectLeftOut, Records: 22, Weight: 22},
		ads.ReasonNoLan:       {Effect: formats.EffectLeftOut, Records: 3, Weight: 16},
		ads.ReasonNoKommun:    {Effect: formats.EffectLanOnly, Records: 2, Weight: 2},
		ads.ReasonUnknownSSYK: {Effect: formats.EffectNoSSYK, Records: 72, Weight: 217},
		ads.ReasonNoSSYK:      {Effect: formats.EffectNoSSYK, Records: 3, Weight: 3},
	} {
		if got := tally(rep, reason); got.Effect != want.Effect || got.Records != want.Records || got.Weight != want.Weight {
			t.Errorf("scraped %s: %+v, want %+v", reason, got, want)
		}
	}
	src := filepath.Base(scraped)
	for q, want := range map[string]string{
		// Vänersborg (46807, 100 openings); Stockholms län only (49791, 49954).
		`SELECT n, censored, ssyk4 IS NULL FROM vacancies WHERE period = '2020-01' AND region = '1487'`:            "100|false|true",
		`SELECT n FROM vacancies WHERE period = '2020-04' AND region = '01'`:                                       "2",
		`SELECT sum(n), count(*), count(ssyk4) FROM vacancies`:                                                     "220|39|0",
		`SELECT rows_read, rows_loaded, rows_rejected, format, target FROM sources WHERE file LIKE '%` + src + `'`: "100|39|25|jobtech-ads|vacancies",
	} {
		if got := query(t, db, q); got != want {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
	}

	// AF's source format and a JobSearch response: Kiruna (SSYK only in
	// the JobSearch ad) and Stockholm.
	for _, name := range []string{"af/platsbanken_source_ads_sample.json", "af/jobtech_ad_jobsearch_schema_sample.json"} {
		path := filepath.Join(shared, name)
		if k, err := sniff(path); err != nil || k != "jobtech-ads" {
			t.Errorf("%s: sniffed %q, %v", name, k, err)
		}
		if _, err := Any(ctx, db, path, opts); err != nil {
			t.Fatal(err)
		}
	}
	if got := query(t, db, `SELECT string_agg(concat_ws(' ', period, region, coalesce(CAST(ssyk4 AS VARCHAR), '-'), n), ', ' ORDER BY period, region, ssyk4)
		FROM vacancies WHERE period < '2020'`); got != "2018-10 2584 4323 1, 2018-10 2584 - 1, 2019-03 0180 - 1" {
		t.Errorf("source format and JobSearch ads: %q", got)
	}
	again, err := Any(ctx, db, scraped, opts)
	if err != nil || !again.AlreadyLoaded {
		t.Errorf("reload: %+v, %v", again, err)
	}
}

// kommunSheetRows is a hand-made statistics sheet: new job seekers by
// kommun and month, a title and a source line above the header, "Kommun"
// over two header rows, the year merged over the months, a Summa column,
// a län subtotal row, a Summa row and a "<5" cell (true value 3).
var kommunSheetRows = [][]any{
	{"Nyinskrivna arbetssökande per kommun och månad, 2024"},
	{"Källa: Arbetsförmedlingen"},
	nil,
	{"Kommun", 2024, nil, nil, "Summa"},
	{nil, "jan", "feb", "mar"},
	{"0114 Upplands Väsby", 61, 48, 52, 161},
	{"0180 Stockholm", 1480, 1322, 1401, 4203},
	{"0192 Nynäshamn", 12, "<5", 9, 24},
	{"01 Stockholms län", 1553, 1373, 1462, 4388},
	{"0380 Uppsala", 402, 377, 390, 1169},
	{"Summa", 1955, 1750, 1852, 5557},
}

func writeStatsCSV(t *testing.T, path string, rows [][]any) {
	t.Helper()
	var b strings.Builder
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				b.WriteString(";")
			}
			if v != nil {
				b.WriteString(fmtAny(v))
			}
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func fmtAny(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	}
	return ""
}

func writeStatsXLSX(t *testing.T, path string, rows [][]any, merges [][2]string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Tabell 1")
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue("Tabell 1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, m := range merges {
		if err := f.MergeCell("Tabell 1", m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestAFStatsSheets loads the hand-made sheet as CSV and as xlsx into
// jobseekers: the detail cells only, the "<5" cell censored.
func TestAFStatsSheets(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "nyinskrivna_kommun_2024.csv")
	writeStatsCSV(t, csvPath, kommunSheetRows)
	xlsxPath := filepath.Join(dir, "nyinskrivna_kommun_2024.xlsx")
	writeStatsXLSX(t, xlsxPath, kommunSheetRows, [][2]string{{"A1", "E1"}, {"A4", "A5"}, {"B4", "D4"}, {"E4", "E5"}})
	want := "2024-01 0114 61 false, 2024-01 0180 1480 false, 2024-01 0192 12 false, 2024-01 0380 402 false, " +
		"2024-02 0114 48 false, 2024-02 0180 1322 false, 2024-02 0192 - true, 2024-02 0380 377 false, " +
		"2024-03 0114 52 false, 2024-03 0180 1401 false, 2024-03 0192 9 false, 2024-03 0380 390 false"
	for _, c := range []struct {
		path string
		kind string
	}{{csvPath, "af-stats"}, {xlsxPath, "af-stats-xlsx"}} {
		t.Run(string(c.kind), func(t *testing.T) {
			if k, err := sniff(c.path); err != nil || k != c.kind {
				t.Fatalf("sniffed %q, %v; want %q", k, err, c.kind)
			}
			db := openDB(t, filepath.Join(t.TempDir(), "lmi.duckdb"))
			// The months are columns: the sheet does not say what it
			// counts but in its title, and the reader wants it said.
			before := flowSnapshot(t, db)
			if _, err := Any(ctx, db, c.path, Options{}); err == nil || !strings.Contains(err.Error(), "--category") {
				t.Errorf("no category: %v", err)
			}
			if after := flowSnapshot(t, db); after != before {
				t.Errorf("a failed load changed the store: %s -> %s", before, after)
			}
			rep, err := Any(ctx, db, c.path, Options{Category: "nyinskrivna arbetssökande"})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Table != "jobseekers" || rep.Unit != "cells" || rep.RowsRead != 12 || rep.RowsLoaded != 12 || rep.LeftOut() != 0 {
				t.Errorf("report %+v", rep)
			}
			if got := tally(rep, formats.ReasonCensored); got.Records != 1 || got.Effect != formats.EffectNote {
				t.Errorf("censored tally %+v", got)
			}
			got := query(t, db, `SELECT string_agg(concat_ws(' ', period, region, coalesce(CAST(n AS VARCHAR), '-'), censored), ', '
				ORDER BY period, region) FROM jobseekers WHERE category = 'nyinskrivna_arbetssokande' AND ssyk4 IS NULL`)
			if got != want {
				t.Errorf("jobseekers\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestAFStatsTables: each measure goes to the table it names; rows
// without a region are left out and counted; a national sheet loads
// nothing.
func TestAFStatsTables(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	mixed := filepath.Join(dir, "mars.csv")
	os.WriteFile(mixed, []byte("Arbetsmarknaden i mars 2024\n\nLän;Yrke;Öppet arbetslösa;Nya lediga platser;Till arbete\n"+
		"01 Stockholms län;2512 Mjukvaru- och systemutvecklare m.fl.;310;<5;42\n"+
		"03 Uppsala län;2512;55;21;7\n"+
		"Riket;2512;365;25;49\n"), 0o644)
	rep, err := Any(ctx, db, mixed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Table != "jobseekers+vacancies+hires" || rep.RowsRead != 6 || rep.RowsLoaded != 6 {
		t.Errorf("report %+v", rep)
	}
	for q, want := range map[string]string{
		`SELECT category, n FROM jobseekers WHERE region = '01'`:        "oppet_arbetslosa|310",
		`SELECT n IS NULL, censored FROM vacancies WHERE region = '01'`: "true|true",
		`SELECT sum(n) FROM hires WHERE ssyk4 = '2512'`:                 "49",
	} {
		if got := query(t, db, q); got != want {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
	}

	national := filepath.Join(dir, "riket.csv")
	os.WriteFile(national, []byte("Månad;Yrke;Nya lediga platser\n2024-01;2512;2210\n2024-01;5120;905\n"), 0o644)
	before := flowSnapshot(t, db)
	rep, err = Any(ctx, db, national, Options{})
	if !errors.Is(err, formats.ErrNothingToLoad) || tally(rep, formats.ReasonRiket).Records != 2 {
		t.Errorf("national sheet: %v, %+v", err, rep)
	}
	if after := flowSnapshot(t, db); after != before {
		t.Errorf("store changed: %s -> %s", before, after)
	}

	twoV := filepath.Join(dir, "two.csv")
	os.WriteFile(twoV, []byte("Månad;Län;Nya lediga platser;Kvarstående lediga platser\n2024-01;01;5;9\n"), 0o644)
	if _, err := Any(ctx, db, twoV, Options{}); err == nil || !strings.Contains(err.Error(), "no category") {
		t.Errorf("two vacancy measures: %v", err)
	}
	unknown := filepath.Join(dir, "x.csv")
	os.WriteFile(unknown, []byte("Månad;Län;Antal\n2024-01;01;5\n"), 0o644)
	if _, err := Any(ctx, db, unknown, Options{Category: "varsel"}); err == nil || !strings.Contains(err.Error(), "--table") {
		t.Errorf("a measure of no table: %v", err)
	}
	if rep, err := Any(ctx, db, unknown, Options{Category: "varsel", Table: "vacancies"}); err != nil || rep.RowsLoaded != 1 {
		t.Errorf("named table: %+v, %v", rep, err)
	}
}

// TestAFBrokenLeavesNothing: a file that fails to read, anywhere in it,
// loads nothing.
func TestAFBrokenLeavesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	good := `{"publication_date":"2024-01-05","number_of_vacancies":2,"occupation_group":{"legacy_ams_taxonomy_id":"2512"},"workplace_address":{"municipality_code":"0180"}}`
	ok := filepath.Join(dir, "ok.jsonl")
	os.WriteFile(ok, []byte(good+"\n"), 0o644)
	if _, err := Any(ctx, db, ok, Options{}); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"truncated.jsonl": strings.Repeat(good+"\n", 3) + good[:60] + "\n",
		"negative.jsonl":  good + "\n" + strings.Replace(good, `:2,`, `:-2,`, 1) + "\n",
		"abroad.jsonl":    `{"publication_date":"2024-01-05","workplace_address":{"country":"Norge"}}` + "\n",
		"negative.csv":    "Arbetslösa per län, januari 2024\n\nLän;Arbetslösa\n01 Stockholms län;100\n03 Uppsala län;-5\n",
		"html.xlsx":       "<html><title>502</title></html>",
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			os.WriteFile(path, []byte(content), 0o644)
			before := flowSnapshot(t, db)
			_, err := Any(ctx, db, path, Options{})
			if err == nil {
				t.Fatal("loaded a broken file")
			}
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name the file", err)
			}
			if after := flowSnapshot(t, db); after != before {
				t.Errorf("store changed: %s -> %s", before, after)
			}
		})
	}
}

// TestSniffAF: the new kinds by name and first bytes, and the old ones
// unchanged.
func TestSniffAF(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	cases := []struct {
		name, content string
		want          string
	}{
		{"ads.jsonl", "{}\n", "jobtech-ads"},
		{"2019.zip", "PK", "jobtech-ads"},
		{"ads.json", `{"id":"1","publication_date":"2019-01-01"}` + "\n", "jobtech-ads"},
		{"scraped.json", `[{"originalJobPosting":{}}]`, "jobtech-ads"},
		{"source.json", "{\n  \"testannonser\": [\n", "jobtech-ads"},
		{"stats.csv", "Inskrivna arbetslösa, mars 2024\n\nLän;Arbetslösa\n01;5\n", "af-stats"},
		{"stats.tsv", "Månad\tKommun\tAntal\n2024-01\t0180\t5\n", "af-stats"},
		// unchanged
		{"yb.json", `[{"yb_concept_id":"x","lan":"01"}]`, "yrkesbarometer"},
		{"t.json", `{"columns":[],"data":[]}`, "pxjson"},
		{"t2.json", `{"version":"2.0","class":"dataset"}`, "jsonstat"},
		{"jobseekers.csv", "period,region,ssyk4,category,n\n", "csv"},
		{"quoted.csv", "\"year\",\"home_kommun\",\"work_kommun\",\"status\",\"ssyk4\",\"edu_group\",\"sex\",\"age\",\"birth_region\",\"n\"\n", "csv"},
		{"scb.csv", "\"region\",\"yrke (SSYK 2012)\",\"kön\",\"2014\"\n", "scbcsv"},
		{"b.csv", "Län,Yrkesområde,SSYK,Prognosyrke,index\n", "bristindex"},
		{"p.csv", "conceptidprognosyrke;fa15nr\n", "yrkesprognos"},
		{"odd.csv", "a,b,c\n", "csv"},
	}
	for _, c := range cases {
		if got, err := sniff(write(c.name, c.content)); err != nil || got != c.want {
			t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	// xlsx: bristindex by name, yrkesbarometer by name or its columns,
	// anything else a statistics sheet.
	yb := filepath.Join(dir, "export.xlsx")
	writeStatsXLSX(t, yb, [][]any{{"yrkesomrade", "yb_yrke", "yb_concept_id", "lan"}}, nil)
	stats := filepath.Join(dir, "tabell.xlsx")
	writeStatsXLSX(t, stats, kommunSheetRows, nil)
	for path, want := range map[string]string{yb: "yrkesbarometer-xlsx", stats: "af-stats-xlsx",
		write("bristindex.xlsx", "PK"): "bristindex-xlsx", write("yrkesbarometer.xlsx", "PK"): "yrkesbarometer-xlsx"} {
		if got, err := sniff(path); err != nil || got != want {
			t.Errorf("%s: %q, %v; want %q", filepath.Base(path), got, err, want)
		}
	}
}

// TestFlowOverlap: flows already held for a table, period and län (and
// category) are not loaded again from another extract, whether at kommun
// or län level, except job ads beside job ads, which count different ads.
func TestFlowOverlap(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	ad := func(date, kommun string) string {
		return `{"publication_date":"` + date + `","number_of_vacancies":1,"workplace_address":{"municipality_code":"` + kommun + `"}}` + "\n"
	}
	sheet := filepath.Join(dir, "nyinskrivna_kommun_2024.csv")
	writeStatsCSV(t, sheet, kommunSheetRows) // 2024-01..03, kommuner of län 01 and 03
	steps := []struct {
		name, path string
		opts       Options
		clash      *store.FlowOverlapError // nil: loads
	}{
		{"ads", write("ads_a.jsonl", ad("2024-01-05", "0180")), Options{}, nil},
		{"more ads of the month", write("ads_b.jsonl", ad("2024-01-20", "0114")), Options{}, nil},
		{"AF's vacancies of a month with ads", write("vacancies.csv", "period,region,ssyk4,n\n2024-01,01,2512,5\n"), Options{Table: "vacancies"},
			&store.FlowOverlapError{Table: "vacancies", Period: "2024-01", Lan: "01"}},
		{"AF's vacancies of another month", write("vacancies_feb.csv", "period,region,ssyk4,n\n2024-02,01,2512,5\n"), Options{Table: "vacancies"}, nil},
		{"ads of a month with AF's vacancies", write("ads_c.jsonl", ad("2024-02-03", "0180")), Options{},
			&store.FlowOverlapError{Table: "vacancies", Period: "2024-02", Lan: "01"}},
		{"job seekers by kommun", sheet, Options{Category: "nyinskrivna arbetssökande"}, nil},
		{"the same by län", write("jobseekers.csv", "period,region,ssyk4,category,n\n2024-03,03,2512,nyinskrivna_arbetssokande,39\n"), Options{Table: "jobseekers"},
			&store.FlowOverlapError{Table: "jobseekers", Period: "2024-03", Lan: "03", Category: "nyinskrivna_arbetssokande"}},
		{"another category", write("jobseekers_open.csv", "period,region,ssyk4,category,n\n2024-03,03,2512,openly_unemployed,39\n"), Options{Table: "jobseekers"}, nil},
	}
	for _, s := range steps {
		before := flowSnapshot(t, db)
		_, err := Any(ctx, db, s.path, s.opts)
		if s.clash == nil {
			if err != nil {
				t.Errorf("%s: %v", s.name, err)
			}
			continue
		}
		var got *store.FlowOverlapError
		if !errors.As(err, &got) {
			t.Errorf("%s: %v, want a FlowOverlapError", s.name, err)
			continue
		}
		other := got.Other
		got.Other = ""
		if *got != *s.clash || other == "" {
			t.Errorf("%s: %+v (other %q), want %+v", s.name, *got, other, *s.clash)
		}
		if after := flowSnapshot(t, db); after != before {
			t.Errorf("%s: a refused load changed the store", s.name)
		}
	}
}

// TestAFPrognos loads a bedömning file: its wide rows become one
// assessment per non-empty cell, written straight into Arrow.
func TestAFPrognos(t *testing.T) {
	ctx := context.Background()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	db := openDB(t, filepath.Join(t.TempDir(), "lmi.duckdb"))
	path := filepath.Join(t.TempDir(), "bedomning.csv")
	// Riket: two classes, a count and a pil; FA06: the pil, index 4 and
	// the FA regions that are harder (FA02) and easier (FA01) to recruit
	// in; FA07: index 0, a value without a class.
	in := "\ufeffconceptidprognosyrke;fa15nr;bedömning24;bedömning26;yrkesverksamma_antal;pil_2022_tilltr;index;svårare_fa15nr;lättare_fa15nr;U\n" +
		"1JfT_7TR_tqA;0;3;2;18053;1,13;;;;\n" +
		"1JfT_7TR_tqA;6;;;;0,98;4;2;1;\n" +
		"1JfT_7TR_tqA;7;;;;;0;;;\n"
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Any(ctx, db, path, Options{Alloc: mem})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Table != "assessments" || rep.RowsLoaded != 9 {
		t.Errorf("%d rows into %s, want 9 into assessments", rep.RowsLoaded, rep.Table)
	}
	got := query(t, db, `SELECT string_agg(concat_ws(',', region, region_level, measure, coalesce(value::VARCHAR, '-'),
		coalesce(class::VARCHAR, '-'), coalesce(label, '-')), ' ' ORDER BY region, measure)
		FROM assessments WHERE publisher = 'af-yrkesprognos' AND round = '2024' AND occupation = '1JfT_7TR_tqA'`)
	want := "00,riket,bedomning24,3.0,3,- 00,riket,bedomning26,2.0,2,- 00,riket,pil_2022_tilltr,1.13,-,- 00,riket,yrkesverksamma_antal,18053.0,-,- " +
		"FA06,fa,index,4.0,4,- FA06,fa,lattare_fa15nr,-,-,FA01 FA06,fa,pil_2022_tilltr,0.98,-,- FA06,fa,svarare_fa15nr,-,-,FA02 " +
		"FA07,fa,index,0.0,-,-"
	if got != want {
		t.Errorf("assessments\n%s\nwant\n%s", got, want)
	}
}

// sniff is the name of the format formats.Detect recognises a file as.
func sniff(path string) (string, error) {
	f, err := formats.Detect(path)
	if err != nil {
		return "", err
	}
	return f.Name, nil
}
