package forecast

import (
	"fmt"
	"math"
	"slices"

	"lmi/forecast/ts"
)

// The candidate employment models for yearly series, in the order
// backtests list them.
var yearlyModels = []ts.Model{ts.Naive{}, ts.Drift{}, ts.Damped{}, ts.LogLinear{}, ts.Share{}}

func yearlyModel(name string) (ts.Model, bool) {
	for _, m := range yearlyModels {
		if m.Name() == name {
			return m, true
		}
	}
	return nil, false
}

func yearlyModelNames() []string {
	var ns []string
	for _, m := range yearlyModels {
		ns = append(ns, m.Name())
	}
	return ns
}

// candidates are the models of p, naive always among them (it is the
// benchmark and the fallback).
func candidates(p Params) []ts.Model {
	if len(p.Models) == 0 {
		return yearlyModels
	}
	ms := []ts.Model{ts.Naive{}}
	for _, m := range yearlyModels {
		if m.Name() != "naive" && slices.Contains(p.Models, m.Name()) {
			ms = append(ms, m)
		}
	}
	return ms
}

// projection is the employment projection of one series.
type projection struct {
	pred ts.Prediction
	// back[o][h-1] is the selected model(s)' backtest forecast from
	// training length o, h steps ahead: nil for origins not backtested,
	// NaN where a member had no forecast.
	back [][]float64
}

// projections holds the backtest and the projections of every series.
type projections struct {
	series  []ts.Series
	back    *ts.BacktestResult
	cells   []projection
	horizon int
}

// project backtests every candidate model on every series, selects the
// model(s) for each series (per group of series unless p.PerSeries) and
// projects with them.
func project(series []ts.Series, groups []int, p Params) (*projections, error) {
	models := candidates(p)
	back, err := ts.Backtest(series, models, ts.BacktestConfig{Horizon: p.Horizon, MinTrain: p.MinTrain})
	if err != nil {
		return nil, err
	}
	cfg := ts.SelectConfig{Combine: p.Combine, Margin: p.Margin}
	var sels []ts.Selected
	if p.PerSeries {
		sels, err = ts.Select(back, cfg)
	} else {
		sels, err = ts.SelectGrouped(back, groups, cfg)
	}
	if err != nil {
		return nil, err
	}
	pr := &projections{series: series, back: back, horizon: p.Horizon, cells: make([]projection, len(series))}
	for i, s := range series {
		pred, err := ts.Predict(s, sels[i], models, nil, p.Horizon)
		if err != nil {
			return nil, fmt.Errorf("series %d: %w", i, err)
		}
		pr.cells[i] = projection{pred: pred, back: selectedBacktest(back, i, pred.Selected)}
	}
	return pr, nil
}

// selectedBacktest combines the backtest forecasts of a series' selected
// models with their weights, per origin and step.
func selectedBacktest(back *ts.BacktestResult, i int, sel ts.Selected) [][]float64 {
	sb := back.Series[i]
	out := make([][]float64, sb.Len)
	got := make([][]float64, sb.Len) // weight present per origin and step
	weight := make([]float64, len(back.Models))
	for j, name := range sel.Models {
		weight[back.Model(name)] = sel.Weights[j]
	}
	for _, pt := range sb.Points {
		w := weight[pt.Model]
		if w == 0 {
			continue
		}
		if out[pt.Origin] == nil {
			out[pt.Origin] = make([]float64, back.Horizon)
			got[pt.Origin] = make([]float64, back.Horizon)
		}
		out[pt.Origin][pt.Step-1] += w * pt.Forecast
		got[pt.Origin][pt.Step-1] += w
	}
	for o, v := range out {
		for h := range v {
			if math.Abs(got[o][h]-1) > 1e-9 {
				v[h] = math.NaN() // a member had no forecast here
			}
		}
	}
	return out
}

// published is what a base series contributes to the output: its final
// projection and its backtest forecasts, after reconciliation.
type published struct {
	mean []float64
	back [][]float64
}

// reconcile scales the regional projections of one occupation so that
// they add up to the projection of the level's total (proportional, or
// middle-out, reconciliation), at every backtest origin as at the end: a
// region's forecast is its own model's times total / sum of regions. The
// total's series is large enough for its trend to show; each region's
// small series mostly is not, so alone it would mostly be naive.
func (pr *projections) reconcile(regs []int, total int, out []published) {
	scaleBy := func(get func(i int) []float64, set func(i int, v []float64)) {
		tot := get(total)
		if tot == nil {
			for _, r := range regs {
				set(r, nil)
			}
			return
		}
		f := make([]float64, len(tot))
		for h := range f {
			var sum float64
			for _, r := range regs {
				v := get(r)
				if v == nil {
					sum = math.NaN()
					break
				}
				sum += v[h]
			}
			switch {
			case math.IsNaN(sum) || math.IsNaN(tot[h]):
				f[h] = math.NaN()
			case sum > 0:
				f[h] = tot[h] / sum
			default:
				f[h] = 1 // nothing to share out
			}
		}
		for _, r := range regs {
			v := get(r)
			if v == nil {
				set(r, nil)
				continue
			}
			w := make([]float64, len(v))
			for h := range v {
				w[h] = v[h] * f[h]
			}
			set(r, w)
		}
	}
	scaleBy(func(i int) []float64 { return pr.cells[i].pred.Mean }, func(i int, v []float64) { out[i].mean = v })
	for o := range pr.series[total].Values {
		scaleBy(func(i int) []float64 { return pr.cells[i].back[o] }, func(i int, v []float64) {
			if out[i].back == nil {
				out[i].back = make([][]float64, len(pr.series[i].Values))
			}
			out[i].back[o] = v
		})
	}
}

// bottomUp publishes each series' own projection.
func (pr *projections) bottomUp(i int, out []published) {
	out[i] = published{mean: pr.cells[i].pred.Mean, back: pr.cells[i].back}
}

// sum is a published row's projection: the sum of its base series (one,
// an SSYK 3 group's, or a level's), with the summed history and backtest
// forecasts.
type sum struct {
	hist  []float64
	mean  []float64
	back  [][]float64
	scale float64
}

func (pr *projections) sumOf(parts []int, pub []published) *sum {
	n := len(pr.series[parts[0]].Values)
	s := &sum{hist: make([]float64, n), mean: make([]float64, pr.horizon), back: make([][]float64, n)}
	for _, c := range parts {
		for t, v := range pr.series[c].Values {
			s.hist[t] += v
		}
		for h, v := range pub[c].mean {
			s.mean[h] += v
		}
	}
	for o := range n {
		var acc []float64
		for _, c := range parts {
			var v []float64
			if pub[c].back != nil {
				v = pub[c].back[o]
			}
			if v == nil {
				acc = nil
				break
			}
			if acc == nil {
				acc = make([]float64, pr.horizon)
			}
			for h := range v {
				acc[h] += v[h]
			}
		}
		s.back[o] = acc
	}
	s.scale = ts.Scale(ts.Series{Values: s.hist, Period: 1})
	return s
}

// backtest calls fn for every published backtest forecast of the sum: h
// steps from training length o, the forecast f against the actual y, the
// last training value and the MASE scale of the training data (forecasts
// whose training data have no scale are left out).
func (s *sum) backtest(horizon int, fn func(h int, f, y, last, scale float64)) {
	n := len(s.hist)
	for o := 1; o < n; o++ {
		if s.back[o] == nil {
			continue
		}
		scale := ts.Scale(ts.Series{Values: s.hist[:o], Period: 1})
		if scale == 0 {
			continue
		}
		for h := 1; h <= horizon && o+h-1 < n; h++ {
			if f := s.back[o][h-1]; !math.IsNaN(f) {
				fn(h, f, s.hist[o+h-1], s.hist[o-1], scale)
			}
		}
	}
}

// pooledErrors pools, per step, the scaled backtest errors of sums of one
// kind: published backtest forecasts against the actuals, scaled by the
// MASE scale of the training data.
func pooledErrors(sums []*sum, horizon int) [][]float64 {
	errs := make([][]float64, horizon)
	for _, s := range sums {
		s.backtest(horizon, func(h int, f, y, _, scale float64) {
			errs[h-1] = append(errs[h-1], (y-f)/scale)
		})
	}
	for _, e := range errs {
		slices.Sort(e)
	}
	return errs
}

// dist is the predictive distribution of a sum at step h.
func (s *sum) dist(errs [][]float64, h int) ts.Dist {
	return ts.PooledDist(s.mean[h-1], s.scale, errs, h)
}

// SizeGroups is the number of size groups models are selected for.
const SizeGroups = 10

// sizeGroups places each series in one of n groups of about equal count
// by its last value: series of one size behave alike (small counts are
// mostly noise, large ones show their trends), so one model is chosen for
// each size group from the backtests of all its series.
func sizeGroups(series []ts.Series, n int) []int {
	idx := make([]int, len(series))
	for i := range idx {
		idx[i] = i
	}
	last := func(i int) float64 { v := series[i].Values; return v[len(v)-1] }
	slices.SortStableFunc(idx, func(a, b int) int {
		switch la, lb := last(a), last(b); {
		case la < lb:
			return -1
		case la > lb:
			return 1
		}
		return 0
	})
	g := make([]int, len(series))
	for rank, i := range idx {
		g[i] = rank * n / max(len(series), 1)
	}
	return g
}
