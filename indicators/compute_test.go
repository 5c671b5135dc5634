package indicators

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/fixtures"
	"lmi/ingest/canonical"
	"lmi/ingest/load"
	"lmi/store"
)

// header is the persons CSV header used by the hand-made cases.
const header = "year,home_kommun,work_kommun,status,ssyk4,edu_group,sex,age,birth_region,n\n"

// handCase is a tiny register with every category of docs/methods.md
// section 2.2. Cell (01, 5-48, men, inrikes) in 2021, by home region:
//
//	A = 5 (2512 is in SSYK 25: helt/ratt)
//	B = 3 (3512: helt/hogre)
//	C = 2 (5223: not in the key)
//	D = 1 (occupation unknown)
//	unemployed 4, and 9 aged 70 outside the band
//	E = A+B+C+unemployed = 14
//
// Cell (01, 3-34, women, inrikes): B = 4 (4112: delvis), unemployed 6,
// so A = 0 and E = 10: its B is just under k = 5.
// One man born abroad (5-48, 2512) lives in 0180 and works in Uppsala
// (0380, län 03).
const handCase = header +
	"2021,0180,0180,employed,2512,5-48,1,30,1,5\n" +
	"2021,0180,0180,employed,3512,5-48,1,30,1,3\n" +
	"2021,0180,0180,employed,5223,5-48,1,30,1,2\n" +
	"2021,0180,0180,employed,,5-48,1,30,1,1\n" +
	"2021,0180,,unemployed,,5-48,1,30,1,4\n" +
	"2021,0180,0180,employed,2512,5-48,1,70,1,9\n" +
	"2021,0180,0180,employed,4112,3-34,2,45,1,4\n" +
	"2021,0180,,unemployed,,3-34,2,45,1,6\n" +
	"2021,0180,0380,employed,2512,5-48,1,30,2,1\n"

func openWith(t *testing.T, csvText string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r, err := canonical.NewCSVReader(canonical.Persons, strings.NewReader(csvText), "test.csv", canonical.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	_, err = db.Load(ctx, "persons", "test", r, func(int64) (store.Source, error) {
		if len(r.Rejects()) > 0 {
			return store.Source{}, r.Rejects()[0]
		}
		return store.Source{File: "test.csv", Format: "csv", RowsRead: r.RowsRead()}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// cell is one output row, with NULLs as nil.
type cell struct {
	value       *float64
	num, den, n *int64
	suppressed  bool
	regionName  string
}

func compute(t *testing.T, db *store.DB, p Params) map[string]cell {
	t.Helper()
	ctx := context.Background()
	s, err := NewSession(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Compute(ctx, p); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Conn().QueryContext(ctx, `SELECT indicator, period, region_level, region, region_name,
		edu_group, sex, birth_region, value, numerator, denominator, n, suppressed FROM `+ResultTable("matching"))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]cell{}
	for rows.Next() {
		var ind, period, level, region, edu, sex, birth string
		var c cell
		var v sql.NullFloat64
		var num, den, n sql.NullInt64
		if err := rows.Scan(&ind, &period, &level, &region, &c.regionName, &edu, &sex, &birth, &v, &num, &den, &n, &c.suppressed); err != nil {
			t.Fatal(err)
		}
		c.value, c.num, c.den, c.n = ptrF(v), ptrI(num), ptrI(den), ptrI(n)
		out[strings.Join([]string{ind, period, level, region, edu, sex, birth}, "|")] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// computeAll runs every family and returns its cells keyed by
// "family|indicator|level|region|dims..." for the latest period.
func computeAll(t *testing.T, db *store.DB, p Params) map[string]cell {
	t.Helper()
	ctx := context.Background()
	s, err := NewSession(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Compute(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]cell{}
	for _, fr := range res.Families {
		dims := "''"
		if len(fr.Dims) > 0 {
			dims = "concat_ws('|', " + strings.Join(fr.Dims, ", ") + ")"
		}
		rows, err := s.Conn().QueryContext(ctx, `SELECT indicator, region_level, region, `+dims+`,
			value, numerator, denominator, n, suppressed FROM `+fr.Table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var ind, level, region, d string
			var c cell
			var v sql.NullFloat64
			var num, den, n sql.NullInt64
			if err := rows.Scan(&ind, &level, &region, &d, &v, &num, &den, &n, &c.suppressed); err != nil {
				t.Fatal(err)
			}
			c.value, c.num, c.den, c.n = ptrF(v), ptrI(num), ptrI(den), ptrI(n)
			out[strings.Join([]string{fr.Family, ind, level, region, d}, "|")] = c
		}
		rows.Close()
	}
	return out
}

// openSynthetic loads a small synthetic register.
func openSynthetic(t *testing.T) *store.DB {
	t.Helper()
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 4000, Years: 2, Seed: 11, Out: dir, Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := load.Persons(t.Context(), db, filepath.Join(dir, "persons.parquet"), load.Options{}); err != nil {
		t.Fatal(err)
	}
	return db
}

func ptrF(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}

func ptrI(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	return &v.Int64
}

func handParams() Params {
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelRiket}
	p.Key = KeySpec{MapFile: filepath.Join("testdata", "matchmap.csv")}
	return p
}

func TestMatchingHandComputed(t *testing.T) {
	db := openWith(t, handCase)
	got := compute(t, db, handParams())

	type want struct {
		key        string
		value      float64 // ignored when suppressed
		num, den   int64   // den -1: no denominator
		suppressed bool
	}
	men := "|2021|lan|01|5-48|1|inrikes"
	women := "|2021|lan|01|3-34|2|inrikes"
	cases := []want{
		{"antal_helt_matchade" + men, 5, 5, -1, false}, // exactly at k: shown
		{"antal_delvis_matchade" + men, 3, 3, -1, true},
		{"antal_inte_matchade" + men, 2, 2, -1, true},
		{"antal_utan_uppgifter" + men, 1, 1, -1, true},
		{"antal_personer" + men, 14, 14, -1, false},
		{"forvarvsgrad" + men, 100.0 * 10 / 14, 10, 14, false},
		{"matchad_forvarvsgrad" + men, 100.0 * 5 / 14, 5, 14, false},
		{"matchningsgap" + men, 100.0 * 5 / 14, 5, 14, false},
		{"matchningsgrad" + men, 50, 5, 10, false},
		{"antal_delvis_matchade" + women, 0, 0, 0, true}, // 4: just under k
		{"antal_helt_matchade" + women, 0, 0, 0, true},
		{"antal_personer" + women, 10, 10, -1, false},
		{"forvarvsgrad" + women, 0, 0, 0, true}, // numerator 4 < k
		{"matchningsgrad" + women, 0, 0, 0, true},
		// Riket equals län 01 here: everyone lives in Stockholm.
		{"antal_personer|2021|riket|00|5-48|1|inrikes", 14, 14, -1, false},
	}
	for _, w := range cases {
		c, ok := got[w.key]
		if !ok {
			t.Errorf("%s: no such cell", w.key)
			continue
		}
		if c.suppressed != w.suppressed {
			t.Errorf("%s: suppressed = %v, want %v", w.key, c.suppressed, w.suppressed)
			continue
		}
		if w.suppressed {
			if c.value != nil || c.num != nil || c.den != nil || c.n != nil {
				t.Errorf("%s: suppressed cell carries numbers", w.key)
			}
			continue
		}
		if c.value == nil || math.Abs(*c.value-w.value) > 1e-9 {
			t.Errorf("%s: value = %v, want %v", w.key, fmtPtr(c.value), w.value)
		}
		if c.num == nil || *c.num != w.num {
			t.Errorf("%s: numerator = %v, want %d", w.key, fmtPtr(c.num), w.num)
		}
		if w.den < 0 && c.den != nil || w.den >= 0 && (c.den == nil || *c.den != w.den) {
			t.Errorf("%s: denominator = %v, want %d", w.key, fmtPtr(c.den), w.den)
		}
	}
	if c := got["antal_personer|2021|lan|01|5-48|1|inrikes"]; c.regionName != "Stockholms län" {
		t.Errorf("region name = %q, want Stockholms län", c.regionName)
	}
}

func fmtPtr[T any](p *T) string {
	if p == nil {
		return "NULL"
	}
	return fmt.Sprint(*p)
}

func TestMatchingWorkplaceBasis(t *testing.T) {
	db := openWith(t, handCase)
	p := handParams()
	p.K = 0
	home := compute(t, db, p)
	p.Basis = Workplace
	work := compute(t, db, p)

	key := "antal_helt_matchade|2021|lan|%s|5-48|1|utrikes"
	count := func(m map[string]cell, lan string) int64 {
		c, ok := m[fmt.Sprintf(key, lan)]
		if !ok || c.num == nil {
			return 0
		}
		return *c.num
	}
	if got := count(home, "01"); got != 1 {
		t.Errorf("home basis, Stockholm A = %d, want 1", got)
	}
	if got := count(home, "03"); got != 0 {
		t.Errorf("home basis, Uppsala A = %d, want 0", got)
	}
	if got := count(work, "01"); got != 0 {
		t.Errorf("workplace basis, Stockholm A = %d, want 0", got)
	}
	if got := count(work, "03"); got != 1 {
		t.Errorf("workplace basis, Uppsala A = %d, want 1", got)
	}
}

func TestMatchingCollapsedDimensionsAndGrouping(t *testing.T) {
	db := openWith(t, handCase)
	p := handParams()
	p.By = []string{DimEdu}
	p.Levels = []codes.Level{codes.LevelKommun}
	g, err := codes.ReadGrouping(strings.NewReader("region,code\nHuvudstaden,0180\nNorr,25\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	p.Groupings = []*codes.Grouping{g}
	got := compute(t, db, p)
	// Men and women collapse: 5-48 has E = 14 + 1 (the Uppsala commuter
	// lives in Stockholm).
	if c := got["antal_personer|2021|test|Huvudstaden|5-48|TOT|TOT"]; c.num == nil || *c.num != 15 {
		t.Errorf("grouping cell E = %v, want 15", fmtPtr(c.num))
	}
	if c := got["antal_personer|2021|kommun|0180|3-34|TOT|TOT"]; c.num == nil || *c.num != 10 {
		t.Errorf("kommun cell E = %v, want 10", fmtPtr(c.num))
	}
}

func TestStatisticalKey(t *testing.T) {
	// 2021, employed 5-48: 18 in 2512, 1 in 2511, 1 in 9111 (20 in all).
	// Threshold 0.1: 2512 (0.90) is helt; 2511 (0.05) falls in SSYK 251
	// with 2512 (0.95), so delvis; 9111 (0.05, SSYK 911 0.05) inte.
	// Modal level of 2511 is 5 (only 5-48 works there), so 5-48 is ratt.
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("2021,0180,0180,employed,2512,5-48,1,30,1,18\n")
	b.WriteString("2021,0180,0180,employed,2511,5-48,1,30,1,1\n")
	b.WriteString("2021,0180,0180,employed,9111,5-48,1,30,1,1\n")
	b.WriteString("2021,0180,0180,employed,9111,2-01,1,30,1,30\n")
	db := openWith(t, b.String())
	p := DefaultParams()
	p.Key = KeySpec{Threshold: 0.1}
	p.Levels = []codes.Level{codes.LevelRiket}
	p.K = 0
	got := compute(t, db, p)
	m := "|2021|riket|00|5-48|1|inrikes"
	for ind, want := range map[string]int64{
		"antal_helt_matchade": 18, "antal_delvis_matchade": 1, "antal_inte_matchade": 1,
	} {
		c := got[ind+m]
		if c.num == nil || *c.num != want {
			t.Errorf("%s = %v, want %d", ind, fmtPtr(c.num), want)
		}
	}
	// 2-01 in 9111 takes all of its group and is the modal level there.
	if c := got["antal_helt_matchade|2021|riket|00|2-01|1|inrikes"]; c.num == nil || *c.num != 30 {
		t.Errorf("2-01 helt = %v, want 30", fmtPtr(c.num))
	}
}

func TestParamsValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Params)
		want string
	}{
		{"no levels", func(p *Params) { p.Levels = nil }, "no regional level"},
		{"basis", func(p *Params) { p.Basis = "office" }, "basis"},
		{"dimension", func(p *Params) { p.By = []string{"ssyk"} }, "dimension"},
		{"age", func(p *Params) { p.Age.Min, p.Age.Max = 65, 20 }, "age band"},
		{"k", func(p *Params) { p.K = -1 }, "suppression k"},
		{"indicator", func(p *Params) { p.Indicators = []string{"nope"} }, "unknown indicator"},
		{"threshold", func(p *Params) { p.Key.Threshold = 1.5 }, "threshold"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := DefaultParams()
			c.edit(&p)
			err := p.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Validate() = %v, want an error about %q", err, c.want)
			}
		})
	}
	p := DefaultParams()
	if err := p.Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}
