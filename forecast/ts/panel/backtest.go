package panel

import (
	"fmt"
	"math"
	"slices"

	"lmi/forecast/ts"
)

// Config sets up a panel backtest.
type Config struct {
	// Horizon is the most steps forecast from each origin (>= 1).
	Horizon int
	// Origins are the training lengths (origins) to forecast from; those
	// outside 1..n-1 are ignored. Nil means every origin from 2 to n-1:
	// the early ones feed Choose and Calibrate, which at an origin use
	// only forecasts whose target is known by then.
	Origins []int
}

// Backtest runs a rolling-origin backtest of panel models: for every
// origin o each model forecasts the whole panel from p.Head(o) alone,
// and each forecast is recorded with its actual, the last training value
// and the MASE scale of the series' training data (ts.Scale), as
// ts.Backtest records them. The result works with ts.Evaluate,
// ts.Select, ts.NewErrorModel and Compare. A series a model does not
// forecast at an origin counts in SeriesBacktest.Skipped; a model whose
// ForecastPanel fails counts in Failed for every series, with its error.
func Backtest(p *Panel, models []Model, cfg Config) (*ts.BacktestResult, error) {
	if cfg.Horizon < 1 {
		return nil, fmt.Errorf("panel backtest: horizon %d: %w", cfg.Horizon, ts.ErrConfig)
	}
	if len(models) == 0 {
		return nil, fmt.Errorf("panel backtest: no models: %w", ts.ErrConfig)
	}
	res := &ts.BacktestResult{Horizon: cfg.Horizon, Series: make([]ts.SeriesBacktest, len(p.Values))}
	for _, m := range models {
		if slices.Contains(res.Models, m.Name()) {
			return nil, fmt.Errorf("panel backtest: model %q given twice: %w", m.Name(), ts.ErrConfig)
		}
		res.Models = append(res.Models, m.Name())
	}
	n := p.Len()
	for i := range res.Series {
		res.Series[i] = ts.SeriesBacktest{
			Len: n, Period: p.Period,
			Skipped: make([]int, len(models)), Failed: make([]int, len(models)), Err: make([]error, len(models)),
		}
	}
	origins := origins(cfg.Origins, n)
	scales := make([][]float64, len(origins))
	for oi, o := range origins {
		scales[oi] = make([]float64, len(p.Values))
		for i, v := range p.Values {
			scales[oi][i] = ts.Scale(ts.Series{Values: v[:o], Period: p.Period})
		}
	}
	for mi, m := range models {
		for oi, o := range origins {
			h := min(cfg.Horizon, n-o)
			fs, err := safePanel(m, p.Head(o), h)
			for i := range p.Values {
				sb := &res.Series[i]
				switch {
				case err != nil:
					sb.Failed[mi]++
					if sb.Err[mi] == nil {
						sb.Err[mi] = err
					}
					continue
				case len(fs[i].Mean) < h:
					sb.Skipped[mi]++
					continue
				}
				for k := range h {
					pt := ts.Point{
						Model: mi, Origin: o, Step: k + 1,
						Actual: p.Values[i][o+k], Forecast: fs[i].Mean[k], SD: math.NaN(),
						Last: p.Values[i][o-1], Scale: scales[oi][i],
					}
					if k < len(fs[i].SD) {
						pt.SD = fs[i].SD[k]
					}
					sb.Points = append(sb.Points, pt)
				}
			}
		}
	}
	return res, nil
}

// origins lists the training lengths of a backtest on n observations.
func origins(list []int, n int) []int {
	var out []int
	if list == nil {
		for o := 2; o < n; o++ {
			out = append(out, o)
		}
		return out
	}
	for _, o := range list {
		if o >= 1 && o < n {
			out = append(out, o)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// safePanel is m.ForecastPanel with the contract enforced: a panic or a
// wrong number of forecasts is an error, and a series' forecast that is
// short or not finite is dropped.
func safePanel(m Model, p *Panel, h int) (fs []ts.Forecast, err error) {
	defer func() {
		if r := recover(); r != nil {
			fs, err = nil, fmt.Errorf("%s: panic: %v", m.Name(), r)
		}
	}()
	fs, err = m.ForecastPanel(p, h)
	if err != nil {
		return nil, err
	}
	if len(fs) != len(p.Values) {
		return nil, fmt.Errorf("%s: %d forecasts for %d series: %w", m.Name(), len(fs), len(p.Values), ErrShape)
	}
	for i, f := range fs {
		if len(f.Mean) < h || slices.ContainsFunc(f.Mean[:h], func(v float64) bool { return !finite(v) }) {
			fs[i] = ts.Forecast{}
		}
	}
	return fs, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
