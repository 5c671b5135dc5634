package disclosure

import (
	"math"
	"testing"
)

// benchShapes are the benchmark's problems: lmi's shape (290 kommuner in
// 21 län and, crossing them, 60 FA regions, 100 education groups and their
// total, sexes 1, 2 and total, 8 years, quantities a, b, c, abc and the
// next year's start; 4.5 million cells, 21.6 million relation memberships,
// 31% of the kommun cells below 5) and a small one for quick runs.
var benchShapes = []struct {
	name  string
	shape synthShape
}{
	{"small", synthShape{kommuner: 290, lan: 21, fa: 60, edu: 20, years: 2, mean: 60, seed: 1}},
	{"lmi", lmiShape},
}

func BenchmarkBuild(b *testing.B) {
	for _, bs := range benchShapes {
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				buildSynth(b, bs.shape)
			}
		})
	}
}

// protectedPatterns keeps the pattern BenchmarkProtect computed for each
// shape, so that BenchmarkAudit in the same run need not compute it again.
var protectedPatterns = map[string]*Pattern{}

func BenchmarkProtect(b *testing.B) {
	for _, bs := range benchShapes {
		b.Run(bs.name, func(b *testing.B) {
			g := buildSynth(b, bs.shape)
			b.ReportAllocs()
			var rep *Report
			var pt *Pattern
			for b.Loop() {
				var err error
				if pt, rep, err = Protect(g.p, Config{K: 5}); err != nil {
					b.Fatal(err)
				}
			}
			protectedPatterns[bs.name] = pt
			b.ReportMetric(float64(rep.PrimaryCells), "primary")
			b.ReportMetric(float64(rep.SecondaryCells), "secondary")
			b.ReportMetric(rep.SecondaryValue, "secondary-persons")
			b.ReportMetric(float64(rep.Rounds), "rounds")
			b.ReportMetric(float64(len(rep.Unprotected)), "unprotected")
		})
	}
}

func BenchmarkAudit(b *testing.B) {
	for _, bs := range benchShapes {
		b.Run(bs.name, func(b *testing.B) {
			pt := protectedPatterns[bs.name]
			var err error
			if pt == nil {
				if pt, _, err = Protect(buildSynth(b, bs.shape).p, Config{K: 5}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			var res *AuditResult
			for b.Loop() {
				if res, err = Audit(pt, Config{K: 5}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Hidden), "hidden")
			b.ReportMetric(float64(res.Violations), "violations")
			b.ReportMetric(float64(res.Components.Largest), "largest-component")
			b.ReportMetric(float64(res.Components.Programs), "programs")
		})
	}
}

// scaleTables builds the model's scale target: 100,000 tables of 9 x 9
// counts with their margins, 10 million cells in 2 million relations of
// 10 members (20 million memberships); a third of the inner counts are
// below 5.
func scaleTables(b *testing.B) *Builder {
	const tables, side = 100_000, 9
	var bd Builder
	n := tables * (side + 1) * (side + 1)
	bd.Grow(n, 2*(side+1)*(side+1)*tables)
	seed := uint64(1)
	rnd := func() float64 { // a quick skewed draw, xorshift
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		u := float64(seed>>11) / (1 << 53)
		return math.Floor(-12 * math.Log(1-u))
	}
	grid := make([]float64, (side+1)*(side+1))
	cells := make([]Cell, len(grid))
	parts := make([]Cell, side)
	for range tables {
		clear(grid)
		for i := range side {
			for j := range side {
				v := rnd()
				grid[i*(side+1)+j] = v
				grid[i*(side+1)+side] += v
				grid[side*(side+1)+j] += v
				grid[side*(side+1)+side] += v
			}
		}
		for k, v := range grid {
			cells[k] = must(bd.AddCell(v))
		}
		for i := range side + 1 {
			for j := range side {
				parts[j] = cells[i*(side+1)+j]
			}
			check(b, bd.AddSum(cells[i*(side+1)+side], parts...))
		}
		for j := range side + 1 {
			for i := range side {
				parts[i] = cells[i*(side+1)+j]
			}
			check(b, bd.AddSum(cells[side*(side+1)+j], parts...))
		}
	}
	return &bd
}

// BenchmarkScale builds the 10-million-cell problem and protects it with
// the attacker cut down to propagation (Hops and ExactLimit negative): the
// fast mode, for problems too large for programs.
func BenchmarkScale(b *testing.B) {
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			bd := scaleTables(b)
			b.StartTimer()
			if _, err := bd.Build(); err != nil {
				b.Fatal(err)
			}
		}
	})
	p, err := scaleTables(b).Build()
	if err != nil {
		b.Fatal(err)
	}
	fast := Config{K: 5, ExactLimit: -1, Hops: -1}
	b.Run("protect-propagation", func(b *testing.B) {
		b.ReportAllocs()
		var rep *Report
		for b.Loop() {
			if _, rep, err = Protect(p, fast); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(rep.PrimaryCells), "primary")
		b.ReportMetric(float64(rep.SecondaryCells), "secondary")
		b.ReportMetric(float64(rep.Rounds), "rounds")
	})
}
