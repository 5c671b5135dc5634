package forecast

import (
	"database/sql"
	"fmt"
	"math"
	"strings"
	"testing"

	"lmi/store"
)

func TestKappa(t *testing.T) {
	// lmi 1 / theirs 1: 20, 1/2: 5, 2/1: 10, 2/2: 15 (n = 50). Observed
	// agreement 0.7; rows 25, 25 and columns 30, 20 give chance agreement
	// (25x30 + 25x20) / 2500 = 0.5, so kappa = (0.7-0.5)/(1-0.5) = 0.4.
	// All disagreements are one class apart, so the linear weights scale
	// observed and expected disagreement alike: weighted kappa 0.4 too.
	var m [5][5]int
	m[0][0], m[0][1], m[1][0], m[1][1] = 20, 5, 10, 15
	if k := kappa(m, false); math.Abs(k-0.4) > 1e-12 {
		t.Errorf("kappa %v, want 0.4", k)
	}
	if k := kappa(m, true); math.Abs(k-0.4) > 1e-12 {
		t.Errorf("weighted kappa %v, want 0.4", k)
	}
	// Two disagreements four classes apart among 4: observed agreement
	// 0.5, chance (1x1 + 1x1 + 1x1 + 1x1)/16 = 0.25: kappa 1/3. Weighted:
	// observed disagreement 2/4 x 1 = 0.5, expected: the off-diagonal
	// products (each 1/16) times |i-j|/4 over the pairs of classes 1, 2, 4
	// and 5 = (1+3+4 + 1+2+3 + 3+2+1 + 4+3+1)/4/16 = 28/64; 1 - 0.5/(28/64)
	// = -1/7.
	var w [5][5]int
	w[0][4], w[4][0], w[1][1], w[3][3] = 1, 1, 1, 1
	if k := kappa(w, false); math.Abs(k-1.0/3) > 1e-12 {
		t.Errorf("kappa %v, want 1/3", k)
	}
	if k := kappa(w, true); math.Abs(k+1.0/7) > 1e-12 {
		t.Errorf("weighted kappa %v, want -1/7", k)
	}
	if k := kappa([5][5]int{}, false); !math.IsNaN(k) {
		t.Errorf("empty matrix: %v, want NaN", k)
	}
}

func TestAgreements(t *testing.T) {
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Occupation "A" covers 2512 and 2513; "B" covers 2513 too, with
	// another class in län 01, so 01/2513 is ambiguous there.
	_, err = db.SQL().ExecContext(t.Context(), `
		INSERT INTO occupation_map VALUES
		  ('af-bristindex', 'A', 'Mjukvara', '2512', false, NULL, 's'),
		  ('af-bristindex', 'A', 'Mjukvara', '2513', false, NULL, 's'),
		  ('af-bristindex', 'B', 'Spel', '2513', false, NULL, 's');
		INSERT INTO assessments VALUES
		  ('af-bristindex', '2024', '01', 'lan', 'A', 'bristindex_1ar', 4.2, 4, 'Viss brist', 's'),
		  ('af-bristindex', '2024', '03', 'lan', 'A', 'bristindex_1ar', 2.0, 2, 'Visst överskott', 's'),
		  ('af-bristindex', '2024', '01', 'lan', 'B', 'bristindex_1ar', 3.0, 3, 'Balans', 's'),
		  ('af-bristindex', '2024', '00', 'riket', 'A', 'bristindex_1ar', 4.0, 4, 'Viss brist', 's'),
		  ('af-bristindex', '2024', '01', 'lan', 'A', 'other_measure', 1, 1, NULL, 's')`)
	if err != nil {
		t.Fatal(err)
	}
	row := func(region, ssyk string, class int) Row {
		return Row{Level: "lan", Region: region, SSYKLevel: 4, SSYK: ssyk, H: 1, Components: Components{Class: class}}
	}
	res := &Result{Params: Params{Horizon: 5}, Origin: 2021, Rows: []Row{
		row("01", "2512", 4), // agrees
		row("01", "2513", 5), // ambiguous there
		row("03", "2512", 2), // agrees
		row("03", "2513", 3), // they say 2
		row("*", "2512", 5),  // riket: they say 4
		row("*", "2513", 4),  // riket: agrees
	}}
	as, err := Agreements(t.Context(), mustConn(t, db), res)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 {
		t.Fatalf("%d agreements, want 1 (other_measure is not a five-class outlook)", len(as))
	}
	a := as[0]
	if a.N != 5 || a.Ambiguous != 1 || a.H != 1 || a.Matrix[3][3] != 2 || a.Matrix[1][1] != 1 || a.Matrix[2][1] != 1 || a.Matrix[4][3] != 1 {
		t.Errorf("got %+v", a)
	}
	// One pair per region x SSYK 4 compared, with the occupations that
	// cover it there; 01/2513 is left out as ambiguous.
	var pairs []string
	for _, p := range a.Pairs {
		pairs = append(pairs, fmt.Sprintf("%s/%s/%s %v %d-%d", p.Level, p.Region, p.SSYK, p.Occupations, p.Ours, p.Theirs))
	}
	if got, want := strings.Join(pairs, ", "), "lan/01/2512 [A] 4-4, lan/03/2512 [A] 2-2, lan/03/2513 [A] 3-2, riket/00/2512 [A] 5-4, riket/00/2513 [A] 4-4"; got != want {
		t.Errorf("pairs\n%s\nwant\n%s", got, want)
	}
	if a.Origin != 2021 || a.RoundYear != 2024 || !strings.Contains(a.YearWarning(), "starts from 2021") || !strings.Contains(a.YearWarning(), "af-bristindex round 2024 is from 2024") {
		t.Errorf("origin %d, round year %d, warning %q", a.Origin, a.RoundYear, a.YearWarning())
	}
}

func TestYearWarning(t *testing.T) {
	for _, c := range []struct {
		round  string
		origin int
		warn   bool
	}{{"2018H", 2018, false}, {"2018H", 2021, true}, {"2025-2", 2024, true}, {"2024", 2024, false}, {"", 2024, false}, {"H18", 2024, false}} {
		a := Agreement{Publisher: "af-bristindex", Round: c.round, Origin: c.origin, RoundYear: roundYear(c.round)}
		if got := a.YearWarning() != ""; got != c.warn {
			t.Errorf("round %q, origin %d: warning %q", c.round, c.origin, a.YearWarning())
		}
	}
}

func mustConn(t *testing.T, db *store.DB) *sql.Conn {
	t.Helper()
	c, err := db.SQL().Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
