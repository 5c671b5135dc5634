package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lmi/ingest/formats"
	"lmi/store"
)

// needShared skips a test of the real files when they are not beside the
// checkout.
func needShared(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("reference files not present (%s): this checkout has no ../shared/data", shared)
	}
}

// mapping prints an occupation count as "total mapped unmapped [source:n
// ...]".
func mapping(c *formats.OccupationCount) string {
	if c == nil {
		return "none"
	}
	s := fmt.Sprintf("%d %d %d", c.Total, c.Mapped(), len(c.Unmapped))
	for _, b := range c.BySource {
		s += fmt.Sprintf(" [%s:%d]", b.Source, b.N)
	}
	return s
}

// TestAFMappingReal: how the occupations of each real AF file map to SSYK
// 4, and from where. The yrkesprognos files' 174 prognosyrken map only
// through a user's map: JobTech's 2020 taxonomy dump has none of them
// (its SSYK-level-4 concepts are other concepts), so it maps 0.
func TestAFMappingReal(t *testing.T) {
	needShared(t)
	ctx := context.Background()
	dir := t.TempDir()
	own := formats.SourceInFile
	conceptCSV := filepath.Join(dir, "prognosyrken.csv")
	// Three prognosyrken of the files, by hand; 1Uj2_6JM_zuz covers two.
	os.WriteFile(conceptCSV, []byte("concept_id,ssyk4\n1JfT_7TR_tqA,2512\n1Uj2_6JM_zuz,5120\n1Uj2_6JM_zuz,5131\n1Y5U_iZ4_Bo9,3411\n"), 0o644)
	csvMap, err := formats.ReadOccupationMap(conceptCSV)
	if err != nil {
		t.Fatal(err)
	}
	taxMap, err := formats.ReadOccupationMap(filepath.Join(shared, "af/jobtech_taxonomy_legacy_to_concept.json"))
	if err != nil || taxMap.Kind != formats.KindTaxonomy || len(taxMap.Concepts) == 0 {
		t.Fatalf("taxonomy as a map: %v", err)
	}
	bycsv := " [occupation map prognosyrken.csv (CSV concept_id,ssyk4):3]"
	cases := []struct {
		file string
		m    *formats.OccupationMap
		want string
	}{
		{"yrkesbarometer_2025-2_excerpt.json", nil, "2 2 0 [" + own + ":2]"},
		{"bristindex_2018h_1ar_lan.csv", nil, "189 189 0 [" + own + ":189]"},
		{"yrkesprognoser_2022_texter.json", nil, "212 212 0 [" + own + ":212]"},
		{"yrkesprognos_v3_bedomning.csv", nil, "174 0 174"},
		{"yrkesprognos_v3_bedomning_2022.csv", taxMap, "174 0 174"},
		{"yrkesprognos_v3_bedomning.csv", csvMap, "174 3 171" + bycsv},
		{"yrkesprognos_v3_historik.csv", csvMap, "174 3 171" + bycsv},
	}
	for _, c := range cases {
		db := openDB(t, filepath.Join(t.TempDir(), "lmi.duckdb"))
		rep, err := Any(ctx, db, filepath.Join(shared, "af", c.file), Options{Occupations: c.m})
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if got := mapping(rep.Occupations); got != c.want {
			t.Errorf("%s: %s, want %s", c.file, got, c.want)
		}
		if c.m == csvMap {
			if got := query(t, db, `SELECT string_agg(occupation || '=' || ssyk4, ' ' ORDER BY occupation, ssyk4) FROM occupation_map`); got !=
				"1JfT_7TR_tqA=2512 1Uj2_6JM_zuz=5120 1Uj2_6JM_zuz=5131 1Y5U_iZ4_Bo9=3411" {
				t.Errorf("%s: occupation_map %s", c.file, got)
			}
		}
	}
}

// TestMapLoadedLater: a yrkesprognos file loaded without an occupation
// map, given again with one, has its occupations mapped without loading
// its rows again; given once more, nothing new is mapped. The history's
// occupations are its published cells' prognosyrke codes.
func TestMapLoadedLater(t *testing.T) {
	needShared(t)
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	conceptCSV := filepath.Join(dir, "prognosyrken.csv")
	if err := os.WriteFile(conceptCSV, []byte("concept_id,ssyk4\n1JfT_7TR_tqA,2512\n1Uj2_6JM_zuz,5120\n1Uj2_6JM_zuz,5131\n1Y5U_iZ4_Bo9,3411\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := formats.ReadOccupationMap(conceptCSV)
	if err != nil {
		t.Fatal(err)
	}
	bedomning, historik := filepath.Join(shared, "af/yrkesprognos_v3_bedomning.csv"), filepath.Join(shared, "af/yrkesprognos_v3_historik.csv")
	for _, f := range []string{bedomning, historik} {
		if _, err := Any(ctx, db, f, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	rows := query(t, db, `SELECT count(*) FROM assessments`)
	bycsv := " [occupation map prognosyrken.csv (CSV concept_id,ssyk4):3]"
	before := " [" + formats.SourceEarlierMap + ":3]"
	for _, c := range []struct {
		file string
		now  int
		want string
	}{
		{bedomning, 3, "174 3 171" + bycsv},
		{bedomning, 0, "174 3 171" + before},
		{historik, 0, "174 3 171" + before},
	} {
		rep, err := Any(ctx, db, c.file, Options{Occupations: m})
		if err != nil || !rep.AlreadyLoaded || !rep.Remapped || rep.MappedNow != c.now || mapping(rep.Occupations) != c.want {
			t.Errorf("%s: %v, mapped now %d, %s; want %d, %s", filepath.Base(c.file), err, rep.MappedNow, mapping(rep.Occupations), c.now, c.want)
		}
	}
	if got := query(t, db, `SELECT string_agg(occupation || '=' || ssyk4, ' ' ORDER BY occupation, ssyk4) FROM occupation_map`); got !=
		"1JfT_7TR_tqA=2512 1Uj2_6JM_zuz=5120 1Uj2_6JM_zuz=5131 1Y5U_iZ4_Bo9=3411" {
		t.Errorf("occupation_map %s", got)
	}
	if got := query(t, db, `SELECT count(*) FROM assessments`); got != rows {
		t.Errorf("assessments %s after mapping, %s before", got, rows)
	}
	// A file that takes no occupation map is only skipped.
	brist := filepath.Join(shared, "af/bristindex_2018h_1ar_lan.csv")
	for range 2 {
		rep, err := Any(ctx, db, brist, Options{Occupations: m})
		if err != nil || rep.Remapped {
			t.Errorf("bristindex: %v, remapped %v", err, rep.Remapped)
		}
	}
}

// TestReleaseLoadedTwice: a release already loaded from another file is
// refused by its content, naming the earlier file: the bristindex CSV and
// its xlsx, and a copy with CRLF line ends. Another release of the same
// publisher loads.
func TestReleaseLoadedTwice(t *testing.T) {
	needShared(t)
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	csv := filepath.Join(shared, "af/bristindex_2018h_1ar_lan.csv")
	if _, err := Any(ctx, db, csv, Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	crlf := filepath.Join(dir, "bristindex kopia.csv")
	os.WriteFile(crlf, bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")), 0o644)
	for _, again := range []string{filepath.Join(shared, "af/bristindex_2018h_1ar_lan.xlsx"), crlf} {
		before := snapshot(t, db)
		_, err := Any(ctx, db, again, Options{})
		var e *store.ReleaseOverlapError
		if !errors.As(err, &e) || e.Publisher != "af-bristindex" || e.Round != "2018H" || e.Other != csv || e.LoadedAt.IsZero() ||
			!strings.Contains(err.Error(), "already loaded from "+csv) {
			t.Errorf("%s: %v, want a ReleaseOverlapError naming %s", filepath.Base(again), err, csv)
		}
		if after := snapshot(t, db); after != before {
			t.Errorf("%s: a refused load changed the store", filepath.Base(again))
		}
	}
	// The 5-year national file is another release: it loads.
	if _, err := Any(ctx, db, filepath.Join(shared, "af/bristindex_2018h_5ar_riket.csv"), Options{Round: "2018H"}); err != nil {
		t.Errorf("5-year file: %v", err)
	}
}

// TestAFRejects: a bad row of an AF file is rejected with file, line,
// column, value and reason and counted against the limit, as for lmi's
// own tables.
func TestAFRejects(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	head := "Län,Yrkesområde,SSYK,Prognosyrke,index_18H_1ar,klartext_18H_1ar,klass_18H_1ar,antal_kommuner_18H_1ar,korrigerat_fran\n"
	var rows strings.Builder
	occs := []string{"2411,Revisorer", "2512,Mjukvaru- och systemutvecklare", "5120,Kockar och kallskänkor", "3411,Präster"}
	for _, lan := range []string{"01 Stockholms län", "03 Uppsala län", "04 Södermanlands län"} {
		for _, o := range occs {
			fmt.Fprintf(&rows, "%s,Yrken,%s,3.42545,Viss brist,4,20,\n", lan, o)
		}
	}
	path := filepath.Join(dir, "bristindex_18h.csv")
	// Line 7 (Uppsala, Mjukvaru-): index 6 is out of range.
	bad := strings.Replace(rows.String(), "03 Uppsala län,Yrken,2512,Mjukvaru- och systemutvecklare,3.42545", "03 Uppsala län,Yrken,2512,Mjukvaru- och systemutvecklare,6", 1)
	os.WriteFile(path, []byte(head+bad), 0o644)

	db := openDB(t, filepath.Join(dir, "a.duckdb"))
	rep, err := Any(ctx, db, path, Options{MaxRejectShare: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	want := formats.Reject{File: path, Line: 7, Column: "index_18H_1ar", Value: "6", Reason: "invalid value: expected an index from 1 to 5 or \"-\""}
	if len(rep.Rejects) != 1 || rep.Rejects[0] != want || rep.RowsRead != 12 || rep.LeftOut() != 1 {
		t.Errorf("%d read, rejects %+v; want 12 read and %+v", rep.RowsRead, rep.Rejects, want)
	}
	if got := query(t, db, `SELECT count(*) FROM assessments`) + "/" + query(t, db, `SELECT rows_read, rows_rejected FROM sources`); got != "11/12|1" {
		t.Errorf("assessments/sources: %s, want 11/12|1", got)
	}
	// 1 of 12 is above the default limit of 1%: nothing loaded.
	db = openDB(t, filepath.Join(dir, "b.duckdb"))
	before := snapshot(t, db)
	_, err = Any(ctx, db, path, Options{})
	var tm *TooManyRejectsError
	if !errors.As(err, &tm) || tm.Rejected != 1 || tm.Read != 12 || tm.First != want {
		t.Errorf("default limit: %v", err)
	}
	if after := snapshot(t, db); after != before {
		t.Error("a refused file changed the store")
	}
}

// TestNotRecognised: a file lmi reads in none of its formats is refused
// saying what it looks like and what lmi reads, without naming JSON-stat,
// HTML or a Go option.
func TestNotRecognised(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(text), 0o644)
		return path
	}
	xlsx := filepath.Join(dir, "priser.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Vara", "Pris"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"Mjölk", 14.5})
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cases := []struct{ path, looks string }{
		{write("config.json", `{"name":"lmi","threads":2,"paths":["a"]}`), `a JSON object with the fields "name", "threads", "paths"`},
		{write("list.json", `[{"a":1}]`), "a JSON array"},
		{write("fa15.kml", `<?xml version="1.0" encoding="UTF-8"?>`+"\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document></Document></kml>\n"), "a KML file"},
		{write("lan.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}]}`), "a GeoJSON file"},
		{write("shapes.json", `{"type":"FeatureCollection","features":[]}`), "a GeoJSON file"},
		{xlsx, "a workbook (xlsx) that is none of Arbetsförmedlingen's"},
	}
	for _, c := range cases {
		_, err := Any(context.Background(), openDB(t, filepath.Join(t.TempDir(), "x.duckdb")), c.path, Options{})
		var e *formats.NotRecognisedError
		if !errors.As(err, &e) || !strings.Contains(err.Error(), "it looks like "+c.looks) {
			t.Errorf("%s: %v, want it to look like %s", filepath.Base(c.path), err, c.looks)
			continue
		}
		msg := err.Error()
		for _, want := range []string{"lmi reads lmi's tables as CSV", "Arbetsförmedlingen's yrkesbarometer (JSON)", "SCB's PC-Axis file"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the message does not list %q: %s", filepath.Base(c.path), want, msg)
			}
		}
		for _, never := range []string{"not a JSON-stat", "HTML page", "Options.", "version: "} {
			if strings.Contains(msg, never) {
				t.Errorf("%s: the message says %q: %s", filepath.Base(c.path), never, msg)
			}
		}
	}
}

// TestGuessedWorkbook: a workbook that names a Län or a Kommun but is no
// statistics sheet (a list of kommuner by FA region, as Tillväxtverket's)
// is told what lmi tried to read it as, why that failed and what lmi
// reads; named with --format it gets the reader's own error.
func TestGuessedWorkbook(t *testing.T) {
	xlsx := filepath.Join(t.TempDir(), "fa15_kommuner.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"FA15Nr", "FA15Namn", "kommunkod", "Kommun", "Län"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"01", "Stockholm", "0114", "Upplands Väsby", "Stockholms län"})
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err := Any(context.Background(), openDB(t, filepath.Join(t.TempDir(), "x.duckdb")), xlsx, Options{})
	var e *formats.GuessedWorkbookError
	if !errors.As(err, &e) {
		t.Fatalf("%v, want a GuessedWorkbookError", err)
	}
	for _, want := range []string{xlsx + ": lmi cannot read this workbook: read as Arbetsförmedlingen's monthly statistics sheet",
		"unexpected header", "If it is not such a sheet, lmi does not read it: lmi reads lmi's tables as CSV"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %s", want, err)
		}
	}
	_, err = Any(context.Background(), openDB(t, filepath.Join(t.TempDir(), "y.duckdb")), xlsx, Options{Format: "af-stats-xlsx"})
	if err == nil || errors.As(err, &e) || !strings.Contains(err.Error(), "unexpected header") {
		t.Errorf("named af-stats-xlsx: %v, want the reader's error", err)
	}
}

// TestAFRejectsTexter: a bad record of the forecast texts is rejected
// with file, line, column, value and reason and counted against the
// limit, as a bristindex row is.
func TestAFRejectsTexter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	rec := func(ar, concept, ssyk, v string) string {
		return fmt.Sprintf(`{"ar":%q,"datatyp":"Bristindex","geografi":"Riket","ssyk":%q,"concept_id":%q,"bristvarde":%q}`, ar, ssyk, concept, v)
	}
	// Line 4: bristvärde 9 is out of range.
	text := "{\"prognoser\":[\n" + rec("2022", "DJh5_yyF_hEM", "2512", "4.0") + ",\n" + rec("2026", "DJh5_yyF_hEM", "2512", "3.0") + ",\n" +
		rec("2022", "Fghp_zje_WA8", "3334", "9.0") + ",\n" + rec("2026", "Fghp_zje_WA8", "3334", "2.0") + "\n]}\n"
	path := filepath.Join(dir, "yrkesprognoser_texter.json")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	db := openDB(t, filepath.Join(dir, "a.duckdb"))
	rep, err := Any(ctx, db, path, Options{MaxRejectShare: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	want := formats.Reject{File: path, Line: 4, Column: "bristvarde", Value: "9.0", Reason: "invalid value: expected a number from 1 to 5"}
	if rep.Format != "yrkesprognoser-texter" || len(rep.Rejects) != 1 || rep.Rejects[0] != want || rep.RowsRead != 4 || rep.LeftOut() != 1 {
		t.Errorf("%s: %d read, rejects %+v; want 4 read and %+v", rep.Format, rep.RowsRead, rep.Rejects, want)
	}
	if got := query(t, db, `SELECT count(*) FROM assessments`); got != "3" {
		t.Errorf("%s assessments, want 3", got)
	}
	// 1 of 4 is above the default limit: nothing loaded.
	_, err = Any(ctx, openDB(t, filepath.Join(dir, "b.duckdb")), path, Options{})
	var tm *TooManyRejectsError
	if !errors.As(err, &tm) || tm.Rejected != 1 || tm.Read != 4 || tm.First != want {
		t.Errorf("default limit: %v", err)
	}
}
