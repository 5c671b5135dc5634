package ts

import "math"

// Damped is Holt's linear trend with a damped trend, ETS(A,Ad,N) in the
// error-correction form of Hyndman et al. (2008):
//
//	e_t = y_t - (l_{t-1} + phi*b_{t-1})
//	l_t = l_{t-1} + phi*b_{t-1} + alpha*e_t
//	b_t = phi*b_{t-1} + beta*e_t
//	ŷ_{T+h} = l_T + (phi + phi² + ... + phi^h)*b_T
//
// The initial level and trend are the intercept and slope of a least
// squares line through the first min(T, 10) observations (the heuristic of
// Hyndman's ets). alpha in [1e-4, 0.9999], beta in [1e-4·alpha, 0.9999·alpha]
// and phi in [0.8, 0.98] minimise the in-sample one-step SSE: a grid
// search followed by a compass search, both deterministic. The series is
// centred and scaled before the fit, so the fit does not depend on units.
//
// SD is the ETS(A,Ad,N) formula sigma²·(1 + sum_{j<h} c_j²) with
// c_j = alpha + beta·phi·(1-phi^j)/(1-phi), and sigma² = SSE/max(T-3, 1)
// (three fitted smoothing parameters).
type Damped struct{}

// Name implements Model.
func (Damped) Name() string { return "damped" }

// MinLength implements Model.
func (Damped) MinLength(int) int { return 4 }

// Bounds of the damping parameter.
const (
	phiMin = 0.8
	phiMax = 0.98
)

// Forecast implements Model.
func (m Damped) Forecast(s Series, h int) (Forecast, error) {
	if err := checkInput(m, s, h); err != nil {
		return Forecast{}, err
	}
	y := s.Values
	n := len(y)

	// Centre on the mean (running, so it cannot overflow) and scale by the
	// largest deviation; a constant series keeps scale 1 and fits zeros.
	var loc float64
	for i, v := range y {
		loc += (v - loc) / float64(i+1)
	}
	var spread float64
	for _, v := range y {
		spread = max(spread, math.Abs(v-loc))
	}
	if spread == 0 {
		spread = 1
	}
	z := make([]float64, n)
	for i, v := range y {
		z[i] = (v - loc) / spread
	}

	fit := fitDamped(z)
	l, b := fit.states(z)
	sigma2 := fit.sse / float64(max(n-3, 1))

	f := Forecast{Mean: make([]float64, h), SD: make([]float64, h)}
	var phiSum, phiPow float64 = 0, 1 // phi + ... + phi^j
	var v float64 = 1                 // 1 + sum_{j<h} c_j²
	for i := range f.Mean {
		phiPow *= fit.phi
		phiSum += phiPow
		f.Mean[i] = loc + spread*(l+phiSum*b)
		f.SD[i] = spread * math.Sqrt(sigma2*v)
		c := fit.alpha + fit.beta*phiSum
		v += c * c
	}
	return finishForecast(m.Name(), f)
}

// dampedFit is a fitted ETS(A,Ad,N) on a normalised series.
type dampedFit struct {
	alpha, beta, phi float64
	l0, b0           float64
	sse              float64
}

// sumSq is the one-step SSE with the given parameters.
func (d *dampedFit) sumSq(z []float64, alpha, beta, phi float64) float64 {
	l, b := d.l0, d.b0
	var sse float64
	for _, y := range z {
		f := l + phi*b
		e := y - f
		sse += e * e
		l = f + alpha*e
		b = phi*b + beta*e
	}
	return sse
}

// states runs the filter with the fitted parameters and returns the last
// level and trend.
func (d *dampedFit) states(z []float64) (l, b float64) {
	l, b = d.l0, d.b0
	for _, y := range z {
		f := l + d.phi*b
		e := y - f
		l = f + d.alpha*e
		b = d.phi*b + d.beta*e
	}
	return l, b
}

// fitDamped estimates alpha, beta = r·alpha and phi. Working in r keeps
// the constraint beta < alpha a box, so grid and compass search stay
// simple.
func fitDamped(z []float64) dampedFit {
	d := dampedFit{}
	d.l0, d.b0 = lineStart(z[:min(len(z), 10)])

	const lo, hi = 1e-4, 0.9999
	bounds := [3][2]float64{{lo, hi}, {lo, hi}, {phiMin, phiMax}}
	obj := func(p [3]float64) float64 {
		return d.sumSq(z, p[0], p[0]*p[1], p[2])
	}

	best := [3]float64{0.5, 0.5, 0.9}
	bestF := math.Inf(1)
	for _, a := range [...]float64{0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95} {
		for _, r := range [...]float64{0.05, 0.25, 0.5, 0.75, 0.95} {
			for _, phi := range [...]float64{0.8, 0.85, 0.9, 0.95, 0.98} {
				p := [3]float64{a, r, phi}
				if v := obj(p); v < bestF {
					best, bestF = p, v
				}
			}
		}
	}

	// Compass search: try a step either way along each axis, move on a
	// strict improvement, halve the steps when nothing improves.
	step := [3]float64{0.075, 0.1, 0.025}
	for range 24 {
		moved := false
		for k := range 3 {
			for _, sign := range [...]float64{-1, 1} {
				p := best
				p[k] = min(max(p[k]+sign*step[k], bounds[k][0]), bounds[k][1])
				if v := obj(p); v < bestF {
					best, bestF, moved = p, v, true
				}
			}
		}
		if !moved {
			for k := range step {
				step[k] /= 2
			}
		}
	}
	d.alpha, d.beta, d.phi = best[0], best[0]*best[1], best[2]
	d.sse = bestF
	return d
}

// lineStart is the least squares line through z against t = 1..len(z):
// its value at t = 0 and its slope.
func lineStart(z []float64) (level, slope float64) {
	n := float64(len(z))
	tbar := (n + 1) / 2
	var zbar float64
	for i, v := range z {
		zbar += (v - zbar) / float64(i+1)
	}
	var sxy, sxx float64
	for i, v := range z {
		dt := float64(i+1) - tbar
		sxy += dt * (v - zbar)
		sxx += dt * dt
	}
	if sxx > 0 {
		slope = sxy / sxx
	}
	return zbar - slope*tbar, slope
}
