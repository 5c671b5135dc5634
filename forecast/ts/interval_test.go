package ts

import (
	"math"
	"testing"
)

func TestSortedQuantile(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	// Type 7: position p·(n-1) between order statistics.
	for _, tc := range []struct{ p, want float64 }{
		{0, 1}, {0.1, 1.4}, {0.5, 3}, {0.9, 4.6}, {1, 5}, {-1, 1}, {2, 5},
	} {
		if got := sortedQuantile(x, tc.p); !near(got, tc.want, 1e-12) {
			t.Errorf("quantile %v = %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := sortedQuantile([]float64{7}, 0.3); got != 7 {
		t.Errorf("single value: %v", got)
	}
}

// pointsAt builds a backtest of one model whose scaled errors at step h
// are errs[h-1] (scale 2, forecast 0, so actual = 2·error).
func pointsAt(sd float64, errs ...[]float64) *BacktestResult {
	res := &BacktestResult{Models: []string{"m"}, Horizon: len(errs)}
	sb := SeriesBacktest{Skipped: []int{0}, Failed: []int{0}, Err: []error{nil}}
	for h, e := range errs {
		for _, x := range e {
			sb.Points = append(sb.Points, Point{Step: h + 1, Actual: 2 * x, SD: sd, Scale: 2})
		}
	}
	// A zero-scale point is left out of the pool.
	sb.Points = append(sb.Points, Point{Step: 1, Actual: 1e9, Scale: 0})
	res.Series = []SeriesBacktest{sb}
	return res
}

func seq(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i) - float64(n-1)/2 // symmetric about 0
	}
	return x
}

func TestErrorModelRules(t *testing.T) {
	em := NewErrorModel(pointsAt(math.NaN(), seq(21), seq(5)), 20)
	if got := em.Errors("m", 1); len(got) != 21 || got[0] != -10 || got[20] != 10 {
		t.Fatalf("pooled errors at step 1: %v", got)
	}

	// Step 1: 21 errors -10..10, empirical. Scale 3, point 100:
	// 80% = 100 + 3·[Q(.1), Q(.9)] = 100 + 3·[-8, 8].
	d := em.Dist("m", 1, 100, 3, math.NaN())
	lo, hi := d.Interval(0.8)
	if d.Source != SourceEmpirical || !near(lo, 76, 1e-12) || !near(hi, 124, 1e-12) {
		t.Errorf("step 1: %s [%v, %v]", d.Source, lo, hi)
	}
	// CDF inverts Quantile: P(Y <= 124) = 0.9, P(Y <= 100) = 0.5.
	if p := d.CDF(124); !near(p, 0.9, 1e-12) {
		t.Errorf("CDF(124) = %v", p)
	}
	if p := d.CDF(100); !near(p, 0.5, 1e-12) {
		t.Errorf("CDF(100) = %v", p)
	}
	if d.CDF(69) != 0 || d.CDF(131) != 1 {
		t.Errorf("CDF outside the errors: %v %v", d.CDF(69), d.CDF(131))
	}

	// Step 2: 5 errors, too few; the model SD 4 gives normal(100, 4).
	d = em.Dist("m", 2, 100, 3, 4)
	lo, hi = d.Interval(0.8)
	z := 1.2815515655446004
	if d.Source != SourceModel || !near(lo, 100-4*z, 1e-12) || !near(hi, 100+4*z, 1e-12) {
		t.Errorf("step 2 with SD: %s [%v, %v]", d.Source, lo, hi)
	}
	if p := d.CDF(100 + 4*z); !near(p, 0.9, 1e-12) {
		t.Errorf("normal CDF = %v", p)
	}

	// Step 2 without SD: step 1's errors widened by sqrt(2/1).
	// Step 4 likewise by sqrt(4/1).
	for _, h := range []int{2, 4} {
		d = em.Dist("m", h, 100, 3, math.NaN())
		lo, hi = d.Interval(0.8)
		w := 3 * math.Sqrt(float64(h)) * 8
		if d.Source != SourceWidened || !near(lo, 100-w, 1e-12) || !near(hi, 100+w, 1e-12) {
			t.Errorf("step %d widened: %s [%v, %v]", h, d.Source, lo, hi)
		}
	}

	// An unknown model: normal with sd sqrt(π/2)·scale·sqrt(h).
	d = em.Dist("other", 3, 100, 3, math.NaN())
	lo, _ = d.Interval(0.8)
	if sd := math.Sqrt(math.Pi/2) * 3 * math.Sqrt(3); d.Source != SourceScale || !near(lo, 100-z*sd, 1e-12) {
		t.Errorf("scale rule: %s %v", d.Source, lo)
	}
	// A nil ErrorModel has no errors but the same fallbacks.
	if d := (*ErrorModel)(nil).Dist("m", 1, 5, 1, 2); d.Source != SourceModel {
		t.Errorf("nil error model: %s", d.Source)
	}

	// Standardize: errors over the model SD (4 here), so step 1 holds
	// 2·x/4 = x/2 for x in -10..10, Q(.9) = 4; with SD 5 at prediction:
	// 100 ± 5·4. Without an SD the scaled errors serve as before.
	es := NewErrorModel(pointsAt(4, seq(21), seq(5)), 20)
	es.Standardize = true
	d = es.Dist("m", 1, 100, 3, 5)
	if lo, hi := d.Interval(0.8); d.Source != SourceStandard || !near(lo, 80, 1e-12) || !near(hi, 120, 1e-12) {
		t.Errorf("standardized: %s [%v, %v]", d.Source, lo, hi)
	}
	if d := es.Dist("m", 1, 100, 3, math.NaN()); d.Source != SourceEmpirical {
		t.Errorf("standardized without SD: %s", d.Source)
	}

	// Zero scale: a point mass.
	d = em.Dist("m", 1, 7, 0, math.NaN())
	if lo, hi := d.Interval(0.95); lo != 7 || hi != 7 || d.CDF(6.9) != 0 || d.CDF(7) != 1 {
		t.Errorf("zero scale: [%v, %v]", lo, hi)
	}
}

// TestCombine: quantile averaging. Member A is 10 + 1·U where U has
// errors -10..10 (Q(.9) = 8), member B is normal(20, 5). Weights .75,
// .25: point 12.5 and Q(.9) = 12.5 + .75·8 + .25·5·1.28155.
func TestCombine(t *testing.T) {
	a := Dist{Point: 10, parts: []distPart{{w: 1, errs: seq(21)}}}
	b := Dist{Point: 20, Source: SourceModel, parts: []distPart{{w: 5}}}
	c := Combine([]float64{0.75, 0.25}, []Dist{a, b})
	want := 12.5 + 0.75*8 + 0.25*5*1.2815515655446004
	if _, hi := c.Interval(0.8); c.Point != 12.5 || !near(hi, want, 1e-12) || c.Source != SourceCombined {
		t.Errorf("combined %v, Q(.9) %v, want %v", c.Point, hi, want)
	}
	if p := c.CDF(want); !near(p, 0.9, 1e-9) {
		t.Errorf("CDF = %v", p)
	}
	if c := Combine([]float64{1}, []Dist{b}); c.Source != SourceModel {
		t.Errorf("single member keeps its source: %s", c.Source)
	}
}
