package ts

import "math"

// Theta is the Theta method of Assimakopoulos and Nikolopoulos (2000) in
// the form of Hyndman and Billah (2003): simple exponential smoothing
// plus half the slope of the least squares line through the series,
//
//	ŷ_{T+h} = ℓ_T + (b/2)·(h - 1 + 1/α - (1-α)^T/α)
//
// where b is the least squares slope of y on t = 1..T and ℓ_T the level
// of simple exponential smoothing, ℓ_t = α·y_t + (1-α)·ℓ_{t-1},
// ℓ_0 = y_1. α in [0.05, 1] minimises the in-sample one-step squared
// errors (golden-section search, 40 steps). SD is that of simple
// exponential smoothing, σ·sqrt(1 + (h-1)·α²), with σ² the mean squared
// one-step error (T-1 degrees of freedom); nil with fewer than three
// observations.
type Theta struct{}

// Name implements Model.
func (Theta) Name() string { return "theta" }

// MinLength implements Model.
func (Theta) MinLength(int) int { return 2 }

// Forecast implements Model.
func (m Theta) Forecast(s Series, h int) (Forecast, error) {
	if err := checkInput(m, s, h); err != nil {
		return Forecast{}, err
	}
	y := s.Values
	n := len(y)
	// Centre and scale so the fit does not depend on units or overflow.
	loc, spread := y[n-1], 0.0
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
	_, b := lineStart(z)
	sse := func(alpha float64) (float64, float64) {
		l, s := z[0], 0.0
		for _, v := range z[1:] {
			e := v - l
			s += e * e
			l += alpha * e
		}
		return s, l
	}
	lo, hi := 0.05, 1.0
	const g = 0.6180339887498949
	for range 40 {
		a1, a2 := hi-g*(hi-lo), lo+g*(hi-lo)
		s1, _ := sse(a1)
		s2, _ := sse(a2)
		if s1 <= s2 {
			hi = a2
		} else {
			lo = a1
		}
	}
	alpha := (lo + hi) / 2
	ss, level := sse(alpha)
	drift := b / 2 * (1/alpha - math.Pow(1-alpha, float64(n))/alpha)
	f := Forecast{Mean: make([]float64, h)}
	for i := range f.Mean {
		f.Mean[i] = loc + spread*(level+drift+b/2*float64(i))
	}
	if n >= 3 {
		sigma := spread * math.Sqrt(ss/float64(n-1))
		f.SD = make([]float64, h)
		for i := range f.SD {
			f.SD[i] = sigma * math.Sqrt(1+float64(i)*alpha*alpha)
		}
	}
	return finishForecast(m.Name(), f)
}
