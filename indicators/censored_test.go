package indicators

import (
	"context"
	"math"
	"strings"
	"testing"

	"lmi/codes"
)

// TestCensoredFlows adds to flowCase (see flows_test.go) cells published
// as "<5" (n NULL, as lmi ingest stores them) and vacancies without an
// occupation. Sums are of the
// known cells; a cell whose job seekers are all censored has no U (empty,
// suppressed), never 0; rows without an occupation count in the region
// totals (Beveridge) only.
func TestCensoredFlows(t *testing.T) {
	db := flowCase(t)
	if _, err := db.SQL().Exec(`
		INSERT INTO jobseekers (period, region, ssyk4, category, n, censored, source) VALUES
			('2024-01', '0180', '2512', 'openly_unemployed', NULL, true, 'af'),
			('2024-01', '01', '9111', 'openly_unemployed', NULL, true, 'af');
		INSERT INTO vacancies (period, region, ssyk4, n, censored, source) VALUES
			('2024-01', '0180', NULL, 40, false, 'af'),
			('2024-01', '03', '2512', NULL, true, 'af')`); err != nil {
		t.Fatal(err)
	}
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelRiket}
	p.K = 1
	p.KeepCells = true
	ctx := context.Background()
	s, err := NewSession(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Compute(ctx, p); err != nil {
		t.Fatal(err)
	}
	row := func(q string) string {
		t.Helper()
		var out string
		if err := s.Conn().QueryRowContext(ctx, "SELECT concat_ws('|', *COLUMNS(*)) FROM ("+q+")").Scan(&out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out
	}
	for q, want := range map[string]string{
		// 01 x 2512: U 10 known + one censored cell; 01 x 9111: all censored.
		`SELECT u, u_censored, v FROM tightness_cells WHERE region_level = 'lan' AND region = '01' AND ssyk4 = '2512'`:           "10|1|20",
		`SELECT coalesce(CAST(u AS VARCHAR), 'NULL'), u_censored, v FROM tightness_cells WHERE region = '01' AND ssyk4 = '9111'`: "NULL|1|0",
		`SELECT v, v_censored FROM tightness_cells WHERE region_level = 'lan' AND region = '03' AND ssyk4 = '2512'`:              "10|1",
		`SELECT count(*) FROM tightness_cells WHERE ssyk4 IS NULL`:                                                               "0",
		`SELECT coalesce(CAST(value AS VARCHAR), 'NULL'), suppressed FROM results_tightness
			WHERE indicator = 'antal_arbetssokande' AND region = '01' AND ssyk4 = '9111'`: "NULL|true",
		// Beveridge: 01's V includes the 40 without an occupation.
		`SELECT u, v, censored FROM beveridge_cells WHERE region_level = 'lan' AND region = '01'`: "40.0|70.0|2",
		// Mismatch: no cell without an occupation; 9111 in 01 has U 0 (known cells).
		`SELECT count(*), sum(censored) FROM mismatch_base WHERE level_id = (SELECT min(level_id) FROM region_keys WHERE level = 'lan')`: "4|3",
	} {
		if got := row(q); got != want {
			t.Errorf("%s\n got %q, want %q", strings.Join(strings.Fields(q), " "), got, want)
		}
	}
	var bu, bv float64
	s.Conn().QueryRowContext(ctx, `SELECT value FROM results_beveridge WHERE indicator = 'beveridge_u' AND region = '01'`).Scan(&bu)
	s.Conn().QueryRowContext(ctx, `SELECT value FROM results_beveridge WHERE indicator = 'beveridge_v' AND region = '01'`).Scan(&bv)
	if math.Abs(bu-40.0/170) > 1e-12 || math.Abs(bv-70.0/200) > 1e-12 {
		t.Errorf("Beveridge 01: u %v v %v, want %v %v", bu, bv, 40.0/170, 70.0/200)
	}
	var jr float64
	s.Conn().QueryRowContext(ctx, `SELECT value FROM results_mismatch WHERE indicator = 'mismatch_jackman_roper'
		AND region_level = 'lan' AND region = '01' AND ssyk4 = 'TOT' AND alpha = 'TOT'`).Scan(&jr)
	if math.Abs(jr-5.0/12) > 1e-12 {
		t.Errorf("Jackman-Roper in 01: %v, want 5/12 (the censored and unplaced cells add nothing)", jr)
	}
}
