package forecast

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/fixtures"
	"lmi/indicators"
	"lmi/ingest/canonical"
	"lmi/ingest/load"
	"lmi/store"
)

// loadCSV loads a canonical table from CSV text.
func loadCSV(t *testing.T, db *store.DB, table *canonical.Table, name, text string) {
	t.Helper()
	r, err := canonical.NewCSVReader(table, strings.NewReader(text), name, canonical.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	_, err = db.Load(t.Context(), table.Name, name, r, func(int64) (store.Source, error) {
		if len(r.Rejects()) > 0 {
			return store.Source{}, r.Rejects()[0]
		}
		return store.Source{File: name, Format: "csv", RowsRead: r.RowsRead()}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, db *store.DB, p Params) *Result {
	t.Helper()
	s, err := indicators.NewSession(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := Compute(t.Context(), s, p)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func find(rows []Row, region, ssyk string, h int) *Row {
	for i := range rows {
		r := &rows[i]
		if r.Region == region && r.SSYK == ssyk && r.H == h {
			return r
		}
	}
	return nil
}

// The hand case: one kommun (0180, Stockholms län), no person panel
// (weighted cells), constant employment 2020-2024:
//
//	2512: 8 aged 30 with education 5-48 and 2 aged 64 (edu 3-34)
//	5321: 20 aged 40 (edu 3-34)
//
// No panel, so the default exit profile: 0.005 a year at 30 and 40,
// 0.15 at 64 and 0.45 at 65. Replacement in 2512 within one year is
// 8 x 0.005 + 2 x 0.15 = 0.34; within two years
// 8 x (1 - 0.995^2) + 2 x (1 - 0.85 x 0.55) = 0.0798 + 1.065 = 1.1448.
// Constant series: naive, no expansion. Graduates with 5-48 in län 01
// were 3 a year in 2022-2024, and the only employed under 35 with 5-48
// work in 2512 (entry share 1): entrants 3 a year into 2512. Job seekers
// for 2512: 2 a month in 2024. Supply after one year 3 + 2 = 5, balance
// (5 - 0.34) / 0.34. 5321 has no entrants and no job seekers: balance -1,
// clear shortage, and with no uncertainty a shortage probability of 1.
func TestHandCase(t *testing.T) {
	var persons strings.Builder
	persons.WriteString("year,home_kommun,work_kommun,status,ssyk4,edu_group,sex,age,birth_region,n\n")
	for y := 2020; y <= 2024; y++ {
		fmt.Fprintf(&persons, "%d,0180,0180,employed,2512,5-48,1,30,1,8\n", y)
		fmt.Fprintf(&persons, "%d,0180,0180,employed,2512,3-34,1,64,1,2\n", y)
		fmt.Fprintf(&persons, "%d,0180,0180,employed,5321,3-34,2,40,1,20\n", y)
	}
	var seekers strings.Builder
	seekers.WriteString("period,region,ssyk4,category,n\n")
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&seekers, "2024-%02d,01,2512,openly_unemployed,2\n", m)
		fmt.Fprintf(&seekers, "2023-%02d,01,5321,openly_unemployed,50\n", m) // not the origin year
	}
	grads := "year,region,edu_group,n\n2021,01,5-48,30\n2022,01,5-48,3\n2023,01,5-48,3\n2024,01,5-48,3\n"

	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loadCSV(t, db, canonical.Persons, "persons.csv", persons.String())
	loadCSV(t, db, canonical.Jobseekers, "jobseekers.csv", seekers.String())
	loadCSV(t, db, canonical.Graduates, "graduates.csv", grads)

	p := DefaultParams()
	p.Horizon = 2
	res := run(t, db, p)
	if res.Origin != 2024 || res.Panel {
		t.Fatalf("origin %d panel %v, want 2024 and no panel", res.Origin, res.Panel)
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	r1 := find(res.Rows, "01", "2512", 1)
	r2 := find(res.Rows, "01", "2512", 2)
	if r1 == nil || r2 == nil {
		t.Fatal("no 01/2512 rows")
	}
	near("employment", r1.Employment, 10)
	near("expansion", r1.Expansion, 0)
	near("replacement h1", r1.Replacement, 0.34)
	near("replacement h2", r2.Replacement, 8*(1-0.995*0.995)+2*(1-0.85*0.55))
	near("entrants h1", r1.Entrants, 3)
	near("entrants h2", r2.Entrants, 6)
	near("jobseekers", r1.Jobseekers, 2)
	near("supply h1", r1.Supply, 5)
	near("balance h1", r1.Balance, (5-0.34)/0.34)
	if r1.Class != 1 || r1.Model != "naive" {
		t.Errorf("class %d model %q, want 1 and naive", r1.Class, r1.Model)
	}
	c := find(res.Rows, "01", "5321", 1)
	near("5321 balance", c.Balance, -1)
	near("5321 shortage probability", c.PShortage, 1)
	if c.Class != 5 {
		t.Errorf("5321 class %d, want 5", c.Class)
	}
	// The SSYK 3 row and the level's total are sums.
	s3 := find(res.Rows, "01", "251", 1)
	tot := find(res.Rows, indicators.AllRegions, "2512", 1)
	for _, r := range []*Row{s3, tot} {
		if r == nil || r.Employment != r1.Employment || r.Replacement != r1.Replacement || r.Supply != r1.Supply {
			t.Errorf("sum row %+v, want the 01/2512 numbers", r)
		}
	}
}

// synthetic is a register with a known future: 12 years of a panel that
// lived through 8 burn-in years, with occupation trends.
func synthetic(t *testing.T) *store.DB {
	t.Helper()
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 400_000, Years: 12, BurnIn: 8, Seed: 7, Out: dir, Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, f := range []string{"persons", "jobseekers"} {
		if _, err := load.File(t.Context(), db, filepath.Join(dir, f+".parquet"), load.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// actual employment by län (workplace) and SSYK 4, and riket ("*").
func actual(t *testing.T, db *store.DB) map[string]float64 {
	t.Helper()
	rows, err := db.SQL().QueryContext(t.Context(), `
		WITH c AS (
			SELECT left(CAST(work_kommun AS VARCHAR), 2) AS region, CAST(ssyk4 AS VARCHAR) AS ssyk, year, sum(n) AS n
			FROM persons WHERE status = 'employed' AND ssyk4 IS NOT NULL GROUP BY ALL)
		SELECT * FROM c UNION ALL SELECT '*', ssyk, year, sum(n) FROM c GROUP BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]float64{}
	for rows.Next() {
		var region, ssyk string
		var year int
		var n float64
		if err := rows.Scan(&region, &ssyk, &year, &n); err != nil {
			t.Fatal(err)
		}
		m[fmt.Sprint(region, "/", ssyk, "/", year)] = n
	}
	return m
}

// score is the accuracy of a forecast's SSYK 4 rows against what came.
type score struct{ model, naive, covered, n float64 }

func (s score) mase() float64  { return s.model / s.n }
func (s score) ratio() float64 { return s.model / s.naive }
func (s score) cover() float64 { return s.covered / s.n }

// scoreRows scores regional and national SSYK 4 rows: MASE (errors over
// the mean absolute yearly change up to the origin), naive's, coverage.
func scoreRows(rows []Row, act map[string]float64, origin, first int) (regional, national score) {
	for _, r := range rows {
		if r.SSYKLevel != 4 {
			continue
		}
		var sc float64
		for y := first + 1; y <= origin; y++ {
			sc += math.Abs(act[fmt.Sprint(r.Region, "/", r.SSYK, "/", y)] - act[fmt.Sprint(r.Region, "/", r.SSYK, "/", y-1)])
		}
		sc /= float64(origin - first)
		if sc == 0 {
			continue
		}
		y := act[fmt.Sprint(r.Region, "/", r.SSYK, "/", origin+r.H)]
		s := &regional
		if r.Region == indicators.AllRegions {
			s = &national
		}
		s.model += math.Abs(y-r.Employment) / sc
		s.naive += math.Abs(y-r.Employed) / sc
		if y >= r.Lower && y <= r.Upper {
			s.covered++
		}
		s.n++
	}
	return regional, national
}

// TestKnownFuture fits on 8 years and checks the next 4 against what the
// generator went on to produce: the published forecasts beat naive on
// MASE (regions and the national total), the 80% intervals cover the
// outcomes at 80% within 0.07, and lmi's choices (models per size group,
// regions reconciled to the total) do better than choosing per series
// and summing the regions.
func TestKnownFuture(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 400,000-person panel")
	}
	db := synthetic(t)
	act := actual(t, db)
	p := DefaultParams()
	p.Origin, p.Horizon, p.K = 2022, 4, 0
	res := run(t, db, p)
	regional, national := scoreRows(res.Rows, act, 2022, 2015)
	for _, c := range []struct {
		name string
		s    score
	}{{"regions", regional}, {"national", national}} {
		t.Logf("%s: %v forecasts, MASE %.3f vs naive %.3f (ratio %.3f), 80%% coverage %.3f",
			c.name, c.s.n, c.s.mase(), c.s.naive/c.s.n, c.s.ratio(), c.s.cover())
		if c.s.ratio() >= 1 {
			t.Errorf("%s: MASE %.3f does not beat naive %.3f", c.name, c.s.mase(), c.s.naive/c.s.n)
		}
		if math.Abs(c.s.cover()-0.8) > 0.07 {
			t.Errorf("%s: 80%% intervals cover %.3f", c.name, c.s.cover())
		}
	}
	for _, v := range []struct {
		name string
		set  func(*Params)
	}{
		{"per-series selection", func(p *Params) { p.PerSeries = true }},
		{"bottom-up", func(p *Params) { p.BottomUp = true }},
	} {
		q := p
		v.set(&q)
		reg, nat := scoreRows(run(t, db, q).Rows, act, 2022, 2015)
		t.Logf("%s: MASE ratio to naive %.3f regions, %.3f national; coverage %.3f, %.3f",
			v.name, reg.ratio(), nat.ratio(), reg.cover(), nat.cover())
		if reg.ratio() <= regional.ratio() && nat.ratio() <= national.ratio() {
			t.Errorf("%s does as well as lmi's default: the default's choices are not earning their keep", v.name)
		}
	}

	// No fit sees the years after the origin: the same forecast from a
	// store cut at the origin is identical.
	if _, err := db.SQL().ExecContext(t.Context(), "DELETE FROM persons WHERE year > 2022; DELETE FROM jobseekers WHERE period > '2022-12'"); err != nil {
		t.Fatal(err)
	}
	cut := run(t, db, p)
	if a, b := fmt.Sprint(res.Rows), fmt.Sprint(cut.Rows); a != b {
		t.Error("the forecast from 2022 changed when the years after 2022 were removed: some fit saw the future")
	}

	// Every level adds up: the total rows are the sums of the regions'.
	sums := map[string]*Components{}
	for i := range res.Rows {
		r := &res.Rows[i]
		if r.Region == indicators.AllRegions || r.SSYKLevel != 4 {
			continue
		}
		k := fmt.Sprint(r.SSYK, "/", r.H)
		if sums[k] == nil {
			sums[k] = &Components{}
		}
		sums[k].Employment += r.Employment
		sums[k].Openings += r.Openings
		sums[k].Supply += r.Supply
	}
	for _, r := range res.Rows {
		if r.Region != indicators.AllRegions || r.SSYKLevel != 4 {
			continue
		}
		s := sums[fmt.Sprint(r.SSYK, "/", r.H)]
		for _, c := range [][2]float64{{s.Employment, r.Employment}, {s.Openings, r.Openings}, {s.Supply, r.Supply}} {
			if math.Abs(c[0]-c[1]) > 1e-6*math.Max(1, math.Abs(c[1])) {
				t.Fatalf("%s h%d: regions sum to %v, total %v", r.SSYK, r.H, c[0], c[1])
			}
		}
	}
}

// TestWriteDeterministic writes the same forecast twice, also with FA and
// a grouping, and compares the bytes.
func TestWriteDeterministic(t *testing.T) {
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 20_000, Years: 6, Seed: 3, Out: dir, Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range []string{"persons", "jobseekers"} {
		if _, err := load.File(t.Context(), db, filepath.Join(dir, f+".parquet"), load.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelFA}
	var outs [2]string
	for i := range outs {
		outs[i] = filepath.Join(dir, fmt.Sprint("out", i))
		writeForecast(t.Context(), t, db, p, outs[i])
	}
	for _, f := range []string{FileForecast, FileShortage, FileSelection} {
		for _, ext := range []string{".csv", ".parquet"} {
			a, err := os.ReadFile(filepath.Join(outs[0], f+ext))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(outs[1], f+ext))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s%s differs between two runs", f, ext)
			}
		}
	}
	csv, err := os.ReadFile(filepath.Join(outs[0], FileShortage+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(csv), "region_level,region,region_name,rank,ssyk,occupation,") || !strings.Contains(string(csv), "\nfa,") {
		t.Errorf("shortage list:\n%.300s", csv)
	}
}

func writeForecast(ctx context.Context, t *testing.T, db *store.DB, p Params, dir string) {
	t.Helper()
	s, err := indicators.NewSession(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := Compute(ctx, s, p)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := res.Tables(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		for _, ext := range []string{".parquet", ".csv"} {
			if _, err := store.Export(ctx, s.Conn(), tb.Query, filepath.Join(dir, tb.Name+ext)); err != nil {
				t.Fatal(err)
			}
		}
	}
}
