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
	if k := kappa(m, 5, false); math.Abs(k-0.4) > 1e-12 {
		t.Errorf("kappa %v, want 0.4", k)
	}
	if k := kappa(m, 5, true); math.Abs(k-0.4) > 1e-12 {
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
	if k := kappa(w, 5, false); math.Abs(k-1.0/3) > 1e-12 {
		t.Errorf("kappa %v, want 1/3", k)
	}
	if k := kappa(w, 5, true); math.Abs(k+1.0/7) > 1e-12 {
		t.Errorf("weighted kappa %v, want -1/7", k)
	}
	if k := kappa([5][5]int{}, 5, false); !math.IsNaN(k) {
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
		  ('af-bristindex', 'B', 'Spel', '2513', false, NULL, 's'),
		  ('af-yrkesbarometer', 'Y', 'Utvecklare', '2512', false, NULL, 's');
		INSERT INTO assessments VALUES
		  ('af-bristindex', '2024', '01', 'lan', 'A', 'bristindex_1ar', 4.2, 4, 'Viss brist', 's'),
		  ('af-bristindex', '2024', '03', 'lan', 'A', 'bristindex_1ar', 2.0, 2, 'Visst överskott', 's'),
		  ('af-bristindex', '2024', '01', 'lan', 'B', 'bristindex_1ar', 3.0, 3, 'Balans', 's'),
		  ('af-bristindex', '2024', '00', 'riket', 'A', 'bristindex_1ar', 4.0, 4, 'Viss brist', 's'),
		  ('af-bristindex', '2024', '01', 'lan', 'A', 'other_measure', 1, 1, NULL, 's'),
		  ('af-yrkesbarometer', '2025-2', '01', 'lan', 'Y', 'rekryteringssituation', NULL, 3, 'brist', 's'),
		  ('af-yrkesbarometer', '2025-2', '03', 'lan', 'Y', 'rekryteringssituation', NULL, 2, 'balans', 's'),
		  ('af-yrkesbarometer', '2025-2', '01', 'lan', 'Y', 'jobbmojligheter', NULL, 1, 'små', 's')`)
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
	if len(as) != 2 {
		t.Fatalf("%d agreements, want 2 (other_measure and jobbmojligheter are not compared)", len(as))
	}
	// Yrkesbarometer's three classes: lmi's 4 in 01 is brist (3), agreeing;
	// its 2 in 03 is överskott (1), where they say balans (2).
	if y := as[1]; y.Publisher != "af-yrkesbarometer" || y.Classes != 3 || y.N != 2 || y.Matrix[2][2] != 1 || y.Matrix[0][1] != 1 || y.H != 1 ||
		len(y.Pairs) != 2 || y.Pairs[1].Ours != 1 || y.Pairs[1].Theirs != 2 {
		t.Errorf("yrkesbarometer: %+v", y)
	}
	a := as[0]
	if a.Classes != 5 || a.N != 5 || a.Ambiguous != 1 || a.H != 1 || a.Matrix[3][3] != 2 || a.Matrix[1][1] != 1 || a.Matrix[2][1] != 1 || a.Matrix[4][3] != 1 {
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

func TestKappaThreeClasses(t *testing.T) {
	// lmi (collapsed) x theirs: 1/1 4, 2/2 2, 3/3 2, 3/2 2 (n = 10).
	// Observed agreement 0.8; rows 4, 2, 4 and columns 4, 4, 2 give
	// chance (16 + 8 + 8)/100 = 0.32: kappa (0.8-0.32)/(1-0.32) = 12/17.
	// Weighted (|i-j|/2): observed disagreement 2 x 0.5 / 10 = 0.1;
	// expected sum of rows x cols x weight over i != j: (1/1 pairs) 4x4x0.5
	// + 4x2x1 + 2x4x0.5 + 2x2x0.5 + 4x4x1 + 4x4x0.5 = 8+8+4+2+16+8 = 46,
	// /100 = 0.46: 1 - 0.1/0.46 = 18/23.
	var m [5][5]int
	m[0][0], m[1][1], m[2][2], m[2][1] = 4, 2, 2, 2
	if k := kappa(m, 3, false); math.Abs(k-12.0/17) > 1e-12 {
		t.Errorf("kappa %v, want 12/17", k)
	}
	if k := kappa(m, 3, true); math.Abs(k-18.0/23) > 1e-12 {
		t.Errorf("weighted kappa %v, want 18/23", k)
	}
}

func TestCollapse(t *testing.T) {
	for _, c := range []struct{ class, classes, want int }{
		{1, 3, 1}, {2, 3, 1}, {3, 3, 2}, {4, 3, 3}, {5, 3, 3}, {0, 3, 0},
		{1, 5, 1}, {2, 5, 2}, {4, 5, 4},
	} {
		if got := Collapse(c.class, c.classes); got != c.want {
			t.Errorf("Collapse(%d, %d) = %d, want %d", c.class, c.classes, got, c.want)
		}
	}
}

func TestUncompared(t *testing.T) {
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// P (a yrkesprognos, FA regions) has no occupation mapped; B is
	// mapped but by FA region only; Y has only measures lmi does not
	// compare with; K is compared.
	_, err = db.SQL().ExecContext(t.Context(), `
		INSERT INTO occupation_map VALUES
		  ('af-bristindex', 'B', 'Spel', '2513', false, NULL, 's'),
		  ('af-bristindex', 'K', 'Mjukvara', '2512', false, NULL, 's');
		INSERT INTO assessments VALUES
		  ('af-yrkesprognos', '2024', '23', 'fa', 'P1', 'index', 4, 4, NULL, 's'),
		  ('af-yrkesprognos', '2024', '23', 'fa', 'P2', 'index', 2, 2, NULL, 's'),
		  ('af-yrkesprognos', '2024', '23', 'fa', 'P2', 'bedomning24', 2, 2, NULL, 's'),
		  ('af-bristindex', '2019V', '23', 'fa', 'B', 'bristindex_1ar', 4, 4, NULL, 's'),
		  ('af-bristindex', '2018H', '01', 'lan', 'K', 'bristindex_1ar', 4, 4, NULL, 's'),
		  ('af-yrkesbarometer', '2025-2', '01', 'lan', 'Y', 'jobbmojligheter', NULL, 1, 'små', 's'),
		  ('af-yrkesbarometer', '2025-2', '01', 'lan', 'Y', 'prognos', NULL, 3, 'öka', 's')`)
	if err != nil {
		t.Fatal(err)
	}
	classed := &Result{Params: Params{Horizon: 5}, Origin: 2021, Rows: []Row{
		{Level: "lan", Region: "01", SSYKLevel: 4, SSYK: "2512", H: 1, Components: Components{Class: 4}},
		{Level: "lan", Region: "01", SSYKLevel: 4, SSYK: "2512", H: 5, Components: Components{Class: 4}},
	}}
	unclassed := &Result{Params: Params{Horizon: 5}, Origin: 2021, NoAges: true, Rows: []Row{
		{Level: "lan", Region: "01", SSYKLevel: 4, SSYK: "2512", H: 1},
	}}
	for _, c := range []struct {
		name string
		res  *Result
		want []string
	}{
		{"classed", classed, []string{
			"af-bristindex round 2019V (bristindex_1ar) not compared with lmi's classes: no region and SSYK 4 group classed by both: its regions are of level fa, lmi's classes 1 year ahead are for lan",
			"af-yrkesbarometer round 2025-2 (jobbmojligheter, prognos) not compared with lmi's classes: lmi compares its shortage classes with",
			"af-yrkesprognos round 2024 (index) not compared with lmi's classes: none of its 2 occupations maps to SSYK 4: load the file with an occupation map (lmi ingest --occupation-map",
		}},
		{"no ages", unclassed, []string{
			"af-bristindex round 2018H (bristindex_1ar) not compared with lmi's classes: lmi's forecast has no classes: the employed of 2021 have no ages",
			"af-bristindex round 2019V (bristindex_1ar) not compared with lmi's classes: lmi's forecast has no classes",
			"af-yrkesbarometer round 2025-2 (jobbmojligheter, prognos)",
			"af-yrkesprognos round 2024 (index) not compared with lmi's classes: none of its 2 occupations",
		}},
	} {
		as, err := Agreements(t.Context(), mustConn(t, db), c.res)
		if err != nil {
			t.Fatal(err)
		}
		nc, err := Uncompared(t.Context(), mustConn(t, db), c.res, as)
		if err != nil {
			t.Fatal(err)
		}
		if len(nc) != len(c.want) {
			t.Errorf("%s: %d not compared, want %d: %v", c.name, len(nc), len(c.want), nc)
			continue
		}
		for i, w := range c.want {
			if !strings.HasPrefix(nc[i].String(), w) {
				t.Errorf("%s: line %d\n%s\nwant it to start\n%s", c.name, i, nc[i], w)
			}
		}
	}
}
