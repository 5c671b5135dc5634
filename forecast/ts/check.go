package ts

import (
	"errors"
	"fmt"
	"math"
)

// Errors of the yearly models, matched with errors.Is.
var (
	// ErrNotFinite: an observation (or reference value) is NaN or ±Inf.
	ErrNotFinite = errors.New("value is not finite")
	// ErrHorizon: a forecast was asked for fewer than one step.
	ErrHorizon = errors.New("horizon must be at least 1")
	// ErrNotPositive: a model that works on logs or ratios met a value <= 0.
	ErrNotPositive = errors.New("value is not positive")
	// ErrReference: the share model has no usable Series.Reference.
	ErrReference = errors.New("reference series missing or of the wrong length")
	// ErrOverflow: the fit or projection left the range of float64.
	ErrOverflow = errors.New("forecast is not finite")
)

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkInput applies the checks every model shares: a horizon of at least
// one step, at least MinLength observations, and finite values.
func checkInput(m Model, s Series, h int) error {
	if h < 1 {
		return fmt.Errorf("%s: horizon %d: %w", m.Name(), h, ErrHorizon)
	}
	if need := m.MinLength(s.Period); s.Len() < need {
		return &TooShortError{Model: m.Name(), Have: s.Len(), Need: need}
	}
	for i, v := range s.Values {
		if !isFinite(v) {
			return fmt.Errorf("%s: observation %d is %v: %w", m.Name(), i, v, ErrNotFinite)
		}
	}
	return nil
}

// finishForecast rejects a projection that overflowed and drops a model SD that
// did (the point forecast is still usable without it).
func finishForecast(name string, f Forecast) (Forecast, error) {
	for _, v := range f.Mean {
		if !isFinite(v) {
			return Forecast{}, fmt.Errorf("%s: %w", name, ErrOverflow)
		}
	}
	for _, v := range f.SD {
		if !isFinite(v) || v < 0 {
			f.SD = nil
			break
		}
	}
	return f, nil
}

// rootMeanSquare is sqrt(sum(x²)/(len(x)-dof)) computed with scaling, so
// squares of large values do not overflow. It is NaN when len(x) <= dof.
func rootMeanSquare(x []float64, dof int) float64 {
	n := len(x) - dof
	if n <= 0 {
		return math.NaN()
	}
	var big float64
	for _, v := range x {
		big = max(big, math.Abs(v))
	}
	if big == 0 || math.IsInf(big, 0) {
		return big
	}
	var ss float64
	for _, v := range x {
		r := v / big
		ss += r * r
	}
	return big * math.Sqrt(ss/float64(n))
}

// constSlice is a slice of n copies of v.
func constSlice(v float64, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = v
	}
	return x
}
