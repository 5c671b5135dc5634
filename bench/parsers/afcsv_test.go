package parsers

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"lmi/codes"
	"lmi/fixtures"
	"lmi/ingest/af/assess"
	"lmi/ingest/af/stats"
	"lmi/ingest/canonical"
)

// ---------------------------------------------------------------------------
// AF's CSV files, generated in the layouts of the real ones under
// ../shared/data/af (which are tens to hundreds of KB; the statistics
// sheet, generated here at 10 MB, is the largest).

// xorshift is the generators' pseudo-random sequence.
type xorshift uint32

func (x *xorshift) next() uint32 {
	*x ^= *x << 13
	*x ^= *x >> 17
	*x ^= *x << 5
	return uint32(*x)
}

func create(tb testing.TB, path string) (*os.File, *bufio.Writer) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	return f, bufio.NewWriterSize(f, 1<<20)
}

// bristindexCSV writes a 1-year bristindex file by län
// (bristindex_2018h_1ar_lan.csv): occupations x 21 län, one row in 40 not
// assessed ("-"). It returns the rows.
func bristindexCSV(tb testing.TB, path string, occupations int) (rows int64) {
	f, w := create(tb, path)
	labels := map[int]string{}
	for l, c := range assess.BristindexClasses {
		labels[c] = l
	}
	ssyk := codes.SSYK(4)
	x := xorshift(7)
	w.WriteString("Län,Yrkesområde,SSYK,Prognosyrke,index_18H_1ar,klartext_18H_1ar,klass_18H_1ar,antal_kommuner_18H_1ar,korrigerat_fran\n")
	for _, l := range codes.Lan() {
		for o := 0; o < occupations; o++ {
			r := x.next()
			fmt.Fprintf(w, `%s %s,"Administration, ekonomi och juridik",%s,Prognosyrke %d,`, l.Code, l.Name, ssyk[o%len(ssyk)].Code, o)
			if r%40 == 0 {
				w.WriteString("-,-,-,20,\n")
			} else {
				v := 1 + float64(r%400000)/100000
				c := assess.BristindexClass(v)
				fmt.Fprintf(w, "%g,%s,%d,20,", v, labels[c], c)
				if r%7 == 0 {
					fmt.Fprintf(w, "%g", v+0.01)
				}
				w.WriteString("\n")
			}
			rows++
		}
	}
	closeFile(tb, w, f)
	return rows
}

// prognosCSV writes a yrkesprognos v3 bedömning file
// (yrkesprognos_v3_bedomning.csv): BOM, semicolons, decimal commas,
// occupations x 61 regions (0 riket, the 60 FA regions), the riket row
// with every column, the FA rows with the six pil columns and the index,
// and three empty trailing columns. It returns the rows and the non-empty
// cells (ReadPrognosCSV's assessments).
func prognosCSV(tb testing.TB, path string, occupations int) (rows, cells int64) {
	f, w := create(tb, path)
	w.WriteString("\ufeffconceptidprognosyrke;fa15nr;bedömning24;bedömning26;yrkesverksamma_antal;andel_kvinnor;andel_män;special;tillträde;pension;efterfråga;" +
		"pil_2022_tilltr;pil_2026_tilltr;pil_2022_pension;pil_2026_pension;pil_2022_efterfråga;pil_2026_efterfråga;index;svårare_fa15nr;lättare_fa15nr;U;V;W\n")
	x := xorshift(11)
	dec := func() string { r := x.next() % 200; return fmt.Sprintf("%d,%02d", r/100, r%100) }
	for o := 0; o < occupations; o++ {
		occ := fmt.Sprintf("Pr%02d_%03d_xyz", o%100, o)
		for fa := 0; fa <= 60; fa++ {
			fmt.Fprintf(w, "%s;%d;", occ, fa)
			if fa == 0 {
				fmt.Fprintf(w, "%d;%d;%d;%d;%d;%d;%d;%d;%d;", 1+x.next()%3, 1+x.next()%3, 1000+x.next()%50000, 56, 44, 4, 3, 3, 3)
				cells += 9
			} else {
				w.WriteString(";;;;;;;;;")
			}
			for i := 0; i < 6; i++ {
				w.WriteString(dec() + ";")
			}
			cells += 6
			if fa > 0 {
				fmt.Fprintf(w, "%d;", x.next()%6)
				cells++
				if fa%10 == 0 {
					fmt.Fprintf(w, "%d;%d;;;\n", fa-1, fa-2)
					cells += 2
				} else {
					w.WriteString(";;;;\n")
				}
			} else {
				w.WriteString(";;;;;\n")
			}
			rows++
		}
	}
	closeFile(tb, w, f)
	return rows, cells
}

// historikCSV writes a yrkesprognos v3 historik file
// (yrkesprognos_v3_historik.csv): occupations x the years 2015-2030, the
// three counts for 2015-2024 and their forecasts for 2025-2030. It
// returns the rows and the values (ReadPrognosHistorikCSV's points).
func historikCSV(tb testing.TB, path string, occupations int) (rows, points int64) {
	f, w := create(tb, path)
	w.WriteString("\ufeffar;antalEFT;antalPEN;antalTILL;antalEFTprognos;antalTILLprognos;antalPENprognos;conceptidprognosyrke\n")
	x := xorshift(13)
	dec := func() string { r := 50 + x.next()%150; return fmt.Sprintf("%d,%02d", r/100, r%100) }
	for o := 0; o < occupations; o++ {
		occ := fmt.Sprintf("Pr%02d_%03d_xyz", o%100, o)
		for y := 2015; y <= 2030; y++ {
			if y <= 2024 {
				fmt.Fprintf(w, "%d;%s;%s;%s;;;;%s\n", y, dec(), dec(), dec(), occ)
			} else {
				fmt.Fprintf(w, "%d;;;;%s;%s;%s;%s\n", y, dec(), dec(), dec(), occ)
			}
			rows++
			points += 3
		}
	}
	closeFile(tb, w, f)
	return rows, points
}

// varselCSV writes varsel per month and län in the layout Region Dalarna
// publishes for one län (af_varsel_manad_dalarna_1992_2024.csv), for all
// 21 län, 1992-2024. It returns the rows.
func varselCSV(tb testing.TB, path string) (rows int64) {
	f, w := create(tb, path)
	w.WriteString("tid,region,antal,ar,manad,manad_long,ar_manad,manad_ar,manad_ar_long\n")
	short := []string{"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
	long := []string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}
	x := xorshift(17)
	for _, l := range codes.Lan() {
		for y := 1992; y <= 2024; y++ {
			for m := 0; m < 12; m++ {
				fmt.Fprintf(w, "%d-%02d,%s,%d,%d,%s,%s,%d - %s,%s %d,%s %d\n", y, m+1, l.Name, x.next()%2000, y, short[m], long[m], y, short[m], short[m], y, long[m], y)
				rows++
			}
		}
	}
	closeFile(tb, w, f)
	return rows
}

// statsCSV writes the long statistics sheet of af's BenchmarkStatsCSV:
// two title lines and a blank one, a header, then months x 290 kommuner
// x (40 SSYK and a Totalt row), "<5" below five. It returns the data rows
// and the detail (non-total) rows.
func statsCSV(tb testing.TB, path string, months int) (rows, details int64) {
	f, w := create(tb, path)
	w.WriteString("Inskrivna arbetslösa efter kommun och yrke, 2024\nKälla: Arbetsförmedlingen\n\nMånad;Kommun;Yrke (SSYK 4);Antal\n")
	ssyk := codes.SSYK(4)[:40]
	for m := 1; m <= months; m++ {
		for _, k := range codes.Kommuner() {
			tot := 0
			for i, s := range ssyk {
				n := (m*31 + i*7 + len(k.Name)) % 300
				tot += n
				if n < 5 {
					fmt.Fprintf(w, "2024-%02d;%s %s;%s %s;<5\n", m, k.Code, k.Name, s.Code, s.Name)
				} else {
					fmt.Fprintf(w, "2024-%02d;%s %s;%s %s;%d\n", m, k.Code, k.Name, s.Code, s.Name, n)
				}
				details++
			}
			fmt.Fprintf(w, "2024-%02d;%s %s;Totalt;%d\n", m, k.Code, k.Name, tot)
		}
	}
	closeFile(tb, w, f)
	return details + details/40, details
}

// afRead opens path and returns what read counts in it.
func afRead(read func(f *os.File, name string) (int, error)) func(string) (int64, error) {
	return func(path string) (int64, error) {
		f, err := os.Open(path)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		n, err := read(f, filepath.Base(path))
		return int64(n), err
	}
}

var (
	lmiBristindex = afRead(func(f *os.File, name string) (int, error) {
		s, err := assess.ReadBristindexCSV(f, name, assess.BristindexOptions{})
		if err != nil {
			return 0, err
		}
		return len(s.Assessments), nil
	})
	// ReadPrognosCSV returns the file's wide table, as DuckDB does; the
	// count is of its non-empty values, the assessments they give.
	lmiPrognos = afRead(func(f *os.File, name string) (int, error) {
		p, err := assess.ReadPrognosCSV(f, name, assess.PrognosOptions{})
		if err != nil {
			return 0, err
		}
		n := 0
		for _, r := range p.Rows {
			for _, v := range r.Values {
				if !math.IsNaN(v) {
					n++
				}
			}
		}
		return n, nil
	})
	lmiHistorik = afRead(func(f *os.File, name string) (int, error) {
		h, err := assess.ReadPrognosHistorikCSV(f, name, nil)
		if err != nil {
			return 0, err
		}
		return len(h.Points), nil
	})
	lmiVarsel = afRead(func(f *os.File, name string) (int, error) {
		cs, err := stats.ReadVarselCSV(f, name)
		return len(cs), err
	})
	lmiStats = afRead(func(f *os.File, name string) (int, error) {
		res, err := stats.ReadStatsCSV(f, name, stats.StatsOptions{Category: "inskrivna arbetslösa", CheckTotals: true})
		if err != nil {
			return 0, err
		}
		return len(res.Counts) + res.Totals, nil
	})
)

// The DuckDB side reads each file in its layout, every column typed as
// lmi reads it (codes and labels VARCHAR: DuckDB does not check them).

func bristindexSQL(path string) string {
	return `SELECT * FROM read_csv(` + sqlQuote(path) + `, header = true, delim = ',', quote = '"', nullstr = ['-', ''], auto_detect = false,
		columns = {'Län': 'VARCHAR', 'Yrkesområde': 'VARCHAR', 'SSYK': 'VARCHAR', 'Prognosyrke': 'VARCHAR', 'index_18H_1ar': 'DOUBLE',
		'klartext_18H_1ar': 'VARCHAR', 'klass_18H_1ar': 'SMALLINT', 'antal_kommuner_18H_1ar': 'SMALLINT', 'korrigerat_fran': 'DOUBLE'})`
}

func prognosSQL(path string) string {
	return `SELECT * FROM read_csv(` + sqlQuote(path) + `, header = true, delim = ';', decimal_separator = ',', auto_detect = false,
		columns = {'conceptidprognosyrke': 'VARCHAR', 'fa15nr': 'SMALLINT', 'bedömning24': 'SMALLINT', 'bedömning26': 'SMALLINT',
		'yrkesverksamma_antal': 'INTEGER', 'andel_kvinnor': 'SMALLINT', 'andel_män': 'SMALLINT', 'special': 'SMALLINT',
		'tillträde': 'SMALLINT', 'pension': 'SMALLINT', 'efterfråga': 'SMALLINT',
		'pil_2022_tilltr': 'DOUBLE', 'pil_2026_tilltr': 'DOUBLE', 'pil_2022_pension': 'DOUBLE', 'pil_2026_pension': 'DOUBLE',
		'pil_2022_efterfråga': 'DOUBLE', 'pil_2026_efterfråga': 'DOUBLE', 'index': 'SMALLINT',
		'svårare_fa15nr': 'SMALLINT', 'lättare_fa15nr': 'SMALLINT', 'U': 'VARCHAR', 'V': 'VARCHAR', 'W': 'VARCHAR'})`
}

func historikSQL(path string) string {
	return `SELECT * FROM read_csv(` + sqlQuote(path) + `, header = true, delim = ';', decimal_separator = ',', auto_detect = false,
		columns = {'ar': 'SMALLINT', 'antalEFT': 'DOUBLE', 'antalPEN': 'DOUBLE', 'antalTILL': 'DOUBLE', 'antalEFTprognos': 'DOUBLE',
		'antalTILLprognos': 'DOUBLE', 'antalPENprognos': 'DOUBLE', 'conceptidprognosyrke': 'VARCHAR'})`
}

func varselSQL(path string) string {
	return `SELECT * FROM read_csv(` + sqlQuote(path) + `, header = true, delim = ',', auto_detect = false,
		columns = {'tid': 'VARCHAR', 'region': 'VARCHAR', 'antal': 'INTEGER', 'ar': 'SMALLINT', 'manad': 'VARCHAR', 'manad_long': 'VARCHAR',
		'ar_manad': 'VARCHAR', 'manad_ar': 'VARCHAR', 'manad_ar_long': 'VARCHAR'})`
}

// statsSQL skips the title lines; "<5" is NULL (lmi keeps it as
// censored).
func statsSQL(path string) string {
	return `SELECT * FROM read_csv(` + sqlQuote(path) + `, skip = 3, header = true, delim = ';', nullstr = '<5', auto_detect = false,
		columns = {'Månad': 'VARCHAR', 'Kommun': 'VARCHAR', 'Yrke (SSYK 4)': 'VARCHAR', 'Antal': 'INTEGER'})`
}

// BenchmarkBristindexCSV: 190 occupations x 21 län (3,990 rows, 450 KB;
// the real file is 411 KB).
func BenchmarkBristindexCSV(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bristindex.csv")
	rows := bristindexCSV(b, path, 190)
	compare(b, path, rows, rows, "row", lmiBristindex, bristindexSQL(path), rows)
}

// BenchmarkPrognosCSV: 174 occupations x 61 regions (10,614 rows, about
// 650 KB, the real file's size).
func BenchmarkPrognosCSV(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bedomning.csv")
	rows, cells := prognosCSV(b, path, 174)
	compare(b, path, cells, rows, "row", lmiPrognos, prognosSQL(path), rows)
}

// BenchmarkPrognosHistorikCSV: 130 occupations x 16 years (2,080 rows,
// 75 KB, the real file's size).
func BenchmarkPrognosHistorikCSV(b *testing.B) {
	path := filepath.Join(b.TempDir(), "historik.csv")
	rows, points := historikCSV(b, path, 130)
	compare(b, path, points, rows, "row", lmiHistorik, historikSQL(path), rows)
}

// BenchmarkVarselCSV: 21 län x 396 months (8,316 rows, 640 KB; the real
// file is one län, 26 KB).
func BenchmarkVarselCSV(b *testing.B) {
	path := filepath.Join(b.TempDir(), "varsel.csv")
	rows := varselCSV(b, path)
	compare(b, path, rows, rows, "row", lmiVarsel, varselSQL(path), rows)
}

// BenchmarkStatsCSV: 12 months x 290 kommuner x 41 rows (142,680 rows,
// 10 MB).
func BenchmarkStatsCSV(b *testing.B) {
	path := filepath.Join(b.TempDir(), "stats.csv")
	rows, _ := statsCSV(b, path, 12)
	compare(b, path, rows, rows, "row", lmiStats, statsSQL(path), rows)
}

// ---------------------------------------------------------------------------
// Persons as Parquet: fixtures.Generate's persons.parquet read by
// canonical.Open and by DuckDB's read_parquet.

func personsParquet(tb testing.TB, dir string, persons, years int) (string, int64) {
	tb.Helper()
	sum, err := fixtures.Generate(fixtures.Config{Persons: persons, Years: years, Seed: 1, Out: dir, Formats: []string{fixtures.FormatParquet}})
	if err != nil {
		tb.Fatal(err)
	}
	return filepath.Join(dir, "persons.parquet"), sum.PersonRows
}

func lmiPersonsParquet(path string) (int64, error) {
	r, err := canonical.Open(canonical.Persons, path, canonical.Parquet, canonical.Options{})
	if err != nil {
		return 0, err
	}
	return drain(r)
}

func parquetSQL(path string) string { return `SELECT * FROM read_parquet(` + sqlQuote(path) + `)` }

// BenchmarkPersonsParquet: the persons of BenchmarkPersonsCSV (500,000 x
// 3 years) as Parquet.
func BenchmarkPersonsParquet(b *testing.B) {
	path, rows := personsParquet(b, b.TempDir(), 500_000, 3)
	compare(b, path, rows, rows, "row", lmiPersonsParquet, parquetSQL(path), rows)
}

// TestSameRecordsAF is TestSameRecords for AF's CSV files and the Parquet
// persons.
func TestSameRecordsAF(t *testing.T) {
	dir := t.TempDir()
	db := openDuck(t)
	// nonNull checks that DuckDB converted every value of a column that
	// lmi reads as a number (the generators write none empty).
	nonNull := func(name, col string, want int64) {
		t.Helper()
		var n int64
		if err := db.QueryRow(`SELECT count(` + col + `) FROM t`).Scan(&n); err != nil || n != want {
			t.Errorf("%s: %d values in %s (err %v), want %d", name, n, col, err, want)
		}
	}
	p := filepath.Join(dir, "b.csv")
	rows := bristindexCSV(t, p, 20)
	sameRecords(t, db, "bristindex", lmiBristindex, p, rows, bristindexSQL(p), rows)
	var assessed int64
	if err := db.QueryRow(`SELECT count(*) FROM t WHERE klartext_18H_1ar IS NOT NULL`).Scan(&assessed); err != nil || assessed == 0 || assessed == rows {
		t.Errorf("bristindex: %d of %d assessed (err %v)", assessed, rows, err)
	}
	nonNull("bristindex", "index_18H_1ar", assessed)
	nonNull("bristindex", "klass_18H_1ar", assessed)

	p = filepath.Join(dir, "p.csv")
	rows, cells := prognosCSV(t, p, 5)
	sameRecords(t, db, "prognos", lmiPrognos, p, cells, prognosSQL(p), rows)
	nonNull("prognos", "pil_2026_efterfråga", rows)
	nonNull("prognos", "conceptidprognosyrke", rows)
	nonNull("prognos", `"index"`, rows-rows/61)

	p = filepath.Join(dir, "h.csv")
	rows, points := historikCSV(t, p, 5)
	sameRecords(t, db, "historik", lmiHistorik, p, points, historikSQL(p), rows)
	nonNull("historik", "antalEFT", rows*10/16)
	nonNull("historik", "antalPENprognos", rows*6/16)
	nonNull("historik", "ar", rows)

	p = filepath.Join(dir, "v.csv")
	rows = varselCSV(t, p)
	sameRecords(t, db, "varsel", lmiVarsel, p, rows, varselSQL(p), rows)
	nonNull("varsel", "antal", rows)

	p = filepath.Join(dir, "s.csv")
	rows, details := statsCSV(t, p, 1)
	sameRecords(t, db, "stats", lmiStats, p, rows, statsSQL(p), rows)
	var censored int64
	if err := db.QueryRow(`SELECT count(*) FILTER (Antal IS NULL) FROM t`).Scan(&censored); err != nil || censored == 0 {
		t.Errorf("stats: %d censored (err %v)", censored, err)
	}
	nonNull("stats", "Antal", rows-censored)
	_ = details

	pq, prows := personsParquet(t, filepath.Join(dir, "pq"), 2000, 2)
	sameRecords(t, db, "persons parquet", lmiPersonsParquet, pq, prows, parquetSQL(pq), prows)
}
