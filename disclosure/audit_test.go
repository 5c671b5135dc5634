package disclosure

import (
	"fmt"
	"math"
	"testing"
)

func fmtBounds(b Bounds) string {
	return fmt.Sprintf("[%g,%g] %v", b.Lo, b.Hi, b.Method)
}

// wantBounds is an expected interval for a hidden cell.
type wantBounds struct {
	cell     Cell
	lo, hi   float64
	violates bool
}

func checkBounds(t *testing.T, res *AuditResult, want []wantBounds) {
	t.Helper()
	for _, w := range want {
		b, ok := res.Bounds(w.cell)
		if !ok {
			t.Errorf("cell %d: not hidden", w.cell)
			continue
		}
		if b.Lo != w.lo || b.Hi != w.hi || b.Violates != w.violates {
			t.Errorf("cell %d: %s violates=%v, want [%g,%g] violates=%v", w.cell, fmtBounds(b), b.Violates, w.lo, w.hi, w.violates)
		}
	}
}

// table3x3 is the 3x3 table with margins used by several tests:
//
//	 2 10  7 | 19
//	 8  9 12 | 29
//	 6  3 20 | 29
//	16 22 39 | 77
func table3x3(t *testing.T) (*Problem, [][]Cell) {
	var b Builder
	g := table2D(t, &b, [][]float64{{2, 10, 7}, {8, 9, 12}, {6, 3, 20}})
	return build(t, &b), g
}

func TestAuditTable2D(t *testing.T) {
	p, g := table3x3(t)
	// Primary 2 and 3 (k = 5), and a rectangle of secondaries that
	// protects the 2 but leaves the 3 alone in its row: 29 - 6 - 20 = 3.
	pt := hide(t, p, 5, g[0][1], g[1][0], g[1][1])
	res, err := Audit(pt, Config{})
	check(t, err)
	// With x21 = 3 known: x00+x01 = 12, x10+x11 = 17, x00+x10 = 10,
	// x01+x11 = 19; so x00 = t, x01 = 12-t, x10 = 10-t, x11 = 7+t, t in
	// [0, 10].
	checkBounds(t, res, []wantBounds{
		{g[0][0], 0, 10, false},
		{g[0][1], 2, 12, false},
		{g[1][0], 0, 10, false},
		{g[1][1], 7, 17, false},
		{g[2][1], 3, 3, true},
	})
	if res.Violations != 1 || res.Exposed != 1 || res.Primary != 2 || res.Hidden != 5 {
		t.Errorf("totals: %+v", res)
	}
	if got := res.Violating(); len(got) != 1 || got[0] != g[2][1] {
		t.Errorf("Violating = %v", got)
	}
	if _, ok := res.Bounds(g[2][2]); ok {
		t.Error("a published cell has no bounds")
	}
	if b, _ := res.Bounds(g[0][0]); !b.Exact || b.Method != ByExactLP {
		t.Errorf("x00 bounded by %v exact=%v, want an exact program", b.Method, b.Exact)
	}
}

// crossing builds kommuner in two crossing hierarchies, län and FA regions
// (a kommun is one count here), with the län and FA totals and the
// country total over each. Hidden: two rectangles of kommuner, one in
// L1, L2 x F1, F2 and one in L3, L4 x F3, F4, and k9 in L2 and F3 joining
// them. Every region has two or more hidden kommuner, so the rule "no
// relation with exactly one hidden member" is satisfied, yet
// L1 + L2 - F1 - F2 leaves k9 and published kommuner only:
// k9 = 35 + 8 - 33 - 32 - 20 - 10 + 30 + 25 = 3.
func crossing(t *testing.T) (*Problem, []Cell) {
	type kommun struct {
		value   float64
		lan, fa int
	}
	ks := []kommun{
		{2, 0, 0}, {3, 0, 1}, {1, 1, 0}, {4, 1, 1}, // k1..k4: rectangle A
		{2, 2, 2}, {1, 2, 3}, {3, 3, 2}, {2, 3, 3}, // k5..k8: rectangle B
		{3, 1, 2},                                      // k9: the bridge
		{20, 0, 2}, {30, 3, 0}, {25, 2, 1}, {10, 0, 3}, // published
	}
	var b Builder
	cells := make([]Cell, len(ks))
	var lan, fa [4][]Cell
	var lanSum, faSum [4]float64
	for i, k := range ks {
		cells[i] = must(b.AddCell(k.value))
		lan[k.lan] = append(lan[k.lan], cells[i])
		fa[k.fa] = append(fa[k.fa], cells[i])
		lanSum[k.lan] += k.value
		faSum[k.fa] += k.value
	}
	riket := must(b.AddCell(106))
	var lans, fas []Cell
	for i := range 4 {
		l := must(b.AddCell(lanSum[i]))
		f := must(b.AddCell(faSum[i]))
		check(t, b.AddSum(l, lan[i]...))
		check(t, b.AddSum(f, fa[i]...))
		lans, fas = append(lans, l), append(fas, f)
	}
	check(t, b.AddSum(riket, lans...))
	check(t, b.AddSum(riket, fas...))
	return build(t, &b), cells
}

// naiveHolds reports whether no relation has exactly one hidden member:
// lmi's rule before this package.
func naiveHolds(pt *Pattern) bool {
	for r := int32(0); int(r) < pt.p.NumRelations(); r++ {
		vars, _ := pt.p.rel(r)
		n := 0
		for _, v := range vars {
			if pt.hidden(v) {
				n++
			}
		}
		if n == 1 {
			return false
		}
	}
	return true
}

func TestAuditCrossingHierarchies(t *testing.T) {
	p, k := crossing(t)
	pt, err := p.Primary(5) // hides k1..k9
	check(t, err)
	if !naiveHolds(pt) {
		t.Fatal("the example must satisfy the naive rule")
	}
	// Propagation alone: k9 = 8 - k3 - k4 with k3 in [0,3], k4 in [2,5]
	// (and the same from F3), so [0, 6]: wide enough even for P = 5.
	prop, err := Audit(pt, Config{K: 5, ExactLimit: -1, Hops: -1})
	check(t, err)
	checkBounds(t, prop, []wantBounds{{k[8], 0, 6, false}})
	// The exact attacker pins k9; with k9 = 3 each rectangle keeps one
	// degree of freedom: k1 = t, k2 = 5-t, k3 = 3-t, k4 = 2+t, t in [0,3];
	// k5 = s, k6 = 3-s, k7 = 5-s, k8 = s, s in [0,3].
	res, err := Audit(pt, Config{P: 1})
	check(t, err)
	checkBounds(t, res, []wantBounds{
		{k[0], 0, 3, false}, {k[1], 2, 5, false}, {k[2], 0, 3, false}, {k[3], 2, 5, false},
		{k[4], 0, 3, false}, {k[5], 0, 3, false}, {k[6], 2, 5, false}, {k[7], 0, 3, false},
		{k[8], 3, 3, true},
	})
	if b, _ := res.Bounds(k[8]); b.Method != ByRational || !b.Exact {
		t.Errorf("k9 bounded by %v, want rational elimination", b.Method)
	}
	// Windows that cover the component find the same pin.
	win, err := Audit(pt, Config{P: 1, ExactLimit: -1, Hops: 4, NeighbourLimit: 50})
	check(t, err)
	checkBounds(t, win, []wantBounds{{k[8], 3, 3, true}})
	if b, _ := win.Bounds(k[8]); b.Method != ByNeighbourhoodLP {
		t.Errorf("window audit: k9 bounded by %v", b.Method)
	}
}

// families builds three families that each publish a total of two small
// counts, and share those counts: labour force = employed + unemployed;
// job seekers = unemployed + in programmes; a third family's total =
// employed + in programmes. Each family alone leaves one degree of
// freedom; tied by AddEqual the three form an odd cycle that fixes all:
// employed = (7 - 6 + 5) / 2 = 3.
func families(t *testing.T, tie bool) (*Problem, [9]Cell) {
	var b Builder
	var c [9]Cell
	for i, v := range []float64{7, 3, 4, 6, 4, 2, 5, 3, 2} {
		c[i] = must(b.AddCell(v))
	}
	check(t, b.AddSum(c[0], c[1], c[2])) // lf = emp + unemp
	check(t, b.AddSum(c[3], c[4], c[5])) // seekers = unemp' + prog
	check(t, b.AddSum(c[6], c[7], c[8])) // total = emp' + prog'
	if tie {
		check(t, b.AddEqual(c[4], c[2]))
		check(t, b.AddEqual(c[7], c[1]))
		check(t, b.AddEqual(c[8], c[5]))
	}
	return build(t, &b), c
}

func TestAuditSharedCount(t *testing.T) {
	p, c := families(t, false)
	pt, _ := p.Primary(5)
	res, err := Audit(pt, Config{P: 1})
	check(t, err)
	if res.Violations != 0 {
		t.Errorf("untied families: %d violations, want 0", res.Violations)
	}
	p, c = families(t, true)
	pt, _ = p.Primary(5)
	if !naiveHolds(pt) {
		t.Fatal("each relation should hold two hidden counts")
	}
	// Propagation goes round the cycle without closing it:
	// emp in [1,5], unemp = 7 - emp in [2,6], prog = 6 - unemp in [0,4].
	prop, err := Audit(pt, Config{P: 1, ExactLimit: -1, Hops: -1})
	check(t, err)
	checkBounds(t, prop, []wantBounds{{c[1], 1, 5, false}, {c[2], 2, 6, false}, {c[5], 0, 4, false}})
	res, err = Audit(pt, Config{P: 1})
	check(t, err)
	checkBounds(t, res, []wantBounds{
		{c[1], 3, 3, true}, {c[7], 3, 3, true},
		{c[2], 4, 4, true}, {c[4], 4, 4, true},
		{c[5], 2, 2, true}, {c[8], 2, 2, true},
	})
	if res.Exposed != 6 {
		t.Errorf("exposed %d cells, want 6 (three counts, each published twice)", res.Exposed)
	}
}

// periods builds population flows over two years, end = start + in - out,
// with the end of year 1 published again as the start of year 2:
//
//	year 1: 7 = 50 + 2 - 45
//	year 2: 12 = 7 + 30 - 25
func periods(t *testing.T, tie bool) (*Problem, [8]Cell) {
	var b Builder
	var c [8]Cell // start1 in1 out1 end1 start2 in2 out2 end2
	for i, v := range []float64{50, 2, 45, 7, 7, 30, 25, 12} {
		c[i] = must(b.AddCell(v))
	}
	check(t, b.AddRelation(Term{c[3], 1}, Term{c[0], -1}, Term{c[1], -1}, Term{c[2], 1}))
	check(t, b.AddRelation(Term{c[7], 1}, Term{c[4], -1}, Term{c[5], -1}, Term{c[6], 1}))
	if tie {
		check(t, b.AddEqual(c[3], c[4]))
	}
	return build(t, &b), c
}

func TestAuditPeriodIdentity(t *testing.T) {
	// Year by year, hiding the end of year 1 protects its inflow of 2:
	// in1 = end1 - 5, and end1 is bounded by nothing else.
	p, c := periods(t, false)
	pt := hide(t, p, 5, c[3])
	res, err := Audit(pt, Config{K: 5})
	check(t, err)
	checkBounds(t, res, []wantBounds{{c[1], 0, math.Inf(1), false}})
	// But the same count is year 2's start, published there: with the
	// identity the attacker reads start2 = 12 + 25 - 30 = 7 off year 2,
	// and in1 = 7 - 50 + 45 = 2.
	p, c = periods(t, true)
	pt = hide(t, p, 5, c[3])
	if pt.Status(c[4]) != Secondary {
		t.Fatalf("start of year 2 is %v; hiding the end of year 1 must hide it", pt.Status(c[4]))
	}
	res, err = Audit(pt, Config{K: 5})
	check(t, err)
	checkBounds(t, res, []wantBounds{{c[1], 2, 2, true}, {c[3], 7, 7, false}, {c[4], 7, 7, false}})
}

func TestSecondarySuppressionOff(t *testing.T) {
	p, g := table3x3(t)
	pt, err := p.Primary(5)
	check(t, err)
	res, err := Audit(pt, Config{})
	check(t, err)
	// Alone in their rows: 19 - 10 - 7 = 2 and 29 - 6 - 20 = 3.
	checkBounds(t, res, []wantBounds{{g[0][0], 2, 2, true}, {g[2][1], 3, 3, true}})
	if res.Exposed != 2 {
		t.Errorf("exposed %d, want 2", res.Exposed)
	}
}

func TestContinuousAttacker(t *testing.T) {
	// t = 2x + y with t = 7 published, x = 1 and y = 5 hidden.
	var b Builder
	tot, x, y := must(b.AddCell(7)), must(b.AddCell(1)), must(b.AddCell(5))
	check(t, b.AddRelation(Term{tot, 1}, Term{x, -2}, Term{y, -1}))
	p := build(t, &b)
	pt := hide(t, p, 5, y)
	res, err := Audit(pt, Config{K: 5})
	check(t, err)
	// Whole counts: x <= 3.5 means x <= 3, so y = 7 - 2x >= 1.
	checkBounds(t, res, []wantBounds{{x, 0, 3, true}, {y, 1, 7, false}})
	res, err = Audit(pt, Config{K: 5, Continuous: true})
	check(t, err)
	// Real-valued bounds carry the solver's tolerance, outward.
	for _, w := range []wantBounds{{x, 0, 3.5, true}, {y, 0, 7, false}} {
		b, _ := res.Bounds(w.cell)
		if b.Lo > w.lo || b.Lo < w.lo-1e-6 || b.Hi < w.hi || b.Hi > w.hi+1e-6 {
			t.Errorf("continuous: cell %d %s, want [%g,%g]", w.cell, fmtBounds(b), w.lo, w.hi)
		}
	}
}

func TestAuditErrors(t *testing.T) {
	if _, err := Audit(nil, Config{}); err == nil {
		t.Error("nil pattern: no error")
	}
	p, _ := table3x3(t)
	pt, _ := p.Primary(5)
	if _, err := Audit(pt, Config{P: -1}); err == nil {
		t.Error("negative P: no error")
	}
}

// sdcTableExample is the 4 x 4 table of sdcTable's test of its simple
// heuristic (tests/testthat/test-simpleheuristic.R), with margins summed
// from the inner cells as sdcTable does, and its nine primary cells:
//
//	     a    b    c    d | tot
//	w   30   47   64   89 |  230
//	x   90  124    5   31 |  250
//	y   92  100   59   85 |  336
//	z  800  991  651  685 | 3127
//	  1012 1262  779  890 | 3943
func sdcTableExample(t *testing.T) (*Problem, *Pattern, [][]Cell) {
	var b Builder
	g := table2D(t, &b, [][]float64{{30, 47, 64, 89}, {90, 124, 5, 31}, {92, 100, 59, 85}, {800, 991, 651, 685}})
	p := build(t, &b)
	pt, err := p.Primary(0)
	check(t, err)
	for _, rc := range [][2]int{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 2}, {2, 1}, {2, 3}, {3, 1}, {3, 3}} {
		check(t, pt.SetPrimary(g[rc[0]][rc[1]]))
	}
	return p, pt, g
}

func TestAuditSdcTableExample(t *testing.T) {
	_, pt, g := sdcTableExample(t)
	if !naiveHolds(pt) {
		t.Fatal("every row and column holds two or more suppressions")
	}
	// Rows w and x minus columns a and c leave w|b alone:
	// (230 + 250) - (89 + 124 + 31) - ((1012 + 779) - (92 + 59 + 800 + 651)) = 236 - 189 = 47.
	res, err := Audit(pt, Config{P: 1})
	check(t, err)
	checkBounds(t, res, []wantBounds{{g[0][1], 47, 47, true}})
	if res.Violations != 1 {
		t.Errorf("%d violations, want w|b alone: %v", res.Violations, res.Violating())
	}
	// sdcTable's heuristic adds x|b, after which its attack() bounds w|b
	// by [0, 141].
	check(t, pt.Suppress(g[1][1]))
	res, err = Audit(pt, Config{P: 1})
	check(t, err)
	checkBounds(t, res, []wantBounds{{g[0][1], 0, 141, false}})
	if res.Violations != 0 {
		t.Errorf("with x|b hidden: %d violations", res.Violations)
	}
}
