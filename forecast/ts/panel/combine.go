package panel

import (
	"fmt"
	"slices"

	"lmi/forecast/ts"
)

// Combination is a robust combination of models: per series and step the
// mean of the members' forecasts after dropping the Trim share of the
// lowest and the highest ones,
//
//	ŷ = mean(f_(k+1), ..., f_(M-k)),  k = floor(Trim·M),
//
// the members' forecasts sorted, with M-2k >= 1 kept. Trim 0 is the mean
// and Trim 0.5 the median (the mean of the two middle forecasts when M
// is even). A member that does not forecast a series is left out for
// that series. SD is nil.
type Combination struct {
	// Label is the model's name.
	Label   string
	Members []Model
	// Trim is the share trimmed at each end, 0 <= Trim <= 0.5.
	Trim float64
}

// Median is the median of the members' forecasts.
func Median(label string, members ...Model) Combination {
	return Combination{Label: label, Members: members, Trim: 0.5}
}

// Name implements Model.
func (c Combination) Name() string { return c.Label }

// ForecastPanel implements Model.
func (c Combination) ForecastPanel(p *Panel, h int) ([]ts.Forecast, error) {
	if len(c.Members) == 0 || c.Trim < 0 || c.Trim > 0.5 {
		return nil, fmt.Errorf("%s: %d members, trim %v: %w", c.Name(), len(c.Members), c.Trim, ts.ErrConfig)
	}
	fs := make([][]ts.Forecast, len(c.Members))
	for j, m := range c.Members {
		f, err := safePanel(m, p, h)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name(), err)
		}
		fs[j] = f
	}
	out := make([]ts.Forecast, len(p.Values))
	vals := make([]float64, 0, len(c.Members))
	for i := range out {
		mean := make([]float64, h)
		for k := range h {
			vals = vals[:0]
			for j := range fs {
				if len(fs[j][i].Mean) >= h {
					vals = append(vals, fs[j][i].Mean[k])
				}
			}
			if len(vals) == 0 {
				mean = nil
				break
			}
			mean[k] = trimmedMean(vals, c.Trim)
		}
		out[i] = ts.Forecast{Mean: mean}
	}
	return out, nil
}

// trimmedMean sorts x and averages it without floor(trim·len) values at
// each end, keeping at least one (two for an even length at trim 0.5).
func trimmedMean(x []float64, trim float64) float64 {
	slices.Sort(x)
	k := int(trim * float64(len(x)))
	if 2*k >= len(x) {
		k = (len(x) - 1) / 2
	}
	var s float64
	for _, v := range x[k : len(x)-k] {
		s += v
	}
	return s / float64(len(x)-2*k)
}
