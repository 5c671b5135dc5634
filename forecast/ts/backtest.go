package ts

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// BacktestConfig sets up a rolling-origin backtest.
type BacktestConfig struct {
	// Horizon is the most steps forecast from each origin (>= 1).
	Horizon int
	// MinTrain is the shortest training set, the first origin. Zero means,
	// per series, the largest MinLength of the models and at least 3 for
	// yearly series (2·Period for seasonal ones), so every model is
	// compared on the same origins.
	MinTrain int
	// Origins, when not empty, lists the training lengths to use instead
	// of MinTrain..n-1; those outside 1..n-1 of a series are ignored.
	Origins []int
	// Workers is the number of goroutines; zero means GOMAXPROCS. The
	// result does not depend on it.
	Workers int
}

// Point is one backtest forecast: model Model, fitted on the first Origin
// observations, Step steps ahead.
type Point struct {
	Model    int // index in BacktestResult.Models
	Origin   int // training length; the forecast targets Values[Origin+Step-1]
	Step     int // h, 1-based
	Actual   float64
	Forecast float64
	// SD is the model's SD at this step, NaN when it gives none.
	SD float64
	// Last is the last training value, Values[Origin-1].
	Last float64
	// Scale is the MASE scale of the training data (see Scale); 0 when it
	// is zero or undefined.
	Scale float64
}

// SeriesBacktest is the backtest of one series.
type SeriesBacktest struct {
	Len, Period int
	// Points are ordered by model, then origin, then step.
	Points []Point
	// Skipped[m] counts origins where model m said the training data were
	// too short (*TooShortError).
	Skipped []int
	// Failed[m] counts origins where model m gave any other error, and
	// Err[m] is the first of them.
	Failed []int
	Err    []error
}

// BacktestResult holds every backtest forecast, series in input order.
type BacktestResult struct {
	Models  []string
	Horizon int
	Series  []SeriesBacktest
}

// Model is the index of the named model, or -1.
func (r *BacktestResult) Model(name string) int { return slices.Index(r.Models, name) }

// ErrConfig reports an unusable backtest or selection setting.
var ErrConfig = errors.New("invalid configuration")

// Backtest runs a rolling-origin backtest: for every series, model and
// origin o it fits the model on s.Head(o) only and compares its forecasts
// of the next min(Horizon, n-o) steps with the observations. Series must
// hold finite values.
func Backtest(series []Series, models []Model, cfg BacktestConfig) (*BacktestResult, error) {
	if cfg.Horizon < 1 {
		return nil, fmt.Errorf("backtest: horizon %d: %w", cfg.Horizon, ErrConfig)
	}
	if len(models) == 0 {
		return nil, fmt.Errorf("backtest: no models: %w", ErrConfig)
	}
	res := &BacktestResult{Horizon: cfg.Horizon, Series: make([]SeriesBacktest, len(series))}
	for _, m := range models {
		if slices.Contains(res.Models, m.Name()) {
			return nil, fmt.Errorf("backtest: model %q given twice: %w", m.Name(), ErrConfig)
		}
		res.Models = append(res.Models, m.Name())
	}
	for i, s := range series {
		for j, v := range s.Values {
			if !isFinite(v) {
				return nil, fmt.Errorf("backtest: series %d, observation %d is %v: %w", i, j, v, ErrNotFinite)
			}
		}
	}

	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(len(series), 1))
	// Each series is one job writing its own slot, so order is fixed.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(series) {
					return
				}
				res.Series[i] = backtestSeries(series[i], models, cfg)
			}
		})
	}
	wg.Wait()
	return res, nil
}

// backtestOrigins lists the training lengths used for s.
func backtestOrigins(s Series, models []Model, cfg BacktestConfig) []int {
	n := s.Len()
	var list []int
	if len(cfg.Origins) > 0 {
		for _, o := range cfg.Origins {
			if o >= 1 && o < n {
				list = append(list, o)
			}
		}
		slices.Sort(list)
		return slices.Compact(list)
	}
	first := cfg.MinTrain
	if first <= 0 {
		first = 3
		if s.Period > 1 {
			first = 2 * s.Period
		}
		for _, m := range models {
			first = max(first, m.MinLength(s.Period))
		}
	}
	for o := max(first, 1); o < n; o++ {
		list = append(list, o)
	}
	return list
}

func backtestSeries(s Series, models []Model, cfg BacktestConfig) SeriesBacktest {
	n := s.Len()
	sb := SeriesBacktest{
		Len: n, Period: s.Period,
		Skipped: make([]int, len(models)),
		Failed:  make([]int, len(models)),
		Err:     make([]error, len(models)),
	}
	list := backtestOrigins(s, models, cfg)
	scales := make([]float64, len(list))
	for i, o := range list {
		scales[i] = Scale(s.Head(o))
	}
	for mi, m := range models {
		for oi, o := range list {
			h := min(cfg.Horizon, n-o)
			f, err := checkedForecast(m, s.Head(o), h)
			switch {
			case errors.Is(err, ErrTooShort):
				sb.Skipped[mi]++
				continue
			case err != nil:
				sb.Failed[mi]++
				if sb.Err[mi] == nil {
					sb.Err[mi] = err
				}
				continue
			}
			for k := range h {
				p := Point{
					Model: mi, Origin: o, Step: k + 1,
					Actual: s.Values[o+k], Forecast: f.Mean[k],
					SD: math.NaN(), Last: s.Values[o-1], Scale: scales[oi],
				}
				if k < len(f.SD) {
					p.SD = f.SD[k]
				}
				sb.Points = append(sb.Points, p)
			}
		}
	}
	return sb
}

// checkedForecast is m.Forecast with the contract enforced: a panic, too
// few steps or a non-finite forecast become errors, so one faulty model
// cannot take down or poison a batch run.
func checkedForecast(m Model, s Series, h int) (Forecast, error) {
	f, err := safeForecast(m, s, h)
	if err != nil {
		return f, err
	}
	if len(f.Mean) < h {
		return f, fmt.Errorf("%s: %d forecasts for horizon %d", m.Name(), len(f.Mean), h)
	}
	for _, v := range f.Mean[:h] {
		if !isFinite(v) {
			return f, fmt.Errorf("%s: %w", m.Name(), ErrOverflow)
		}
	}
	return f, nil
}

// safeForecast turns a model's panic into an error.
func safeForecast(m Model, s Series, h int) (f Forecast, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: panic: %v", m.Name(), r)
		}
	}()
	return m.Forecast(s, h)
}

// Scale is the MASE scale of s (Hyndman and Koehler 2006): the mean
// absolute in-sample error of the naive forecast, at lag Period when
// Period > 1 (seasonal naive) and lag 1 otherwise. It is 0 when the series
// has no more observations than the lag.
func Scale(s Series) float64 {
	lag := max(s.Period, 1)
	y := s.Values
	if len(y) <= lag {
		return 0
	}
	// A running mean, so large values do not overflow the sum.
	var sc float64
	for t := lag; t < len(y); t++ {
		sc += (math.Abs(y[t]-y[t-lag]) - sc) / float64(t-lag+1)
	}
	if !isFinite(sc) {
		return 0
	}
	return sc
}
