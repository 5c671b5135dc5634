package ts

import "fmt"

// Share is the share-of-region model: the series is a share of its
// Series.Reference (the region's total), share_t = y_t / ref_t. The
// reference is projected with Damped (with Drift when it has fewer than
// four observations) and the share with a damped line,
//
//	share_{T+h} = a + b·T + b·(ψ + ψ² + ... + ψ^h),  ψ = 0.8,
//
// where a + b·t is the least squares line through the shares. The line,
// rather than the last share plus the mean change, averages out the noise
// of small cells: on synthetic series whose share is stable or trending
// with noise it did clearly better, and on a random-walk share somewhat
// worse, where naive and damped serve anyway. The projected share is kept
// in [0, 1] (widened to the observed shares if the data already lie
// outside it) and the projected reference at >= 0. The forecast is
// share × reference. SD is nil: intervals come from backtest errors.
//
// Reference must have one value > 0 per observation, otherwise Forecast
// returns an error wrapping ErrReference or ErrNotPositive.
type Share struct{}

// Name implements Model.
func (Share) Name() string { return "share" }

// MinLength implements Model.
func (Share) MinLength(int) int { return 3 }

// shareDamping is ψ: shares of small cells are noisy, so their trend is
// damped hard (in total at most ψ/(1-ψ) = 4 years of the slope).
const shareDamping = 0.8

// Forecast implements Model.
func (m Share) Forecast(s Series, h int) (Forecast, error) {
	if err := checkInput(m, s, h); err != nil {
		return Forecast{}, err
	}
	n := s.Len()
	if len(s.Reference) != n {
		return Forecast{}, fmt.Errorf("%s: %d reference values for %d observations: %w", m.Name(), len(s.Reference), n, ErrReference)
	}
	share := make([]float64, n)
	lo, hi := 0.0, 1.0
	for i, r := range s.Reference {
		if !isFinite(r) {
			return Forecast{}, fmt.Errorf("%s: reference %d is %v: %w", m.Name(), i, r, ErrNotFinite)
		}
		if r <= 0 {
			return Forecast{}, fmt.Errorf("%s: reference %d is %v: %w", m.Name(), i, r, ErrNotPositive)
		}
		share[i] = s.Values[i] / r
		lo, hi = min(lo, share[i]), max(hi, share[i])
	}

	var refModel Model = Damped{}
	if n < refModel.MinLength(s.Period) {
		refModel = Drift{}
	}
	ref, err := refModel.Forecast(Series{Values: s.Reference, Period: s.Period}, h)
	if err != nil {
		return Forecast{}, fmt.Errorf("%s: reference: %w", m.Name(), err)
	}

	a, b := lineStart(share)
	level := a + b*float64(n)
	f := Forecast{Mean: make([]float64, h)}
	var cum, pow float64 = 0, 1
	for i := range f.Mean {
		pow *= shareDamping
		cum += pow
		sh := min(max(level+b*cum, lo), hi)
		f.Mean[i] = sh * max(ref.Mean[i], 0)
	}
	return finishForecast(m.Name(), f)
}
