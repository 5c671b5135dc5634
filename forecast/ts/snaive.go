package ts

// This file holds the seasonal naive model and the helpers shared by the
// seasonal models (SeasonalNaive, ETS, AutoARIMA): input checks, scaling,
// classical decomposition and a Nelder-Mead minimiser.
// The helpers carry a "seas" prefix so that they cannot collide with the
// yearly models' helpers in the same package.

import (
	"fmt"
	"math"
)

// SeasonalNaive forecasts each future period by the last observed value
// of the same season (Hyndman & Athanasopoulos, Forecasting: Principles
// and Practice, 3rd ed., section 5.2):
//
//	y_{T+h} = y_{T+h-m(k+1)},  k = floor((h-1)/m),
//
// with m = Series.Period (1 gives the naive last-value forecast). The
// model SD is sd_h = sigma*sqrt(k+1), where sigma is the root mean square
// of the in-sample seasonal differences y_t - y_{t-m} (no mean is taken
// out: the model has no drift). A series of exactly one cycle has no
// in-sample error, and its forecast has SD nil.
type SeasonalNaive struct{}

// Name is "snaive".
func (SeasonalNaive) Name() string { return "snaive" }

// MinLength is one full cycle (at least one observation).
func (SeasonalNaive) MinLength(period int) int { return seasPeriod(period) }

// Forecast implements Model.
func (sn SeasonalNaive) Forecast(s Series, h int) (Forecast, error) {
	const name = "snaive"
	m := seasPeriod(s.Period)
	if err := seasValidate(name, s, h, m); err != nil {
		return Forecast{}, err
	}
	y := s.Values
	n := len(y)
	fc := Forecast{Mean: make([]float64, h)}
	for i := range fc.Mean {
		fc.Mean[i] = y[n-m+i%m]
	}
	if n > m {
		// Scale first so that differences of huge values do not overflow.
		sc := seasMaxAbs(y)
		if sc == 0 {
			sc = 1
		}
		var ss float64
		for t := m; t < n; t++ {
			e := y[t]/sc - y[t-m]/sc
			ss += e * e
		}
		sigma := sc * math.Sqrt(ss/float64(n-m))
		fc.SD = make([]float64, h)
		for i := range fc.SD {
			fc.SD[i] = sigma * math.Sqrt(float64(i/m+1))
		}
	}
	return fc, seasFinite(name, fc)
}

// seasPeriod is the seasonal period used for a Series.Period: values
// below 1 mean no seasonality.
func seasPeriod(p int) int {
	if p < 1 {
		return 1
	}
	return p
}

// seasValidate checks the horizon, the values and the length.
func seasValidate(name string, s Series, h, need int) error {
	if h < 1 {
		return fmt.Errorf("%s: horizon %d: need h >= 1", name, h)
	}
	for i, v := range s.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s: observation %d is %v: values must be finite", name, i, v)
		}
	}
	if len(s.Values) < need {
		return &TooShortError{Model: name, Have: len(s.Values), Need: need}
	}
	return nil
}

// seasFinite reports an error when a forecast holds a value that is not
// finite, which happens only when the projection leaves the float64 range.
func seasFinite(name string, fc Forecast) error {
	for _, v := range fc.Mean {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s: forecast overflows the float64 range", name)
		}
	}
	for _, v := range fc.SD {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return fmt.Errorf("%s: forecast standard deviation overflows the float64 range", name)
		}
	}
	return nil
}

// seasMaxAbs is max |y_i| (0 for an empty slice).
func seasMaxAbs(y []float64) float64 {
	var mx float64
	for _, v := range y {
		mx = math.Max(mx, math.Abs(v))
	}
	return mx
}

// seasMean is the arithmetic mean, summed in the order given (the models
// call it on scaled data, so the sum cannot overflow).
func seasMean(y []float64) float64 {
	if len(y) == 0 {
		return 0
	}
	var s float64
	for _, v := range y {
		s += v
	}
	return s / float64(len(y))
}

// seasLogistic maps the real line onto (0, 1).
func seasLogistic(u float64) float64 {
	if u >= 0 {
		return 1 / (1 + math.Exp(-u))
	}
	e := math.Exp(u)
	return e / (1 + e)
}

// seasLogit is the inverse of seasLogistic, clamped so that it stays
// finite at 0 and 1.
func seasLogit(p float64) float64 {
	p = math.Min(math.Max(p, 1e-12), 1-1e-12)
	return math.Log(p / (1 - p))
}

// seasMinimize minimises f by Nelder-Mead (Nelder & Mead 1965, with the
// dimension-adaptive coefficients of Gao & Han 2012), starting from a
// simplex around x0 with one step per coordinate (the coordinates have
// different scales), and stops as R's optim does, when the spread of the
// simplex values is within a relative 1e-8, or after maxEval evaluations.
// It then restarts once from the best point with a smaller simplex, which
// gets Nelder-Mead out of a collapsed one. f must return +Inf, never NaN,
// where it is not defined (NaN is read as +Inf). The result is never
// worse than x0; its value is +Inf when f(x0) is not finite.
//
// gonum/optimize's NelderMead would do, but the package imports
// golang.org/x/tools (through its CMA-ES method), which lmi's go.sum does
// not carry; this small deterministic loop needs nothing.
func seasMinimize(f func([]float64) float64, x0, step []float64, maxEval int) ([]float64, float64) {
	dim := len(x0)
	g := func(x []float64) float64 {
		v := f(x)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	best := append([]float64(nil), x0...)
	fbest := g(best)
	if math.IsInf(fbest, 0) || dim == 0 {
		if math.IsInf(fbest, -1) {
			fbest = math.Inf(1)
		}
		return best, fbest
	}
	scale := 1.0
	for round := 0; round < 2; round++ {
		x, fx := seasNelderMead(g, best, fbest, step, scale, maxEval)
		if fx < fbest {
			best, fbest = x, fx
		}
		scale = 0.25
	}
	return best, fbest
}

// seasNelderMead is one Nelder-Mead run from x0 (with value f0).
func seasNelderMead(f func([]float64) float64, x0 []float64, f0 float64, step []float64, scale float64, maxEval int) ([]float64, float64) {
	const reltol = 1e-8
	n := len(x0)
	dn := float64(n)
	rho, chi, gam, sig := 1.0, 1+2/dn, 0.75-1/(2*dn), 1-1/dn
	if n == 1 {
		chi, gam, sig = 2, 0.5, 0.5
	}
	pts := make([][]float64, n+1)
	vals := make([]float64, n+1)
	pts[0] = append([]float64(nil), x0...)
	vals[0] = f0
	evals := 0
	for i := 0; i < n; i++ {
		p := append([]float64(nil), x0...)
		p[i] += scale * step[i]
		pts[i+1] = p
		vals[i+1] = f(p)
		evals++
	}
	c := make([]float64, n)
	xr := make([]float64, n)
	xe := make([]float64, n)
	convtol := reltol * (math.Abs(f0) + reltol)
	order := make([]int, n+1)
	for evals < maxEval {
		// Sort the vertices by value, best first (stable, so ties keep
		// their order and the run is deterministic).
		for i := range order {
			order[i] = i
		}
		for i := 1; i <= n; i++ {
			for j := i; j > 0 && vals[order[j]] < vals[order[j-1]]; j-- {
				order[j], order[j-1] = order[j-1], order[j]
			}
		}
		lo, hi, nh := order[0], order[n], order[n-1]
		if vals[hi] <= vals[lo]+convtol {
			break
		}
		for j := range c {
			c[j] = 0
		}
		for _, i := range order[:n] {
			for j, v := range pts[i] {
				c[j] += v
			}
		}
		for j := range c {
			c[j] /= dn
		}
		for j := range xr {
			xr[j] = c[j] + rho*(c[j]-pts[hi][j])
		}
		fr := f(xr)
		evals++
		switch {
		case fr < vals[lo]:
			for j := range xe {
				xe[j] = c[j] + chi*(xr[j]-c[j])
			}
			fe := f(xe)
			evals++
			if fe < fr {
				copy(pts[hi], xe)
				vals[hi] = fe
			} else {
				copy(pts[hi], xr)
				vals[hi] = fr
			}
			continue
		case fr < vals[nh]:
			copy(pts[hi], xr)
			vals[hi] = fr
			continue
		case fr < vals[hi]:
			// Outside contraction.
			for j := range xe {
				xe[j] = c[j] + gam*(xr[j]-c[j])
			}
			fc := f(xe)
			evals++
			if fc <= fr {
				copy(pts[hi], xe)
				vals[hi] = fc
				continue
			}
		default:
			// Inside contraction.
			for j := range xe {
				xe[j] = c[j] + gam*(pts[hi][j]-c[j])
			}
			fc := f(xe)
			evals++
			if fc < vals[hi] {
				copy(pts[hi], xe)
				vals[hi] = fc
				continue
			}
		}
		// Shrink towards the best vertex.
		for _, i := range order[1:] {
			for j := range pts[i] {
				pts[i][j] = pts[lo][j] + sig*(pts[i][j]-pts[lo][j])
			}
			vals[i] = f(pts[i])
			evals++
		}
	}
	b := 0
	for i := range vals {
		if vals[i] < vals[b] {
			b = i
		}
	}
	return pts[b], vals[b]
}

// seasDecompose is the classical decomposition (moving-average trend,
// seasonal means of the detrended values; Kendall & Stuart 1983, R's
// decompose) of y with period m >= 2. It needs len(y) >= 2m. The seasonal
// indices by phase (t mod m) are normalised to sum 0 (additive) or to mean
// 1 (multiplicative, which needs y > 0). trend holds the centred moving
// average on [lo, hi) and is undefined elsewhere.
func seasDecompose(y []float64, m int, mult bool) (seas, trend []float64, lo, hi int) {
	n := len(y)
	trend = make([]float64, n)
	half := m / 2
	lo, hi = half, n-half
	for t := lo; t < hi; t++ {
		var s float64
		if m%2 == 0 {
			// 2 x m moving average for an even period.
			s = 0.5*y[t-half] + 0.5*y[t+half]
			for k := t - half + 1; k < t+half; k++ {
				s += y[k]
			}
		} else {
			for k := t - half; k <= t+half; k++ {
				s += y[k]
			}
		}
		trend[t] = s / float64(m)
	}
	seas = make([]float64, m)
	cnt := make([]int, m)
	for t := lo; t < hi; t++ {
		d := y[t] - trend[t]
		if mult {
			if trend[t] <= 0 {
				continue
			}
			d = y[t] / trend[t]
		}
		seas[t%m] += d
		cnt[t%m]++
	}
	var tot float64
	for j := range seas {
		if cnt[j] > 0 {
			seas[j] /= float64(cnt[j])
		} else if mult {
			seas[j] = 1
		}
		tot += seas[j]
	}
	for j := range seas {
		if mult {
			if tot > 0 {
				seas[j] *= float64(m) / tot
			} else {
				seas[j] = 1
			}
		} else {
			seas[j] -= tot / float64(m)
		}
	}
	return seas, trend, lo, hi
}
