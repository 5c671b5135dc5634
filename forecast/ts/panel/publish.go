package panel

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"lmi/forecast/ts"
)

// Published is the name of the published forecast in a backtest.
const Published = "lmi"

// ChooseConfig sets how the published forecast is chosen.
type ChooseConfig struct {
	// Candidates are the models chosen from; nil means every model of
	// the backtest. The reference is always a candidate.
	Candidates []string
	// Reference is the benchmark and fallback; empty means "naive".
	Reference string
	// K > 1 publishes the median of the best K candidates (the best one
	// alone when fewer qualify) instead of the best.
	K int
	// Margin: a candidate must have a ratio to the reference below
	// 1 - Margin to be chosen over it.
	Margin float64
	// Band gives a series' size band from its training values; nil
	// means SizeBand.
	Band func(train []float64) int
}

func (c ChooseConfig) band() func([]float64) int {
	if c.Band == nil {
		return SizeBand
	}
	return c.Band
}

// SizeBand is the default band of a series by the mean of its training
// values: 0 below 50, 1 for 50-199, 2 from 200.
func SizeBand(train []float64) int {
	var s float64
	for _, v := range train {
		s += v
	}
	switch m := s / float64(max(len(train), 1)); {
	case m >= 200:
		return 2
	case m >= 50:
		return 1
	}
	return 0
}

// Choice is the published model(s) of a band at an origin.
type Choice struct {
	Band int
	// Models[h-1] are the models published h steps ahead.
	Models [][]string
	// Ratio[name][h] is the candidate's pooled MASE over the reference's
	// on the known forecasts they share h steps ahead (h = 0: all steps),
	// N[name][h] the number of those forecasts.
	Ratio map[string][]float64
	N     map[string][]int
}

// Choose picks, for each size band and step, the model(s) to publish at
// origin o (a training length) from the backtest forecasts known at o:
// those with Origin + Step <= o, whose targets are observed by then.
// Each candidate is scored by its pooled MASE over the reference's on
// the forecasts they share in the band at that step (over all steps
// when none is known at the step yet); the lowest ratio wins if below
// 1 - Margin, otherwise the reference is published.
func Choose(p *Panel, res *ts.BacktestResult, o int, cfg ChooseConfig) (map[int]Choice, error) {
	ref := res.Model(cmp.Or(cfg.Reference, ts.Naive{}.Name()))
	if ref < 0 {
		return nil, fmt.Errorf("choose: %w", ts.ErrNoNaive)
	}
	cands := candidates(res, cfg.Candidates, ref)
	band := cfg.band()
	H := res.Horizon
	type tally struct {
		e, r [][]float64 // [model][h]
		n    [][]int
	}
	newTally := func() *tally {
		t := &tally{e: make([][]float64, len(res.Models)), r: make([][]float64, len(res.Models)), n: make([][]int, len(res.Models))}
		for m := range t.e {
			t.e[m], t.r[m], t.n[m] = make([]float64, H+1), make([]float64, H+1), make([]int, H+1)
		}
		return t
	}
	t := map[int]*tally{}
	for i, sb := range res.Series {
		b := band(p.Values[i][:min(o, len(p.Values[i]))])
		if t[b] == nil {
			t[b] = newTally()
		}
		refErr := map[[2]int]float64{}
		for _, pt := range sb.Points {
			if pt.Model == ref && pt.Origin+pt.Step <= o && pt.Scale > 0 {
				refErr[[2]int{pt.Origin, pt.Step}] = math.Abs(pt.Actual-pt.Forecast) / pt.Scale
			}
		}
		for _, pt := range sb.Points {
			if pt.Origin+pt.Step > o || pt.Scale <= 0 || !slices.Contains(cands, pt.Model) {
				continue
			}
			if re, ok := refErr[[2]int{pt.Origin, pt.Step}]; ok {
				e := math.Abs(pt.Actual-pt.Forecast) / pt.Scale
				for _, h := range [2]int{0, pt.Step} {
					t[b].e[pt.Model][h] += e
					t[b].r[pt.Model][h] += re
					t[b].n[pt.Model][h]++
				}
			}
		}
	}
	out := map[int]Choice{}
	for b, tb := range t {
		c := Choice{Band: b, Models: make([][]string, H), Ratio: map[string][]float64{}, N: map[string][]int{}}
		for _, m := range cands {
			r := make([]float64, H+1)
			for h := range r {
				r[h] = math.NaN()
				if tb.n[m][h] > 0 && tb.r[m][h] > 0 {
					r[h] = tb.e[m][h] / tb.r[m][h]
				}
			}
			c.Ratio[res.Models[m]], c.N[res.Models[m]] = r, tb.n[m]
		}
		for h := 1; h <= H; h++ {
			hh := h
			if tb.n[ref][h] == 0 {
				hh = 0
			}
			c.Models[h-1] = best(res.Models, cands, ref, c.Ratio, hh, max(cfg.K, 1), cfg.Margin)
		}
		out[b] = c
	}
	return out, nil
}

// best is the K candidates with the lowest ratio at step h below
// 1 - margin, or the reference when none is.
func best(names []string, cands []int, ref int, ratio map[string][]float64, h, k int, margin float64) []string {
	var ranked []int
	for _, m := range cands {
		if r := ratio[names[m]][h]; m != ref && r < 1-margin {
			ranked = append(ranked, m)
		}
	}
	slices.SortStableFunc(ranked, func(x, y int) int {
		return cmp.Compare(ratio[names[x]][h], ratio[names[y]][h])
	})
	var out []string
	for _, m := range ranked[:min(k, len(ranked))] {
		out = append(out, names[m])
	}
	if len(out) == 0 {
		out = []string{names[ref]}
	}
	return out
}

// candidates are the indices of the named models (all when nil) and the
// reference.
func candidates(res *ts.BacktestResult, names []string, ref int) []int {
	var out []int
	for m, name := range res.Models {
		if m == ref || names == nil && name != Published || slices.Contains(names, name) {
			out = append(out, m)
		}
	}
	return out
}

// Publish adds the published forecast to a backtest as the model
// Published: at every origin of the backtest it is Choose's choice for
// the series' band from the forecasts known at that origin (the median
// of the members' forecasts when K > 1; the reference's where a chosen
// member has no forecast of the series). It returns the extended result
// (res is not changed) and the choices per origin.
func Publish(p *Panel, res *ts.BacktestResult, cfg ChooseConfig) (*ts.BacktestResult, map[int]map[int]Choice, error) {
	if res.Model(Published) >= 0 {
		return nil, nil, fmt.Errorf("publish: the backtest already has %q: %w", Published, ts.ErrConfig)
	}
	ref := res.Model(cmp.Or(cfg.Reference, ts.Naive{}.Name()))
	if ref < 0 {
		return nil, nil, fmt.Errorf("publish: %w", ts.ErrNoNaive)
	}
	band := cfg.band()
	origins := map[int]bool{}
	for _, sb := range res.Series {
		for _, pt := range sb.Points {
			origins[pt.Origin] = true
		}
	}
	choices := map[int]map[int]Choice{}
	for o := range origins {
		c, err := Choose(p, res, o, cfg)
		if err != nil {
			return nil, nil, err
		}
		choices[o] = c
	}
	out := &ts.BacktestResult{Models: append(slices.Clone(res.Models), Published), Horizon: res.Horizon, Series: make([]ts.SeriesBacktest, len(res.Series))}
	pm := len(res.Models)
	for i, sb := range res.Series {
		nb := sb
		nb.Skipped, nb.Failed, nb.Err = append(slices.Clone(sb.Skipped), 0), append(slices.Clone(sb.Failed), 0), append(slices.Clone(sb.Err), nil)
		nb.Points = slices.Clone(sb.Points)
		at := map[[3]int]float64{} // model, origin, step -> forecast
		for _, pt := range sb.Points {
			at[[3]int{pt.Model, pt.Origin, pt.Step}] = pt.Forecast
		}
		vals := make([]float64, 0, 8)
		for _, pt := range sb.Points {
			if pt.Model != ref {
				continue
			}
			ch := choices[pt.Origin][band(p.Values[i][:pt.Origin])]
			members := ch.Models[pt.Step-1]
			vals = vals[:0]
			for _, name := range members {
				if f, ok := at[[3]int{res.Model(name), pt.Origin, pt.Step}]; ok {
					vals = append(vals, f)
				}
			}
			np := pt
			np.Model, np.SD = pm, math.NaN()
			if len(vals) == len(members) {
				np.Forecast = trimmedMean(vals, 0.5)
			}
			nb.Points = append(nb.Points, np)
		}
		out.Series[i] = nb
	}
	return out, choices, nil
}

// Intervals are the calibrated intervals of every model of a backtest:
// for a forecast made at origin o, Calibrate over the same model's
// errors known at o (Origin + Step <= o), each divided by its series'
// unit at o (Units of p.Head(o)), the unit the interval is drawn in: a
// series' past errors and its new forecast are measured against the
// same noise level, known at o.
type Intervals struct {
	Levels []float64
	cal    map[[2]int]*Calibration // model, origin
	units  map[int][]float64       // origin -> unit per series
	res    *ts.BacktestResult
}

// NewIntervals calibrates every model of res, a backtest of p, at every
// origin.
func NewIntervals(p *Panel, res *ts.BacktestResult, levels []float64) *Intervals {
	iv := &Intervals{Levels: levels, cal: map[[2]int]*Calibration{}, units: map[int][]float64{}, res: res}
	for _, sb := range res.Series {
		for _, pt := range sb.Points {
			if iv.units[pt.Origin] == nil {
				iv.units[pt.Origin] = Units(p.Head(pt.Origin))
			}
		}
	}
	for o, u := range iv.units {
		known := make([][]Error, len(res.Models))
		for i, sb := range res.Series {
			for _, pt := range sb.Points {
				if pt.Origin+pt.Step <= o {
					known[pt.Model] = append(known[pt.Model], Error{Origin: pt.Origin, Step: pt.Step, E: (pt.Actual - pt.Forecast) / u[i]})
				}
			}
		}
		for m := range res.Models {
			iv.cal[[2]int{m, o}] = Calibrate(known[m], res.Horizon, levels)
		}
	}
	return iv
}

// Calibration is the calibration of model m's forecasts from origin o.
func (iv *Intervals) Calibration(m, o int) *Calibration { return iv.cal[[2]int{m, o}] }

// Unit is series i's unit at origin o.
func (iv *Intervals) Unit(i, o int) float64 { return iv.units[o][i] }

// Interval implements ts.PointInterval for the backtest it was made from.
func (iv *Intervals) Interval(i, k int, level float64) (lo, hi float64, ok bool) {
	pt := iv.res.Series[i].Points[k]
	l := slices.Index(iv.Levels, level)
	if l < 0 {
		return 0, 0, false
	}
	return iv.cal[[2]int{pt.Model, pt.Origin}].Interval(pt.Forecast, iv.units[pt.Origin][i], pt.Step, l)
}
