package ts

import "math"

// Naive is the random-walk forecast: every step equals the last
// observation. Its SD is sigma*sqrt(h), with sigma the root mean square
// of the one-step changes (the in-sample naive errors); nil with a
// single observation.
type Naive struct{}

// Name implements Model.
func (Naive) Name() string { return "naive" }

// MinLength implements Model.
func (Naive) MinLength(int) int { return 1 }

// Forecast implements Model.
func (m Naive) Forecast(s Series, h int) (Forecast, error) {
	if err := checkInput(m, s, h); err != nil {
		return Forecast{}, err
	}
	y := s.Values
	n := len(y)
	f := Forecast{Mean: constSlice(y[n-1], h)}
	if n >= 2 {
		sigma := rootMeanSquare(firstDiffs(y), 0)
		f.SD = make([]float64, h)
		for i := range f.SD {
			f.SD[i] = sigma * math.Sqrt(float64(i+1))
		}
	}
	return finishForecast(m.Name(), f)
}

// firstDiffs is the first differences of y.
func firstDiffs(y []float64) []float64 {
	if len(y) < 2 {
		return nil
	}
	d := make([]float64, len(y)-1)
	for i := range d {
		d[i] = y[i+1] - y[i]
	}
	return d
}
