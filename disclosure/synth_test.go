package disclosure

import (
	"math"
	"math/rand/v2"
	"testing"
)

// synthShape is the shape of a synthetic lmi-like problem: kommuner in
// län and, crossing them, in FA regions; education groups and their
// total; sex 1, 2 and total; years; and quantities a, b, c, abc = a+b+c
// and start, where start of year t+1 is abc of year t (published by two
// families, tied by AddEqual).
type synthShape struct {
	kommuner, lan, fa, edu, years int
	// mean scales the counts; with the defaults about 30% of the kommun
	// cells are below 5.
	mean float64
	seed uint64
}

// lmiShape is the benchmark's: 290 kommuner, 21 län, 60 FA regions, 100
// education groups, 8 years.
var lmiShape = synthShape{kommuner: 290, lan: 21, fa: 60, edu: 100, years: 8, mean: 250, seed: 1}

const (
	qA = iota
	qB
	qC
	qABC
	qStart
	nQuant
)

// synth is a generated problem with the index of every cell.
type synth struct {
	s                 synthShape
	regions           int // kommuner, then län, FA regions, riket
	p                 *Problem
	kommunCells       int
	kommunBelow       int // kommun cells below 5
	lanOf, faOf       []int
	cellsPerRegion    int
	cellsPerYear      int
	quantityPerRegion int
}

// idx numbers cells region-major: region, year, quantity, sex, edu.
func (g *synth) idx(region, year, q, sex, edu int) Cell {
	e1 := g.s.edu + 1
	return Cell((((region*g.s.years+year)*nQuant+q)*3+sex)*e1 + edu)
}

// buildSynth generates the counts bottom-up (kommun x education group x
// sex x year for a, b, c, and start of the first year), sums them to every
// total, and adds the relations.
func buildSynth(t testing.TB, s synthShape) *synth {
	t.Helper()
	g := &synth{s: s, regions: s.kommuner + s.lan + s.fa + 1}
	g.lanOf = make([]int, s.kommuner)
	g.faOf = make([]int, s.kommuner)
	for k := range s.kommuner {
		g.lanOf[k] = k * s.lan / s.kommuner
		// FA regions are blocks shifted against the län blocks, so that
		// many cross a county border.
		g.faOf[k] = ((k + 3) % s.kommuner) * s.fa / s.kommuner
	}
	vals := g.counts()
	var b Builder
	n := g.regions * s.years * nQuant * 3 * (s.edu + 1)
	b.Grow(n, 5*n)
	for _, v := range vals {
		must(b.AddCell(v))
	}
	g.relations(t, &b)
	g.p = build(t, &b)
	return g
}

// counts draws the bottom cells and sums them up.
func (g *synth) counts() []float64 {
	s := g.s
	rng := rand.New(rand.NewPCG(s.seed, 42))
	vals := make([]float64, g.regions*s.years*nQuant*3*(s.edu+1))
	size := make([]float64, s.kommuner) // kommun populations: lognormal
	for k := range size {
		size[k] = math.Exp(rng.NormFloat64() * 1.1)
	}
	share := make([]float64, s.edu) // education groups: Zipf-like
	for e := range share {
		share[e] = 1 / math.Pow(float64(e+1), 0.9)
	}
	qshare := [3]float64{0.6, 0.3, 0.1}
	draw := func(mean float64) float64 {
		// a gamma-mixed Poisson (negative binomial) keeps the tail skewed
		lam := mean * rng.ExpFloat64()
		return float64(poisson(rng, lam))
	}
	for k := range s.kommuner {
		for y := range s.years {
			for sex := range 2 {
				for e := range s.edu {
					base := s.mean * size[k] * share[e] * 3
					for q := range 3 {
						vals[g.idx(k, y, q, sex, e)] = draw(base * qshare[q])
					}
					start := vals[g.idx(k, 0, qA, sex, e)] // start of year 0
					if y == 0 {
						start = draw(base)
					} else {
						start = 0 // filled from abc of the year before below
					}
					vals[g.idx(k, y, qStart, sex, e)] = start
				}
			}
		}
	}
	g.sumUp(vals)
	return vals
}

func poisson(rng *rand.Rand, lam float64) int {
	if lam > 30 {
		return max(0, int(math.Round(lam+math.Sqrt(lam)*rng.NormFloat64())))
	}
	l, k, p := math.Exp(-lam), 0, 1.0
	for {
		p *= rng.Float64()
		if p < l {
			return k
		}
		k++
	}
}

// sumUp fills abc, start of later years, sex and education totals, and
// the regions above kommun.
func (g *synth) sumUp(vals []float64) {
	s := g.s
	for k := range s.kommuner {
		for y := range s.years {
			for sex := range 2 {
				for e := range s.edu {
					abc := 0.0
					for q := range 3 {
						abc += vals[g.idx(k, y, q, sex, e)]
					}
					vals[g.idx(k, y, qABC, sex, e)] = abc
					if y+1 < s.years {
						vals[g.idx(k, y+1, qStart, sex, e)] = abc
					}
				}
			}
		}
	}
	for k := range s.kommuner {
		for y := range s.years {
			for q := range nQuant {
				for sex := range 2 {
					tot := 0.0
					for e := range s.edu {
						tot += vals[g.idx(k, y, q, sex, e)]
					}
					vals[g.idx(k, y, q, sex, s.edu)] = tot
				}
				for e := range s.edu + 1 {
					vals[g.idx(k, y, q, 2, e)] = vals[g.idx(k, y, q, 0, e)] + vals[g.idx(k, y, q, 1, e)]
				}
			}
		}
	}
	riket := g.regions - 1
	for k := range s.kommuner {
		for _, r := range []int{s.kommuner + g.lanOf[k], s.kommuner + s.lan + g.faOf[k], riket} {
			for y := range s.years {
				for q := range nQuant {
					for sex := range 3 {
						for e := range s.edu + 1 {
							vals[g.idx(r, y, q, sex, e)] += vals[g.idx(k, y, q, sex, e)]
						}
					}
				}
			}
		}
	}
	for k := range s.kommuner {
		for y := range s.years {
			for q := range nQuant {
				for sex := range 3 {
					for e := range s.edu + 1 {
						g.kommunCells++
						if vals[g.idx(k, y, q, sex, e)] < 5 {
							g.kommunBelow++
						}
					}
				}
			}
		}
	}
}

// relations adds every identity: regions, education total, sex total,
// abc = a+b+c, and start(t+1) = abc(t).
func (g *synth) relations(t testing.TB, b *Builder) {
	s := g.s
	members := make([][]int, s.lan+s.fa)
	for k := range s.kommuner {
		members[g.lanOf[k]] = append(members[g.lanOf[k]], k)
		members[s.lan+g.faOf[k]] = append(members[s.lan+g.faOf[k]], k)
	}
	riket := g.regions - 1
	var lans, fas []int
	for i := range s.lan {
		lans = append(lans, s.kommuner+i)
	}
	for i := range s.fa {
		fas = append(fas, s.kommuner+s.lan+i)
	}
	parts := make([]Cell, 0, max(s.edu, s.kommuner))
	sumOver := func(total Cell, of []int, cell func(int) Cell) {
		parts = parts[:0]
		for _, x := range of {
			parts = append(parts, cell(x))
		}
		check(t, b.AddSum(total, parts...))
	}
	for y := range s.years {
		for q := range nQuant {
			for sex := range 3 {
				for e := range s.edu + 1 {
					at := func(r int) Cell { return g.idx(r, y, q, sex, e) }
					for i, m := range members {
						sumOver(at(s.kommuner+i), m, at)
					}
					sumOver(at(riket), lans, at)
					sumOver(at(riket), fas, at)
				}
			}
		}
	}
	edus := make([]int, s.edu)
	for e := range edus {
		edus[e] = e
	}
	for r := range g.regions {
		for y := range s.years {
			for q := range nQuant {
				for sex := range 3 {
					sumOver(g.idx(r, y, q, sex, s.edu), edus, func(e int) Cell { return g.idx(r, y, q, sex, e) })
				}
				for e := range s.edu + 1 {
					check(t, b.AddSum(g.idx(r, y, q, 2, e), g.idx(r, y, q, 0, e), g.idx(r, y, q, 1, e)))
				}
			}
			for sex := range 3 {
				for e := range s.edu + 1 {
					check(t, b.AddSum(g.idx(r, y, qABC, sex, e), g.idx(r, y, qA, sex, e), g.idx(r, y, qB, sex, e), g.idx(r, y, qC, sex, e)))
					if y+1 < s.years {
						check(t, b.AddEqual(g.idx(r, y, qABC, sex, e), g.idx(r, y+1, qStart, sex, e)))
					}
				}
			}
		}
	}
}
