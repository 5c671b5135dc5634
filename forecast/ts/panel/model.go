package panel

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"lmi/forecast/ts"
)

// A Model forecasts every series of a panel. Implementations are
// stateless values, safe for concurrent use.
type Model interface {
	// Name is a short stable identifier, used in outputs.
	Name() string
	// ForecastPanel fits the model to p, which holds only the data known
	// at the forecast origin (see Panel.Head), and projects every series
	// h >= 1 steps: out[i] is series i's forecast, with a nil Mean for a
	// series the model cannot forecast (too short, a value it cannot
	// take). An error means no series could be forecast.
	ForecastPanel(p *Panel, h int) ([]ts.Forecast, error)
}

// PerSeries is a ts.Model applied to each series on its own. Reference
// hands each series its region's total as ts.Series.Reference (for
// ts.Share).
type PerSeries struct {
	Model     ts.Model
	Reference bool
}

// Name implements Model.
func (m PerSeries) Name() string { return m.Model.Name() }

// ForecastPanel implements Model. It runs on GOMAXPROCS goroutines; a
// series whose fit fails, panics or gives a non-finite forecast gets no
// forecast.
func (m PerSeries) ForecastPanel(p *Panel, h int) ([]ts.Forecast, error) {
	if h < 1 {
		return nil, fmt.Errorf("%s: horizon %d: %w", m.Name(), h, ts.ErrHorizon)
	}
	var regions map[string][]float64
	if m.Reference {
		regions = p.Sum(func(k Key) string { return k.Region })
	}
	out := make([]ts.Forecast, len(p.Values))
	parallel(len(p.Values), func(i int) {
		s := ts.Series{Values: p.Values[i], Period: p.Period}
		if m.Reference {
			s.Reference = regions[p.Keys[i].Region]
		}
		if f, err := safeForecast(m.Model, s, h); err == nil {
			out[i] = f
		}
	})
	return out, nil
}

// safeForecast is m.Forecast with a panic, too few steps or a non-finite
// value turned into an error.
func safeForecast(m ts.Model, s ts.Series, h int) (f ts.Forecast, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: panic: %v", m.Name(), r)
		}
	}()
	f, err = m.Forecast(s, h)
	if err != nil {
		return ts.Forecast{}, err
	}
	if len(f.Mean) < h {
		return ts.Forecast{}, fmt.Errorf("%s: %d forecasts for horizon %d", m.Name(), len(f.Mean), h)
	}
	for _, v := range f.Mean[:h] {
		if !finite(v) {
			return ts.Forecast{}, fmt.Errorf("%s: %w", m.Name(), ts.ErrOverflow)
		}
	}
	return f, nil
}

// parallel runs f(0..n-1) on GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

// ErrNoForecast: a model forecast none of the series.
var ErrNoForecast = errors.New("no series could be forecast")
