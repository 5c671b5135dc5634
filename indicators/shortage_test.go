package indicators

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/fixtures"
	"lmi/ingest/canonical"
	"lmi/ingest/load"
	"lmi/session"
	"lmi/store"
)

// shortageCase is a tiny economy over 2020-2022 in Stockholms län (01,
// everyone in 0180) and Uppsala län (03, everyone in 0380), with three
// occupations: A = 2512 (education 5-48), B = 5223 and C = 4112 (both
// 3-34). The employed (all at one age per line):
//
//	        A in 01        B in 01         A in 03       B in 03        C in 03
//	2020  40@30 10@62   90@40 10@61    20@30 6@62    50@40 5@61     10@45
//	2021  45@30 15@62   88@40 12@61    22@30 6@62    50@40 6@61     10@45
//	2022  50@30 16@62   84@40 11@61    24@30 7@62    52@40 6@61     10@45
//
// Flows by län, two months a year (January, February):
//
//	job seekers    A 01    B 01    A 03   B 03     vacancies   A 01   B 01   A 03   B 03
//	2020          10 14   30 30    6 6   20 20                  6 6  10 10    5 5    8 8
//	2021           8 10   30 34    5 7   20 20                  9 9    8 8    6 6    8 8
//	2022           6  6   36 36    2 2   22 22                 12 12   9 9    7 7    8 8
//
// so in 2022 A has 2 job seekers a month in 03, below k = 5. Graduates in
// 01 only: 5-48 8, 10, 12 and 3-34 20 a year. The key matches 5-48 with
// 2512 and 2511 (nobody employed there) and 3-34 with 5223 and 4112, so
// every 5-48 graduate goes to A and the 3-34 graduates split B : C as
// their employed nationally (B 155, 156, 153 against C's 10).
func shortageCase(t *testing.T) (*store.DB, string) {
	t.Helper()
	var b strings.Builder
	b.WriteString(header)
	add := func(year int, kommun, ssyk, edu string, age, n int) {
		fmt.Fprintf(&b, "%d,%s,%s,employed,%s,%s,1,%d,1,%d\n", year, kommun, kommun, ssyk, edu, age, n)
	}
	for i, y := range []int{2020, 2021, 2022} {
		add(y, "0180", "2512", "5-48", 30, []int{40, 45, 50}[i])
		add(y, "0180", "2512", "5-48", 62, []int{10, 15, 16}[i])
		add(y, "0180", "5223", "3-34", 40, []int{90, 88, 84}[i])
		add(y, "0180", "5223", "3-34", 61, []int{10, 12, 11}[i])
		add(y, "0380", "2512", "5-48", 30, []int{20, 22, 24}[i])
		add(y, "0380", "2512", "5-48", 62, []int{6, 6, 7}[i])
		add(y, "0380", "5223", "3-34", 40, []int{50, 50, 52}[i])
		add(y, "0380", "5223", "3-34", 61, []int{5, 6, 6}[i])
		add(y, "0380", "4112", "3-34", 45, 10)
	}
	db := openWith(t, b.String())
	flows := func(table *canonical.Table, head string, cells map[string][6]int) {
		var f strings.Builder
		f.WriteString(head)
		for _, key := range []string{"01,2512", "01,5223", "03,2512", "03,5223"} {
			region, ssyk, _ := strings.Cut(key, ",")
			for i, n := range cells[key] {
				cat := ""
				if table == canonical.Jobseekers {
					cat = ",openly_unemployed"
				}
				fmt.Fprintf(&f, "%d-%02d,%s,%s%s,%d\n", 2020+i/2, 1+i%2, region, ssyk, cat, n)
			}
		}
		loadCSV(t, db, table, f.String())
	}
	flows(canonical.Jobseekers, "period,region,ssyk4,category,n\n", map[string][6]int{
		"01,2512": {10, 14, 8, 10, 6, 6}, "01,5223": {30, 30, 30, 34, 36, 36},
		"03,2512": {6, 6, 5, 7, 2, 2}, "03,5223": {20, 20, 20, 20, 22, 22},
	})
	flows(canonical.Vacancies, "period,region,ssyk4,n\n", map[string][6]int{
		"01,2512": {6, 6, 9, 9, 12, 12}, "01,5223": {10, 10, 8, 8, 9, 9},
		"03,2512": {5, 5, 6, 6, 7, 7}, "03,5223": {8, 8, 8, 8, 8, 8},
	})
	loadCSV(t, db, canonical.Graduates, "year,region,edu_group,n\n"+
		"2020,01,5-48,8\n2021,01,5-48,10\n2022,01,5-48,12\n2020,01,3-34,20\n2021,01,3-34,20\n2022,01,3-34,20\n")
	key := filepath.Join(t.TempDir(), "key.csv")
	if err := os.WriteFile(key, []byte("edu_group,ssyk,field_match,level_match\n"+
		"5-48,2512,helt,ratt\n5-48,2511,helt,ratt\n3-34,5223,helt,ratt\n3-34,4112,helt,ratt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return db, key
}

func shortageParams(key string) Params {
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelKommun, codes.LevelLan, codes.LevelRiket}
	p.Key = KeySpec{MapFile: key}
	for _, ind := range All() {
		if ind.Family == "shortage" {
			p.Indicators = append(p.Indicators, ind.Name)
		}
	}
	return p
}

// shortageRows computes and returns the shortage rows keyed by
// "indicator|level|region|ssyk4|period".
func shortageRows(t *testing.T, db *store.DB, p Params) map[string]cell {
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
	rows, err := s.Conn().QueryContext(ctx, `SELECT indicator, region_level, region, ssyk4, period,
		value, numerator, denominator, n, suppressed FROM `+ResultTable("shortage"))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]cell{}
	for rows.Next() {
		var ind, level, region, ssyk, period string
		var c cell
		var v sql.NullFloat64
		var num, den, n sql.NullInt64
		if err := rows.Scan(&ind, &level, &region, &ssyk, &period, &v, &num, &den, &n, &c.suppressed); err != nil {
			t.Fatal(err)
		}
		c.value, c.num, c.den, c.n = ptrF(v), ptrI(num), ptrI(den), ptrI(n)
		out[strings.Join([]string{ind, level, region, ssyk, period}, "|")] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// exits5 is the probability that an employed person of this age leaves
// within five years on the default profile (the test has no panel).
func exits5(age int) float64 {
	var p session.ExitProfile
	for a := range p.Rate {
		p.Rate[a] = session.DefaultExitRate(a)
	}
	return p.WithinYears(age, 5)
}

func ln(x float64) float64 { return math.Log(x) }

func mean(xs ...float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func TestShortageHandComputed(t *testing.T) {
	db, key := shortageCase(t)
	got := shortageRows(t, db, shortageParams(key))
	p30, p40, p61, p62 := exits5(30), exits5(40), exits5(61), exits5(62)

	// Riket, A, 2022: every part usable. Sums over both län:
	//   A: V_mean 11, 15, 19; U_mean 18, 15, 8; E 76, 88, 97; E60 16, 21, 23
	//   B: V_mean 18, 16, 17; U_mean 50, 52, 58; E 155, 156, 153; E60 15, 18, 17
	//   C: no flows, E 10, no one 60+: only its employment growth is usable
	//   G_A 10, 12 (2021, 2022); G_B 20 x 156/166, 20 x 153/163; G_C = 1 < k
	//   O_A = (exits within 5 years) / 5 + growth: 2021 (67 p30 + 21 p62)/5 + 12, 2022 (74 p30 + 23 p62)/5 + 9
	//   O_B: 2021 (138 p40 + 18 p61)/5 + 1, 2022 (136 p40 + 17 p61)/5 (E fell)
	// The economy of a part is the sum over the cells where it is usable:
	// A and B, and C for employment growth.
	oA21, oA22 := (67*p30+21*p62)/5+12, (74*p30+23*p62)/5+9
	oB21, oB22 := (138*p40+18*p61)/5+1, (136*p40+17*p61)/5
	gB21, gB22 := 20*156.0/166, 20*153.0/163
	tight := func(d20, d21, d22 float64) float64 { return d22 - mean(d20, d21) }
	riket := map[string]float64{
		"tightness":         tight(ln(11.0/18/(29.0/68)), ln(15.0/15/(31.0/67)), ln(19.0/8/(36.0/66))),
		"vacancy_growth":    (ln(19.0/15) - ln(36.0/31)) - (ln(15.0/11) - ln(31.0/29)),
		"employment_growth": (ln(97.0/88) - ln(260.0/254)) - (ln(88.0/76) - ln(254.0/241)),
		"unemployment": -tight(ln(18.0/94)-ln(68.0/299), ln(15.0/103)-ln(67.0/311),
			ln(8.0/105)-ln(66.0/316)),
		"aged_60":   tight(ln(16.0/76)-ln(31.0/231), ln(21.0/88)-ln(39.0/244), ln(23.0/97)-ln(40.0/250)),
		"graduates": -((ln(12/oA22) - ln((12+gB22)/(oA22+oB22))) - (ln(10/oA21) - ln((10+gB21)/(oA21+oB21)))),
	}
	// 01, A: the published values of 2021 and 2022.
	oA0121, oA0122 := (45*p30+15*p62)/5+10, (50*p30+16*p62)/5+6
	type want struct {
		key      string
		value    float64
		num, den int64 // -1: none
		n        int64
	}
	cases := []want{
		{"brist_lediga_platser|lan|01|2512|2021", 18, 18, -1, 18},
		{"brist_arbetssokande|lan|01|2512|2021", 9, 9, -1, 9},
		{"brist_sysselsatta|lan|01|2512|2021", 60, 60, -1, 60},
		{"brist_matchade_utexaminerade|lan|01|2512|2021", 10, 10, -1, 10},
		{"brist_forvantade_nyrekryteringar|lan|01|2512|2021", oA0121, -1, -1, 50},
		{"brist_arbetsmarknadslage|lan|01|2512|2021", 1, 18, 9, 9},
		{"brist_vakansutveckling|lan|01|2512|2021", 50, 18, 12, 18},
		{"brist_sysselsattningsutveckling|lan|01|2512|2021", 20, 60, 50, 60},
		{"brist_arbetsloshet|lan|01|2512|2021", 100 * 9.0 / 69, 9, 69, 60},
		{"brist_andel_60_plus|lan|01|2512|2021", 25, 15, 60, 60},
		{"brist_utexaminerade_per_nyrekrytering|lan|01|2512|2021", 10 / oA0121, 10, -1, 50},
		{"brist_utexaminerade_per_nyrekrytering|lan|01|2512|2022", 12 / oA0122, 12, -1, 60},
		// B's share of the 3-34 graduates: 20 x 153 / 163 = 18.77
		{"brist_matchade_utexaminerade|lan|01|5223|2022", 20 * 153.0 / 163, 19, -1, 19},
		{"brist_arbetsmarknadslage|riket|00|2512|2022", 19.0 / 8, 38, 8, 8},
		{"brist_arbetsloshet|riket|00|2512|2022", 100 * 8.0 / 105, 8, 105, 97},
		{"brist_arbetsmarknadslage_skalad|riket|00|2512|2022", riket["tightness"], -1, -1, 8},
		{"brist_vakansutveckling_skalad|riket|00|2512|2022", riket["vacancy_growth"], -1, -1, 38},
		{"brist_sysselsattningsutveckling_skalad|riket|00|2512|2022", riket["employment_growth"], -1, -1, 97},
		{"brist_arbetsloshet_skalad|riket|00|2512|2022", riket["unemployment"], -1, -1, 97},
		{"brist_andel_60_plus_skalad|riket|00|2512|2022", riket["aged_60"], -1, -1, 97},
		{"brist_utexaminerade_per_nyrekrytering_skalad|riket|00|2512|2022", riket["graduates"], -1, -1, 88},
		{"brist_index|riket|00|2512|2022", mean(riket["tightness"], riket["vacancy_growth"], riket["employment_growth"],
			riket["unemployment"], riket["aged_60"], riket["graduates"]), -1, -1, 8},
		{"brist_delindikatorer|riket|00|2512|2022", 6, -1, -1, 8},
	}
	// 01, A, 2021: growth has no earlier year to compare with (2020's
	// growth needs 2019), nor has graduates per opening (openings need
	// the year before), so the index weighs three parts.
	s01t := ln(9.0/9/(17.0/41)) - ln(6.0/12/(16.0/42))
	s01u := -((ln(9.0/69) - ln(41.0/201)) - (ln(12.0/62) - ln(42.0/192)))
	s01a := (ln(15.0/60) - ln(27.0/160)) - (ln(10.0/50) - ln(20.0/150))
	cases = append(cases,
		want{"brist_arbetsmarknadslage_skalad|lan|01|2512|2021", s01t, -1, -1, 9},
		want{"brist_index|lan|01|2512|2021", mean(s01t, s01u, s01a), -1, -1, 9},
		want{"brist_delindikatorer|lan|01|2512|2021", 3, -1, -1, 9})
	// 01, A, 2022: U = 2 in 03 hides riket's or 01's U too (secondary),
	// and 01's is the smaller: tightness and the unemployment rate are
	// suppressed there, and the index weighs the four other parts.
	oB0121, oB0122 := (88*p40+12*p61)/5, (84*p40+11*p61)/5
	s01vg := (ln(12.0/9) - ln(21.0/17)) - (ln(9.0/6) - ln(17.0/16))
	s01eg := (ln(66.0/60) - ln(161.0/160)) - (ln(60.0/50) - ln(160.0/150))
	s01a60 := (ln(16.0/66) - ln(27.0/161)) - mean(ln(10.0/50)-ln(20.0/150), ln(15.0/60)-ln(27.0/160))
	s01g := -((ln(12/oA0122) - ln((12+gB22)/(oA0122+oB0122))) - (ln(10/oA0121) - ln((10+gB21)/(oA0121+oB0121))))
	cases = append(cases,
		want{"brist_index|lan|01|2512|2022", mean(s01vg, s01eg, s01a60, s01g), -1, -1, 24},
		want{"brist_delindikatorer|lan|01|2512|2022", 4, -1, -1, 24},
		// 0180 alone: flows and graduates are given by län, so only the
		// register's parts, with the same values as län 01.
		want{"brist_index|kommun|0180|2512|2022", mean(s01eg, s01a60), -1, -1, 66},
		want{"brist_delindikatorer|kommun|0180|2512|2022", 2, -1, -1, 66})
	for _, w := range cases {
		c, ok := got[w.key]
		if !ok {
			t.Errorf("%s: no such row", w.key)
			continue
		}
		if c.suppressed || c.value == nil || math.Abs(*c.value-w.value) > 1e-9 {
			t.Errorf("%s = %s (suppressed %v), want %v", w.key, fmtPtr(c.value), c.suppressed, w.value)
			continue
		}
		if w.num < 0 && c.num != nil || w.num >= 0 && (c.num == nil || *c.num != w.num) ||
			w.den < 0 && c.den != nil || w.den >= 0 && (c.den == nil || *c.den != w.den) ||
			c.n == nil || *c.n != w.n {
			t.Errorf("%s: numerator %s, denominator %s, n %s; want %d, %d, %d", w.key, fmtPtr(c.num), fmtPtr(c.den), fmtPtr(c.n), w.num, w.den, w.n)
		}
	}
	// The class of an index follows the default thresholds.
	for _, cell := range []string{"riket|00|2512|2022", "lan|01|2512|2022", "lan|01|2512|2021", "kommun|0180|2512|2022"} {
		idx, class := got["brist_index|"+cell], got["brist_klass|"+cell]
		if idx.value == nil || class.value == nil || *class.value != float64(classOf(*idx.value, DefaultShortageParams().Thresholds)) {
			t.Errorf("%s: index %s, class %s", cell, fmtPtr(idx.value), fmtPtr(class.value))
		}
	}

	// Suppressed: U in 03 (primary) and in 01 (secondary) in 2022, with
	// every row built on it; no scaled row for them.
	for _, key := range []string{
		"brist_arbetssokande|lan|03|2512|2022", "brist_arbetsmarknadslage|lan|03|2512|2022", "brist_arbetsloshet|lan|03|2512|2022",
		"brist_arbetssokande|lan|01|2512|2022", "brist_arbetsmarknadslage|lan|01|2512|2022", "brist_arbetsloshet|lan|01|2512|2022",
	} {
		if c := got[key]; !c.suppressed || c.value != nil || c.num != nil || c.den != nil || c.n != nil {
			t.Errorf("%s: suppressed %v, value %s", key, c.suppressed, fmtPtr(c.value))
		}
	}
	for _, key := range []string{
		"brist_arbetsmarknadslage_skalad|lan|03|2512|2022", "brist_arbetsloshet_skalad|lan|03|2512|2022",
		"brist_arbetsmarknadslage_skalad|lan|01|2512|2022", "brist_arbetsloshet_skalad|lan|01|2512|2022",
	} {
		if c, ok := got[key]; ok {
			t.Errorf("%s: a scaled part whose row is suppressed is shown: %s", key, fmtPtr(c.value))
		}
	}
	// 03 has no graduates and no U in 2022: the index weighs the growth
	// parts and the share 60+.
	if c := got["brist_delindikatorer|lan|03|2512|2022"]; c.value == nil || *c.value != 3 {
		t.Errorf("03 parts used = %s, want 3", fmtPtr(c.value))
	}
	// Riket's U is shown (its pair in the relation is 01's).
	if c := got["brist_arbetssokande|riket|00|2512|2022"]; c.suppressed || c.value == nil || *c.value != 8 {
		t.Errorf("riket U = %s (suppressed %v), want 8", fmtPtr(c.value), c.suppressed)
	}

	// Weights: tightness counts three times, the share 60+ not at all.
	p := shortageParams(key)
	p.Shortage.Weights["tightness"] = 3
	p.Shortage.Weights["aged_60"] = 0
	p.Shortage.Thresholds = []float64{-10, -5, -2, -1} // anything above -1 is class 5
	w := shortageRows(t, db, p)
	wantIdx := (3*riket["tightness"] + riket["vacancy_growth"] + riket["employment_growth"] + riket["unemployment"] + riket["graduates"]) / 7
	if c := w["brist_index|riket|00|2512|2022"]; c.value == nil || math.Abs(*c.value-wantIdx) > 1e-9 {
		t.Errorf("weighted index = %s, want %v", fmtPtr(c.value), wantIdx)
	}
	if c := w["brist_delindikatorer|riket|00|2512|2022"]; c.value == nil || *c.value != 5 {
		t.Errorf("weighted parts used = %s, want 5", fmtPtr(c.value))
	}
	if c := w["brist_klass|riket|00|2512|2022"]; c.value == nil || *c.value != 5 {
		t.Errorf("class with thresholds below the index = %s, want 5", fmtPtr(c.value))
	}
	// The scaled part with weight 0 is still shown.
	if c := w["brist_andel_60_plus_skalad|riket|00|2512|2022"]; c.value == nil || math.Abs(*c.value-riket["aged_60"]) > 1e-9 {
		t.Errorf("scaled share 60+ with weight 0 = %s, want %v", fmtPtr(c.value), riket["aged_60"])
	}
	// A window of one year: the usual level is 2021's alone.
	p = shortageParams(key)
	p.Shortage.Window = 1
	w = shortageRows(t, db, p)
	want1 := ln(19.0/8/(36.0/66)) - ln(15.0/15/(31.0/67))
	if c := w["brist_arbetsmarknadslage_skalad|riket|00|2512|2022"]; c.value == nil || math.Abs(*c.value-want1) > 1e-9 {
		t.Errorf("tightness scaled over a one-year window = %s, want %v", fmtPtr(c.value), want1)
	}
}

func classOf(x float64, t []float64) int {
	switch {
	case x < t[0]:
		return 1
	case x < t[1]:
		return 2
	case x <= t[2]:
		return 3
	case x <= t[3]:
		return 4
	}
	return 5
}

// TestShortageCensoredFlows: a flow cell published censored (n NULL) adds
// nothing, the sums are of the known cells; an occupation whose every
// cell of the year is censored has unknown (NULL) flows, not 0.
func TestShortageCensoredFlows(t *testing.T) {
	db, key := shortageCase(t)
	before := shortageRows(t, db, shortageParams(key))
	_, err := db.SQL().ExecContext(t.Context(), `INSERT INTO jobseekers (period, region, ssyk4, category, n, censored, source)
		VALUES ('2022-01', '01', '2512', 'openly_unemployed', NULL, true, 'test'),
		       ('2022-02', '01', '5223', 'other_category', NULL, true, 'test'),
		       ('2022-01', '03', '4112', 'openly_unemployed', NULL, true, 'test')`)
	if err != nil {
		t.Skipf("the flow tables do not take a censored cell yet: %v", err)
	}
	after := shortageRows(t, db, shortageParams(key))
	// C (4112) in 03 had no job seekers (0, suppressed); now they are unknown.
	unknown := []string{"brist_arbetssokande|lan|03|4112|2022", "brist_arbetsmarknadslage|lan|03|4112|2022",
		"brist_arbetsloshet|lan|03|4112|2022", "brist_arbetssokande|riket|00|4112|2022",
		"brist_arbetsmarknadslage|riket|00|4112|2022", "brist_arbetsloshet|riket|00|4112|2022"}
	for _, k := range unknown {
		if _, ok := before[k]; !ok {
			t.Errorf("%s: no row without the censored cell", k)
		}
		if c, ok := after[k]; ok {
			t.Errorf("%s: an all-censored cell gives %s", k, fmtPtr(c.value))
		}
		delete(before, k)
	}
	if len(after) != len(before) {
		t.Fatalf("%d rows with censored cells, %d without", len(after), len(before))
	}
	for k, b := range before {
		a := after[k]
		if fmtPtr(a.value) != fmtPtr(b.value) || a.suppressed != b.suppressed {
			t.Errorf("%s: %s with censored cells, %s without", k, fmtPtr(a.value), fmtPtr(b.value))
		}
	}
}

func TestShortageParamsValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(*ShortageParams)
		want string
	}{
		{"unknown part", func(s *ShortageParams) { s.Weights["wages"] = 1 }, `shortage weight "wages"`},
		{"missing part", func(s *ShortageParams) { delete(s.Weights, "graduates") }, "weight for graduates missing"},
		{"negative", func(s *ShortageParams) { s.Weights["tightness"] = -1 }, "tightness = -1"},
		{"not a number", func(s *ShortageParams) { s.Weights["tightness"] = math.NaN() }, "tightness = NaN"},
		{"all zero", func(s *ShortageParams) {
			for k := range s.Weights {
				s.Weights[k] = 0
			}
		}, "at least one must be positive"},
		{"window", func(s *ShortageParams) { s.Window = 0 }, "shortage window 0"},
		{"three thresholds", func(s *ShortageParams) { s.Thresholds = []float64{0, 1, 2} }, "want four"},
		{"thresholds not increasing", func(s *ShortageParams) { s.Thresholds = []float64{0, 1, 1, 2} }, "must be finite and increase"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := DefaultParams()
			c.edit(&p.Shortage)
			err := p.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Validate() = %v, want an error about %q", err, c.want)
			}
		})
	}
}

// TestShortageSynthetic runs the family on the synthetic register with its
// flows and graduates at län and FA level, and checks what must hold in
// any data: the index is the mean of the scaled parts shown for its cell
// (default weights), counts them right, and uses none whose published row
// is suppressed; classes follow the thresholds; flows given by län reach
// FA regions only where an FA region is a whole län (Gotland, Västerås).
func TestShortageSynthetic(t *testing.T) {
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 20000, Years: 5, Seed: 7, Out: dir, Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, n := range []string{"persons", "jobseekers", "vacancies", "hires", "graduates"} {
		if _, err := load.File(t.Context(), db, filepath.Join(dir, n+".parquet"), load.Options{Table: n}); err != nil {
			t.Fatal(err)
		}
	}
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelFA}
	for _, ind := range All() {
		if ind.Family == "shortage" {
			p.Indicators = append(p.Indicators, ind.Name)
		}
	}
	// Twice, for the same bytes: sums of doubles run in a fixed order.
	var dumps [2]string
	var s *Session
	for i := range dumps {
		var err error
		if s, err = NewSession(t.Context(), db); err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Compute(t.Context(), p); err != nil {
			t.Fatal(err)
		}
		if err := s.Conn().QueryRowContext(t.Context(), `SELECT string_agg(r::VARCHAR, '\n' ORDER BY `+
			OutputOrder([]string{DimSSYK})+`) FROM results_shortage AS r`).Scan(&dumps[i]); err != nil {
			t.Fatal(err)
		}
	}
	if dumps[0] != dumps[1] {
		t.Error("two computations differ")
	}
	var checks = []struct {
		what  string
		query string
	}{
		{"index cells at län", `SELECT count(*) = 0 FROM results_shortage WHERE indicator = 'brist_index' AND region_level = 'lan'`},
		{"index cells at FA", `SELECT count(*) = 0 FROM results_shortage WHERE indicator = 'brist_index' AND region_level = 'fa'`},
		{"six parts somewhere at län", `SELECT max(value) < 6 FROM results_shortage WHERE indicator = 'brist_delindikatorer' AND region_level = 'lan'`},
		{"län flows at FA outside the regions of whole län", `SELECT count(*) > 0 FROM results_shortage
			WHERE indicator IN ('brist_arbetsmarknadslage', 'brist_utexaminerade_per_nyrekrytering') AND region_level = 'fa'
			  AND region NOT IN (SELECT k.region FROM flow_region_map AS m JOIN region_keys AS k USING (region_key)
			                     WHERE length(m.code) = 2 AND k.level = 'fa')`},
		{"no län flows at FA (Gotland, Västerås are whole län)", `SELECT count(DISTINCT region) <> 2 FROM results_shortage
			WHERE indicator = 'brist_arbetsmarknadslage' AND region_level = 'fa'`},
		{"index = mean of the scaled parts shown, parts counted", `
			WITH parts AS (
			    SELECT region_level, region, ssyk4, period, avg(value) AS m, count(*) AS k
			    FROM results_shortage WHERE indicator LIKE '%\_skalad' ESCAPE '\' AND NOT suppressed GROUP BY ALL
			),
			idx AS (
			    SELECT region_level, region, ssyk4, period, i.value AS v, c.value AS k
			    FROM results_shortage AS i
			    JOIN results_shortage AS c USING (region_level, region, ssyk4, period)
			    WHERE i.indicator = 'brist_index' AND c.indicator = 'brist_delindikatorer' AND NOT i.suppressed
			)
			SELECT count(*) > 0 FROM idx FULL JOIN parts AS p USING (region_level, region, ssyk4, period)
			WHERE idx.v IS NULL OR p.m IS NULL OR abs(idx.v - p.m) > 1e-12 OR idx.k <> p.k`},
		{"scaled part shown while its row is suppressed", `
			SELECT count(*) > 0 FROM results_shortage AS s
			JOIN results_shortage AS r USING (region_level, region, ssyk4, period)
			WHERE s.indicator LIKE '%\_skalad' ESCAPE '\' AND r.indicator = replace(s.indicator, '_skalad', '')
			  AND NOT s.suppressed AND r.suppressed`},
		{"scaled part without a raw row", `
			SELECT count(*) > 0 FROM results_shortage AS s
			LEFT JOIN results_shortage AS r
			       ON r.region_level = s.region_level AND r.region = s.region AND r.ssyk4 = s.ssyk4
			      AND r.period = s.period AND r.indicator = replace(s.indicator, '_skalad', '')
			WHERE s.indicator LIKE '%\_skalad' ESCAPE '\' AND r.indicator IS NULL`},
		{"class off its thresholds", `
			SELECT count(*) > 0 FROM results_shortage AS i
			JOIN results_shortage AS c USING (region_level, region, ssyk4, period)
			WHERE i.indicator = 'brist_index' AND c.indicator = 'brist_klass'
			  AND c.value <> CASE WHEN i.value < -0.3 THEN 1 WHEN i.value < -0.1 THEN 2
			                      WHEN i.value <= 0.1 THEN 3 WHEN i.value <= 0.3 THEN 4 ELSE 5 END`},
		{"a shown row below k", `SELECT count(*) > 0 FROM results_shortage WHERE NOT suppressed
			AND (coalesce(n, 0) < 5 OR coalesce(numerator, 5) < 5 OR coalesce(denominator, 5) < 5)`},
	}
	for _, c := range checks {
		var bad bool
		if err := s.Conn().QueryRowContext(t.Context(), c.query).Scan(&bad); err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if bad {
			t.Errorf("%s", c.what)
		}
	}
}
