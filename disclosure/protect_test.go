package disclosure

import (
	"runtime"
	"slices"
	"testing"
)

// protected runs Protect and checks that a fresh audit finds no primary
// cell narrower than P.
func protected(t *testing.T, p *Problem, cfg Config) (*Pattern, *Report) {
	t.Helper()
	pt, rep, err := Protect(p, cfg)
	check(t, err)
	res, err := Audit(pt, cfg)
	check(t, err)
	if res.Violations != 0 || len(rep.Unprotected) != 0 {
		t.Errorf("after Protect: %d violations, %d unprotected: %v", res.Violations, len(rep.Unprotected), res.Violating())
	}
	want := cfg.P
	if want == 0 {
		want = cfg.K
	}
	for c := range p.NumCells() {
		if b, ok := res.Bounds(Cell(c)); ok && pt.Status(Cell(c)) == Primary && b.Hi-b.Lo < float64(want) {
			t.Errorf("cell %d: %s narrower than %d", c, fmtBounds(b), want)
		}
	}
	return pt, rep
}

func TestProtectTable2D(t *testing.T) {
	p, g := table3x3(t)
	pt, rep := protected(t, p, Config{K: 5})
	// The cheapest protection hides the rectangle with the two primary
	// cells at opposite corners: 10 and 6 more, 16 in all (every other
	// pattern needs at least three more cells).
	for i := range g {
		for j := range g[i] {
			want := Published
			switch {
			case (i == 0 && j == 0) || (i == 2 && j == 1):
				want = Primary
			case (i == 0 && j == 1) || (i == 2 && j == 0):
				want = Secondary
			}
			if got := pt.Status(g[i][j]); got != want {
				t.Errorf("cell (%d,%d): %v, want %v", i, j, got, want)
			}
		}
	}
	if rep.SecondaryCells != 2 || rep.SecondaryValue != 16 || rep.PrimaryCells != 2 || rep.PrimaryValue != 5 {
		t.Errorf("report %+v", rep)
	}
	// x00 = t, x01 = 12-t, x20 = 8-t, x21 = 1+t, t in [0,8].
	checkBounds(t, rep.Audit, []wantBounds{{g[0][0], 0, 8, false}, {g[2][1], 1, 9, false}})
}

func TestProtectLevel(t *testing.T) {
	p, g := table3x3(t)
	hidden := map[int]int{}
	for _, level := range []int{1, 2, 5, 8, 100} {
		pt, rep := protected(t, p, Config{K: 5, P: level})
		hidden[level] = rep.SecondaryCells
		// No count in the table reaches 100 but the grand total, 77: only
		// hiding it (and so every margin that would give it back) leaves
		// the attacker without an upper bound.
		if level == 100 && pt.Status(g[3][3]) != Secondary {
			t.Errorf("P = 100: grand total is %v", pt.Status(g[3][3]))
		}
	}
	if hidden[1] > hidden[5] || hidden[5] > hidden[100] {
		t.Errorf("secondary cells by level %v: a higher level should not need fewer", hidden)
	}
}

func TestForcedPublish(t *testing.T) {
	t.Run("forced total", func(t *testing.T) {
		// SCB published the total 3 of a 1 and a 2: nothing can give
		// either a width of 5.
		var b Builder
		tot, x, y := must(b.AddCell(3)), must(b.AddCell(1)), must(b.AddCell(2))
		check(t, b.AddSum(tot, x, y))
		check(t, b.ForcePublish(tot))
		p := build(t, &b)
		pt, rep, err := Protect(p, Config{K: 5})
		check(t, err)
		if pt.Status(tot) != ForcedPublish {
			t.Errorf("total is %v", pt.Status(tot))
		}
		if len(rep.Unprotected) != 2 {
			t.Errorf("unprotected %v, want both parts", rep.Unprotected)
		}
		checkBounds(t, rep.Audit, []wantBounds{{x, 0, 3, true}, {y, 0, 3, true}})
	})
	t.Run("forced partner", func(t *testing.T) {
		// The natural partner of the 2 in its row is forced public;
		// Protect must find another.
		var b Builder
		g := table2D(t, &b, [][]float64{{2, 6, 9}, {7, 8, 10}})
		check(t, b.ForcePublish(g[0][1]))
		p := build(t, &b)
		pt, _ := protected(t, p, Config{K: 5})
		if pt.Status(g[0][1]) != ForcedPublish {
			t.Errorf("forced cell is %v", pt.Status(g[0][1]))
		}
	})
}

func TestProtectCrossingHierarchies(t *testing.T) {
	p, _ := crossing(t)
	protected(t, p, Config{K: 5})
}

func TestProtectSharedCount(t *testing.T) {
	p, c := families(t, true)
	pt, _ := protected(t, p, Config{K: 5})
	for _, pair := range [][2]int{{1, 7}, {2, 4}, {5, 8}} {
		if pt.Status(c[pair[0]]) != pt.Status(c[pair[1]]) {
			t.Errorf("cells %v of one count have different statuses", pair)
		}
	}
}

func TestProtectPeriodIdentity(t *testing.T) {
	p, c := periods(t, true)
	pt, _ := protected(t, p, Config{K: 5})
	if pt.Status(c[3]) != pt.Status(c[4]) {
		t.Error("end of year 1 and start of year 2 have different statuses")
	}
}

func TestProtectErrors(t *testing.T) {
	p, _ := table3x3(t)
	if _, _, err := Protect(p, Config{K: -2}); err == nil {
		t.Error("negative K: no error")
	}
	if _, _, err := Protect(nil, Config{K: 5}); err == nil {
		t.Error("no problem: no error")
	}
}

// TestProtectDeterministic checks that Protect returns the same pattern
// run after run and whatever the number of processors its programs use.
func TestProtectDeterministic(t *testing.T) {
	sh := synthShape{kommuner: 24, lan: 3, fa: 5, edu: 6, years: 2, mean: 40, seed: 9}
	g := buildSynth(t, sh)
	var first []Status
	for _, procs := range []int{1, 2, 2} {
		old := runtime.GOMAXPROCS(procs)
		pt, _, err := Protect(g.p, Config{K: 5})
		runtime.GOMAXPROCS(old)
		check(t, err)
		st := make([]Status, g.p.NumCells())
		for c := range st {
			st[c] = pt.Status(Cell(c))
		}
		if first == nil {
			first = st
		} else if !slices.Equal(first, st) {
			t.Fatalf("GOMAXPROCS %d: a different pattern", procs)
		}
	}
}

// naiveSecondary is lmi's rule before this package (indicators/suppress.go,
// forecast/suppress.go): in any relation with exactly one hidden member,
// hide the smallest published member, until none is left.
func naiveSecondary(pt *Pattern) {
	p := pt.p
	for changed := true; changed; {
		changed = false
		for r := int32(0); int(r) < p.NumRelations(); r++ {
			vars, _ := p.rel(r)
			hidden, pick := 0, int32(-1)
			for _, v := range vars {
				switch {
				case pt.hidden(v):
					hidden++
				case pt.status[v] == Published && (pick < 0 || p.value[v] < p.value[pick]):
					pick = v
				}
			}
			if hidden == 1 && pick >= 0 {
				pt.hideClass(pick)
				changed = true
			}
		}
	}
}

// TestProtectSynthetic runs the whole method on a small lmi-shaped problem:
// kommuner in crossing län and FA regions, education groups, sexes, two
// years tied by the period identity, abc = a + b + c.
func TestProtectSynthetic(t *testing.T) {
	sh := synthShape{kommuner: 30, lan: 4, fa: 7, edu: 8, years: 2, mean: 60, seed: 3}
	g := buildSynth(t, sh)
	pt, err := g.p.Primary(5)
	check(t, err)
	naiveSecondary(pt)
	if !naiveHolds(pt) {
		t.Fatal("naive rule did not finish")
	}
	res, err := Audit(pt, Config{K: 5})
	check(t, err)
	if res.Violations == 0 {
		t.Fatal("the naive rule should leave cells the attacker narrows below 5")
	}
	t.Logf("naive rule: %d hidden, %d of %d primary cells narrower than 5 (%d pinned)",
		res.Hidden, res.Violations, res.Primary, res.Exposed)
	pt, rep := protected(t, g.p, Config{K: 5})
	tl := pt.Tally()
	if rep.SecondaryCells != tl.Cells[Secondary] || rep.PrimaryCells != tl.Cells[Primary] {
		t.Errorf("report %+v disagrees with the pattern's tally %+v", rep, tl)
	}
	t.Logf("Protect: %d primary, %d secondary cells (%g persons) in %d rounds",
		rep.PrimaryCells, rep.SecondaryCells, rep.SecondaryValue, rep.Rounds)
}

func TestProtectSdcTableExample(t *testing.T) {
	_, pt, g := sdcTableExample(t)
	rep, err := ProtectPattern(pt, Config{P: 1})
	check(t, err)
	res, err := Audit(pt, Config{P: 1})
	check(t, err)
	if res.Violations != 0 || len(rep.Unprotected) != 0 {
		t.Fatalf("%d violations after ProtectPattern", res.Violations)
	}
	// One more cell suffices, as in sdcTable; which one is the heuristic's
	// choice.
	if rep.SecondaryCells != 1 {
		t.Errorf("%d secondary cells, want 1", rep.SecondaryCells)
	}
	if pt.Status(g[0][1]) != Primary {
		t.Error("w|b lost its status")
	}
}

func TestSetPrimary(t *testing.T) {
	var b Builder
	x, y := must(b.AddCell(50)), must(b.AddCell(50))
	check(t, b.ForcePublish(y))
	p := build(t, &b)
	pt, _ := p.Primary(5)
	check(t, pt.SetPrimary(x))
	if pt.Status(x) != Primary {
		t.Errorf("x is %v", pt.Status(x))
	}
	if err := pt.SetPrimary(y); err == nil {
		t.Error("a forced cell became primary")
	}
	if _, err := ProtectPattern(nil, Config{}); err == nil {
		t.Error("nil pattern: no error")
	}
}
