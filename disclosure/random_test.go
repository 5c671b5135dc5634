package disclosure

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomTable builds an r x c table with margins, and when groups is set a
// second grouping of the rows (rows 0..r/2-1 and the rest), whose totals
// per column are published too; counts are 0..maxVal. It returns the
// problem, the grid (margins last) and the group cells.
func randomTable(t *testing.T, rng *rand.Rand, r, c, maxVal int, groups bool) (*Problem, [][]Cell) {
	inner := make([][]float64, r)
	for i := range inner {
		inner[i] = make([]float64, c)
		for j := range inner[i] {
			inner[i][j] = float64(rng.IntN(maxVal + 1))
		}
	}
	var b Builder
	g := table2D(t, &b, inner)
	if groups {
		for j := range c + 1 {
			var parts []Cell
			sum := 0.0
			for i := range r / 2 {
				parts = append(parts, g[i][j])
				sum += b.values[g[i][j]]
			}
			grp := must(b.AddCell(sum))
			check(t, b.AddSum(grp, parts...))
			g = append(g, []Cell{grp})
		}
	}
	return build(t, &b), g
}

// randomPattern hides the counts below k and each other cell with
// probability q, but never the last cell added when keepLast is set.
func randomPattern(t *testing.T, rng *rand.Rand, p *Problem, k int, q float64, keep Cell) *Pattern {
	pt, err := p.Primary(k)
	check(t, err)
	for c := range p.NumCells() {
		if Cell(c) != keep && rng.Float64() < q {
			check(t, pt.Suppress(Cell(c)))
		}
	}
	return pt
}

func TestRandomPropagationAgainstPrograms(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const tol = 1e-6
	for trial := range 300 {
		p, _ := randomTable(t, rng, 2+rng.IntN(3), 2+rng.IntN(3), 9, trial%2 == 1)
		pt := randomPattern(t, rng, p, 3, 0.35, -1)
		cfg := Config{K: 3, Continuous: true}
		prop := audit(t, pt, Config{K: 3, Continuous: true, ExactLimit: -1, Hops: -1})
		cfg.RationalLimit = -1
		exact := audit(t, pt, cfg)
		win := audit(t, pt, Config{K: 3, Continuous: true, ExactLimit: -1, Hops: 50, NeighbourLimit: 1000})
		withRat := audit(t, pt, Config{K: 3, Continuous: true})
		for c := range p.NumCells() {
			bp, ok := prop.Bounds(Cell(c))
			if !ok {
				continue
			}
			be, _ := exact.Bounds(Cell(c))
			bw, _ := win.Bounds(Cell(c))
			br, _ := withRat.Bounds(Cell(c))
			v := p.Value(Cell(c))
			for _, b := range []Bounds{bp, be, bw, br} {
				if v < b.Lo-tol || v > b.Hi+tol {
					t.Fatalf("trial %d cell %d: true count %g outside %s", trial, c, v, fmtBounds(b))
				}
			}
			if be.Lo < bp.Lo-tol || be.Hi > bp.Hi+tol {
				t.Fatalf("trial %d cell %d: program %s looser than propagation %s", trial, c, fmtBounds(be), fmtBounds(bp))
			}
			// Real-valued bounds are widened by the solvers' tolerance,
			// relative to the counts.
			rel := 4e-6 * (1 + v)
			if math.Abs(bw.Lo-be.Lo) > rel || !closeOrInf(bw.Hi, be.Hi, rel) {
				t.Fatalf("trial %d cell %d: whole-component window %s, exact program %s", trial, c, fmtBounds(bw), fmtBounds(be))
			}
			if br.Method == ByRational && (be.Hi-be.Lo > rel) {
				t.Fatalf("trial %d cell %d: rational elimination fixes it, the program gives %s", trial, c, fmtBounds(be))
			}
		}
	}
}

func closeOrInf(a, b, tol float64) bool {
	return (math.IsInf(a, 1) && math.IsInf(b, 1)) || math.Abs(a-b) <= tol
}

func audit(t *testing.T, pt *Pattern, cfg Config) *AuditResult {
	t.Helper()
	res, err := Audit(pt, cfg)
	check(t, err)
	return res
}

// TestRandomIntegerAttacker enumerates every table of whole counts that
// agrees with the published ones. A two-way table's relations are totally
// unimodular, so the linear programs' bounds are whole numbers and must be
// exactly the enumeration's.
func TestRandomIntegerAttacker(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	checked := 0
	for trial := 0; checked < 60 && trial < 2000; trial++ {
		r, c := 2+rng.IntN(2), 2+rng.IntN(2)
		p, g := randomTable(t, rng, r, c, 4, false)
		pt := randomPattern(t, rng, p, 2, 0.4, g[r][c])
		res := audit(t, pt, Config{K: 2})
		prop := audit(t, pt, Config{K: 2, ExactLimit: -1, Hops: -1})
		lo, hi, ok := enumerate(p, pt, prop, g, r, c)
		if !ok {
			continue
		}
		checked++
		for cell, l := range lo {
			b, _ := res.Bounds(cell)
			if b.Lo != l || b.Hi != hi[cell] {
				t.Fatalf("trial %d cell %d: audit %s, enumeration [%g,%g]", trial, cell, fmtBounds(b), l, hi[cell])
			}
			if bp, _ := prop.Bounds(cell); bp.Lo > l || bp.Hi < hi[cell] {
				t.Fatalf("trial %d cell %d: propagation %s cuts off [%g,%g]", trial, cell, fmtBounds(bp), l, hi[cell])
			}
		}
	}
	if checked < 60 {
		t.Fatalf("only %d tables small enough to enumerate", checked)
	}
}

// enumerate tries every whole-number value of the hidden inner cells
// within their propagated bounds (which hold for every solution) and
// returns the range each hidden cell takes over the solutions; false when
// there are too many combinations.
func enumerate(p *Problem, pt *Pattern, prop *AuditResult, g [][]Cell, r, c int) (map[Cell]float64, map[Cell]float64, bool) {
	var free []Cell
	var los, his []float64
	combos := 1.0
	for i := range r {
		for j := range c {
			if b, ok := prop.Bounds(g[i][j]); ok {
				free = append(free, g[i][j])
				los, his = append(los, b.Lo), append(his, b.Hi)
				combos *= b.Hi - b.Lo + 1
			}
		}
	}
	if combos > 2e5 || math.IsInf(combos, 0) {
		return nil, nil, false
	}
	lo, hi := map[Cell]float64{}, map[Cell]float64{}
	x := make([][]float64, r+1)
	for i := range x {
		x[i] = make([]float64, c+1)
	}
	cur := slices.Clone(los)
	for {
		for i := range r {
			for j := range c {
				x[i][j] = p.Value(g[i][j])
			}
		}
		for k, cell := range free {
			i, j := position(g, cell)
			x[i][j] = cur[k]
		}
		if fits(p, pt, g, x, r, c) {
			for i := range r + 1 {
				for j := range c + 1 {
					if pt.Status(g[i][j]).Hidden() {
						cell := g[i][j]
						if l, seen := lo[cell]; !seen || x[i][j] < l {
							lo[cell] = x[i][j]
						}
						if h, seen := hi[cell]; !seen || x[i][j] > h {
							hi[cell] = x[i][j]
						}
					}
				}
			}
		}
		k := 0
		for ; k < len(cur); k++ {
			if cur[k] < his[k] {
				cur[k]++
				break
			}
			cur[k] = los[k]
		}
		if k == len(cur) {
			return lo, hi, true
		}
	}
}

func position(g [][]Cell, cell Cell) (int, int) {
	for i := range g {
		if j := slices.Index(g[i], cell); j >= 0 {
			return i, j
		}
	}
	return -1, -1
}

// fits fills the margins of x from its inner cells and reports whether
// every published margin keeps its count.
func fits(p *Problem, pt *Pattern, g [][]Cell, x [][]float64, r, c int) bool {
	for i := range r + 1 {
		x[i][c] = 0
	}
	for j := range c + 1 {
		x[r][j] = 0
	}
	for i := range r {
		for j := range c {
			x[i][c] += x[i][j]
			x[r][j] += x[i][j]
			x[r][c] += x[i][j]
		}
	}
	for i := range r + 1 {
		for j := range c + 1 {
			if (i == r || j == c) && !pt.Status(g[i][j]).Hidden() && x[i][j] != p.Value(g[i][j]) {
				return false
			}
		}
	}
	return true
}
