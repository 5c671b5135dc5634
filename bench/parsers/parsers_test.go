package parsers

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/fixtures"
	"lmi/ingest/af/ads"
	"lmi/ingest/canonical"
	"lmi/ingest/px"
	"lmi/ingest/scbcsv"
	"lmi/store"
)

// ---------------------------------------------------------------------------
// Inputs. Every generator writes one file and returns its record count.

// personsCSV writes the fixtures persons CSV (persons x years) into dir and
// returns its path and row count.
func personsCSV(tb testing.TB, dir string, persons, years int) (string, int64) {
	tb.Helper()
	sum, err := fixtures.Generate(fixtures.Config{Persons: persons, Years: years, Seed: 1, Out: dir, Formats: []string{fixtures.FormatCSV}})
	if err != nil {
		tb.Fatal(err)
	}
	return filepath.Join(dir, "persons.csv"), sum.PersonRows
}

// scbWideCSV writes an SCB-style download, regions x occupations x 9 ages
// x 2 sexes rows with one column a year, in the layout of scbcsv's own
// benchmark (quoted code-and-label texts, one ".." in 50 cells) but in
// UTF-8, which both lmi and DuckDB read (DuckDB has no Latin-1 decoder).
func scbWideCSV(tb testing.TB, path string, regions, occupations, years int) (rows, cells int64) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(`"region","yrke (SSYK 2012)","ålder","kön"`)
	for y := 0; y < years; y++ {
		fmt.Fprintf(w, `,"%d"`, 2000+y)
	}
	w.WriteString("\n")
	ages := []string{"16-24 år", "25-29 år", "30-34 år", "35-39 år", "40-44 år", "45-49 år", "50-54 år", "55-59 år", "60-64 år"}
	x := uint32(7)
	for r := 0; r < regions; r++ {
		for o := 0; o < occupations; o++ {
			for _, a := range ages {
				for _, s := range []string{"män", "kvinnor"} {
					fmt.Fprintf(w, `"%04d Kommun %d","%04d Yrke %d","%s","%s"`, 100+r, r, 1000+o, o, a, s)
					for y := 0; y < years; y++ {
						x ^= x << 13
						x ^= x >> 17
						x ^= x << 5
						if x%50 == 0 {
							w.WriteString(",..")
						} else {
							fmt.Fprintf(w, ",%d", x%100000)
						}
					}
					w.WriteString("\n")
					rows++
				}
			}
		}
	}
	closeFile(tb, w, f)
	return rows, rows * int64(years)
}

// adsJSONL writes about size bytes of JSON-lines job ads of about 2 KB
// each, spread over every kommun, 40 SSYK groups and 36 months (the shape
// of lmi/ingest/af's BenchmarkReadAdsGenerated).
func adsJSONL(tb testing.TB, path string, size int64) (ads int64) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	desc := strings.Repeat("Vi söker en erfaren medarbetare till vårt team i norra Sverige. ", 30)
	kom, ssyk := codes.Kommuner(), codes.SSYK(4)[:40]
	var written int64
	var line []byte
	for i := 0; written < size; i++ {
		k, s, m := kom[i%len(kom)], ssyk[(i/7)%len(ssyk)], i%36
		line = fmt.Appendf(line[:0], `{"id":"%d","headline":"Annons %d","number_of_vacancies":%d,"description":{"text":%q},"occupation_group":{"concept_id":"x","legacy_ams_taxonomy_id":"%s"},"workplace_address":{"municipality_code":"%s","region_code":"%s","country":"Sverige"},"publication_date":"%d-%02d-15T08:00:00","removed":false}`+"\n",
			i, i, 1+i%3, desc, s.Code, k.Code, k.Lan, 2016+m/12, 1+m%12)
		w.Write(line)
		written += int64(len(line))
		ads++
	}
	closeFile(tb, w, f)
	return ads
}

// pcAxis writes a PC-Axis file of regions x 101 ages x 2 sexes rows (STUB)
// and 5 contents x years cells a row (HEADING), about 6 bytes a cell, one
// in 50 a dot code (the shape of lmi/ingest/px's BenchmarkDecode).
func pcAxis(tb testing.TB, path string, regions, years int) (cells int64) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("CHARSET=\"ANSI\";\nAXIS-VERSION=\"2010\";\nLANGUAGE=\"sv\";\nMATRIX=\"BENCH\";\nTITLE=\"Generated\";\n")
	w.WriteString("STUB=\"region\",\"ålder\",\"kön\";\nHEADING=\"ContentsCode\",\"tid\";\nCONTVARIABLE=\"ContentsCode\";\n")
	list := func(kw, v string, n int, f func(i int) string) {
		fmt.Fprintf(w, "%s(\"%s\")=", kw, v)
		for i := 0; i < n; i++ {
			if i > 0 {
				w.WriteString(",")
				if i%10 == 0 {
					w.WriteString("\n")
				}
			}
			fmt.Fprintf(w, "%q", f(i))
		}
		w.WriteString(";\n")
	}
	list("VALUES", "region", regions, func(i int) string { return fmt.Sprintf("%04d Kommun %d", 100+i, i) })
	list("CODES", "region", regions, func(i int) string { return fmt.Sprintf("%04d", 100+i) })
	list("VALUES", "ålder", 101, func(i int) string { return fmt.Sprint(i) })
	list("VALUES", "kön", 2, func(i int) string { return []string{"män", "kvinnor"}[i] })
	list("VALUES", "ContentsCode", 5, func(i int) string { return fmt.Sprintf("Mått %d", i) })
	list("VALUES", "tid", years, func(i int) string { return fmt.Sprint(1995 + i) })
	fmt.Fprintf(w, "TIMEVAL(\"tid\")=TLIST(A1),\"1995\"-\"%d\";\nDATA=\n", 1995+years-1)
	x := uint32(1)
	n := regions * 101 * 2 * 5 * years
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		if x%50 == 0 {
			w.WriteString(`".." `)
		} else {
			fmt.Fprintf(w, "%d ", x%100000)
		}
		if (i+1)%(5*years) == 0 {
			w.WriteString("\n")
		}
	}
	w.WriteString(";\n")
	closeFile(tb, w, f)
	return int64(n)
}

func closeFile(tb testing.TB, w *bufio.Writer, f *os.File) {
	tb.Helper()
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// ---------------------------------------------------------------------------
// The lmi side: each function reads the file from disk (as DuckDB does)
// and returns the number of records it produced.

func lmiPersons(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r, err := canonical.NewCSVReader(canonical.Persons, f, filepath.Base(path), canonical.Options{})
	if err != nil {
		return 0, err
	}
	return drain(r)
}

// drain reads every batch of r, releases it and returns the rows; a
// rejected row is an error (the generated inputs have none).
func drain(r *canonical.Reader) (int64, error) {
	defer r.Release()
	var rows int64
	for r.Next() {
		rows += r.RecordBatch().NumRows()
	}
	if r.Err() != nil {
		return rows, r.Err()
	}
	if len(r.Rejects()) > 0 {
		return rows, fmt.Errorf("%d rejects, first %v", len(r.Rejects()), r.Rejects()[0])
	}
	return rows, nil
}

func lmiSCB(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	t, err := scbcsv.Decode(f, filepath.Base(path), scbcsv.Options{})
	if err != nil {
		return 0, err
	}
	return int64(len(t.Values)), nil
}

// lmiSCBFile is scbcsv.DecodeFile, which sizes the table from the file's
// size (Decode learns the size only from a reader with a Len method).
func lmiSCBFile(path string) (int64, error) {
	t, err := scbcsv.DecodeFile(path)
	if err != nil {
		return 0, err
	}
	return int64(len(t.Values)), nil
}

// lmiAds gives ReadAds the *os.File, which it maps into memory.
func lmiAds(path string) (int64, error) { return readAds(path, false) }

// lmiAdsStream gives ReadAds the file behind a plain io.Reader, which it
// streams through its buffer.
func lmiAdsStream(path string) (int64, error) { return readAds(path, true) }

func readAds(path string, stream bool) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if stream {
		r = struct{ io.Reader }{f}
	}
	v, err := ads.ReadAds(r, filepath.Base(path), ads.AdOptions{})
	if err != nil {
		return 0, err
	}
	return v.Report.Ads, nil
}

func lmiPX(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	t, err := px.Decode(f, filepath.Base(path), px.Options{})
	if err != nil {
		return 0, err
	}
	return int64(len(t.Values)), nil
}

// lmiPXFile is px.DecodeFile, which sizes the table from the file's size.
func lmiPXFile(path string) (int64, error) {
	t, err := px.DecodeFile(path)
	if err != nil {
		return 0, err
	}
	return int64(len(t.Values)), nil
}

// ---------------------------------------------------------------------------
// The DuckDB side: CREATE TEMP TABLE t AS SELECT ... FROM read_csv/read_json
// with every type given, so DuckDB parses, converts and stores every value
// (lmi likewise builds typed columns or a cube); the table is then counted
// and dropped (the DROP is outside the timer).

func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// personsSQL reads the persons CSV with the types of ingest.PersonsSchema
// (codes as VARCHAR: DuckDB does not check them against the code lists).
func personsSQL(path string) string {
	return `SELECT * FROM read_csv(` + sqlQuote(path) + `, header = true, delim = ',', quote = '"', auto_detect = false,
		columns = {'year': 'SMALLINT', 'person_id': 'BIGINT', 'home_kommun': 'VARCHAR', 'work_kommun': 'VARCHAR',
		'status': 'VARCHAR', 'ssyk4': 'VARCHAR', 'sni': 'VARCHAR', 'edu_group': 'VARCHAR', 'sun_level': 'VARCHAR',
		'sun_field': 'VARCHAR', 'sex': 'VARCHAR', 'age': 'SMALLINT', 'birth_region': 'VARCHAR', 'n': 'INTEGER'})`
}

// scbSQL reads the wide download: four text columns, one DOUBLE a year,
// ".." read as NULL (lmi keeps it as a status).
func scbSQL(path string, years int) string {
	var cols strings.Builder
	cols.WriteString(`'region': 'VARCHAR', 'yrke (SSYK 2012)': 'VARCHAR', 'ålder': 'VARCHAR', 'kön': 'VARCHAR'`)
	for y := 0; y < years; y++ {
		fmt.Fprintf(&cols, `, '%d': 'DOUBLE'`, 2000+y)
	}
	return `SELECT * FROM read_csv(` + sqlQuote(path) + `, header = true, delim = ',', quote = '"', nullstr = '..',
		auto_detect = false, columns = {` + cols.String() + `})`
}

// adsSQL reads the fields of an ad that lmi's ReadAds uses.
func adsSQL(path string) string {
	return `SELECT publication_date, number_of_vacancies, occupation_group.concept_id AS concept_id,
		occupation_group.legacy_ams_taxonomy_id AS ssyk, workplace_address.municipality_code AS kommun,
		workplace_address.region_code AS lan
		FROM read_json(` + sqlQuote(path) + `, format = 'newline_delimited', auto_detect = false,
		columns = {'publication_date': 'VARCHAR', 'number_of_vacancies': 'INTEGER',
		'occupation_group': 'STRUCT(concept_id VARCHAR, legacy_ams_taxonomy_id VARCHAR)',
		'workplace_address': 'STRUCT(municipality_code VARCHAR, region_code VARCHAR)'})`
}

func openDuck(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), "")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	// One connection, so SET threads and the temp table share a session.
	db.SQL().SetMaxOpenConns(1)
	return db.SQL()
}

// duckRead materialises query into a temp table and returns its rows.
func duckRead(db *sql.DB, query string) (int64, error) {
	if _, err := db.Exec(`CREATE OR REPLACE TEMP TABLE t AS ` + query); err != nil {
		return 0, err
	}
	var n int64
	err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n)
	return n, err
}

// ---------------------------------------------------------------------------
// Benchmarks.

// variant is one way of reading the file with lmi.
type variant struct {
	name string
	read func(string) (int64, error)
}

// compare runs the lmi side (sub-benchmark "lmi", then any more variants)
// and DuckDB's (with its default threads, one a core, and with one thread,
// as lmi's parsers use one goroutine) on the same file. lmi must return
// want (rows, cells or ads), DuckDB duckRows rows; allocations are
// reported per record, records of them in the file. An empty query times
// lmi only.
func compare(b *testing.B, path string, want, records int64, unit string, lmi func(string) (int64, error), query string, duckRows int64, more ...variant) {
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	size := st.Size()
	for _, v := range append([]variant{{"lmi", lmi}}, more...) {
		benchLMI(b, v, path, size, want, records, unit)
	}
	if query == "" {
		return
	}
	db := openDuck(b)
	for _, threads := range []int{runtime.NumCPU(), 1} {
		b.Run(fmt.Sprintf("duckdb-threads=%d", threads), func(b *testing.B) {
			if _, err := db.Exec(fmt.Sprintf("SET threads = %d", threads)); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			for b.Loop() {
				n, err := duckRead(db, query)
				if err != nil {
					b.Fatal(err)
				}
				if n != duckRows {
					b.Fatalf("DuckDB read %d rows, want %d", n, duckRows)
				}
				b.StopTimer()
				if _, err := db.Exec(`DROP TABLE t`); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
	if _, err := db.Exec(fmt.Sprintf("SET threads = %d", runtime.NumCPU())); err != nil {
		b.Fatal(err)
	}
}

func benchLMI(b *testing.B, v variant, path string, size, want, records int64, unit string) {
	b.Run(v.name, func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for b.Loop() {
			n, err := v.read(path)
			if err != nil {
				b.Fatal(err)
			}
			if n != want {
				b.Fatalf("lmi read %d, want %d", n, want)
			}
		}
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(records), "allocs/"+unit)
		b.ReportMetric(float64(records), unit+"s")
	})
}

// BenchmarkPersonsCSV: 500,000 persons x 3 years of fixtures.Generate's
// persons.csv (1.5 million rows, 87 MB).
func BenchmarkPersonsCSV(b *testing.B) {
	path, rows := personsCSV(b, b.TempDir(), 500_000, 3)
	compare(b, path, rows, rows, "row", lmiPersons, personsSQL(path), rows)
}

// BenchmarkSCBCSV: 340 regions x 50 occupations x 9 ages x 2 sexes rows,
// 20 years a row (306,000 rows, 6.1 million cells, 52 MB), UTF-8.
func BenchmarkSCBCSV(b *testing.B) {
	path := filepath.Join(b.TempDir(), "scb.csv")
	rows, cells := scbWideCSV(b, path, 340, 50, 20)
	compare(b, path, cells, rows, "row", lmiSCB, scbSQL(path, 20), rows, variant{"lmi-DecodeFile", lmiSCBFile})
}

// BenchmarkAdsJSONL: 64 MiB of 2 KB job ads (29,367 ads).
func BenchmarkAdsJSONL(b *testing.B) {
	path := filepath.Join(b.TempDir(), "ads.jsonl")
	ads := adsJSONL(b, path, 64<<20)
	compare(b, path, ads, ads, "ad", lmiAds, adsSQL(path), ads, variant{"lmi-stream", lmiAdsStream})
}

// BenchmarkPX: 290 regions x 101 ages x 2 sexes rows, 5 contents x 30
// years a row (8.8 million cells, 52 MB). DuckDB has no PC-Axis reader.
func BenchmarkPX(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.px")
	cells := pcAxis(b, path, 290, 30)
	compare(b, path, cells, cells, "cell", lmiPX, "", 0, variant{"lmi-DecodeFile", lmiPXFile})
}

// sameRecords checks that lmi read want records of path and DuckDB
// wantDuck rows with query ("" for a format DuckDB cannot read).
func sameRecords(t *testing.T, db *sql.DB, name string, lmi func(string) (int64, error), path string, want int64, query string, wantDuck int64) {
	t.Helper()
	if n, err := lmi(path); err != nil || n != want {
		t.Errorf("%s: lmi read %d records (err %v), want %d", name, n, err, want)
	}
	if query == "" {
		return
	}
	if n, err := duckRead(db, query); err != nil || n != wantDuck {
		t.Errorf("%s: DuckDB read %d rows (err %v), want %d", name, n, err, wantDuck)
	}
}

// TestSameRecords checks on small inputs that both sides read every record
// of each generated file, so the benchmarks compare like with like.
func TestSameRecords(t *testing.T) {
	dir := t.TempDir()
	db := openDuck(t)
	persons, rows := personsCSV(t, filepath.Join(dir, "persons"), 2000, 2)
	sameRecords(t, db, "persons", lmiPersons, persons, rows, personsSQL(persons), rows)

	scb := filepath.Join(dir, "scb.csv")
	srows, cells := scbWideCSV(t, scb, 3, 4, 5)
	sameRecords(t, db, "scb", lmiSCB, scb, cells, scbSQL(scb, 5), srows)
	sameRecords(t, db, "scb DecodeFile", lmiSCBFile, scb, cells, "", 0)

	ads := filepath.Join(dir, "ads.jsonl")
	nads := adsJSONL(t, ads, 200<<10)
	sameRecords(t, db, "ads", lmiAds, ads, nads, adsSQL(ads), nads)
	sameRecords(t, db, "ads streamed", lmiAdsStream, ads, nads, "", 0)

	pxf := filepath.Join(dir, "small.px")
	pxCells := pcAxis(t, pxf, 3, 2)
	sameRecords(t, db, "px", lmiPX, pxf, pxCells, "", 0)
	sameRecords(t, db, "px DecodeFile", lmiPXFile, pxf, pxCells, "", 0)

	// The DuckDB side converts what lmi converts: ".." is NULL, the rest
	// numbers; the ad fields are all found.
	var nulls, vals int64
	if _, err := duckRead(db, scbSQL(scb, 5)); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FILTER ("2000" IS NULL), count("2000") FROM t`).Scan(&nulls, &vals); err != nil || nulls+vals != srows || vals == 0 {
		t.Errorf("scb 2000 column: %d nulls, %d values (err %v)", nulls, vals, err)
	}
	if _, err := duckRead(db, adsSQL(ads)); err != nil {
		t.Fatal(err)
	}
	var missing int64
	if err := db.QueryRow(`SELECT count(*) FROM t WHERE kommun IS NULL OR ssyk IS NULL OR lan IS NULL OR number_of_vacancies IS NULL`).Scan(&missing); err != nil || missing != 0 {
		t.Errorf("ads: %d rows with a missing field (err %v)", missing, err)
	}
}
