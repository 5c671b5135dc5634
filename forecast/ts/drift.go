package ts

import "math"

// Drift is the random walk with drift: the last observation plus h times
// the mean change, (y_T - y_1)/(T-1). Its SD follows Hyndman and
// Athanasopoulos (fpp3, table 5.2): sigma*sqrt(h*(1+h/(T-1))), with sigma
// the residual SD of the changes about their mean (T-2 degrees of
// freedom), so it needs three observations; with two, SD is nil.
type Drift struct{}

// Name implements Model.
func (Drift) Name() string { return "drift" }

// MinLength implements Model.
func (Drift) MinLength(int) int { return 2 }

// Forecast implements Model.
func (m Drift) Forecast(s Series, h int) (Forecast, error) {
	if err := checkInput(m, s, h); err != nil {
		return Forecast{}, err
	}
	y := s.Values
	n := len(y)
	// Divide before subtracting so values near ±MaxFloat64 do not overflow.
	k := float64(n - 1)
	b := y[n-1]/k - y[0]/k
	f := Forecast{Mean: make([]float64, h)}
	for i := range f.Mean {
		f.Mean[i] = y[n-1] + float64(i+1)*b
	}
	if n >= 3 {
		d := firstDiffs(y)
		for i := range d {
			d[i] -= b
		}
		sigma := rootMeanSquare(d, 1)
		f.SD = make([]float64, h)
		for i := range f.SD {
			hh := float64(i + 1)
			f.SD[i] = sigma * math.Sqrt(hh*(1+hh/k))
		}
	}
	return finishForecast(m.Name(), f)
}
