package ts

import (
	"math"
	"slices"
)

// DefaultMinErrors is the fewest pooled backtest errors at a step for an
// empirical interval at that step.
const DefaultMinErrors = 20

// Sources of a Dist.
const (
	SourceEmpirical = "empirical"    // pooled backtest errors at this step
	SourceStandard  = "standardized" // pooled errors/SD at this step, times the SD
	SourceModel     = "model"        // normal with the model's SD
	SourceWidened   = "widened"      // errors of an earlier step, widened by sqrt(h/h0)
	SourceScale     = "scale"        // normal with the naive SD implied by the MASE scale
	SourceCombined  = "combined"     // quantile average of the members' Dists
)

// ErrorModel holds, per model and step, the backtest errors
// (actual - forecast) divided by the MASE scale of their training data,
// pooled over series and sorted. Forecasts whose scale was zero are left
// out.
type ErrorModel struct {
	// MinErrors is the fewest errors at a step for an empirical interval.
	MinErrors int
	// Standardize makes Dist prefer errors divided by the model's own SD
	// (when the model gives one) to errors divided by the MASE scale: the
	// SD follows the training length and the series' noise, which the
	// scale, estimated from few changes, tracks less well.
	Standardize bool
	models      []string
	errs        [][][]float64 // [model][h-1], (actual-forecast)/scale
	std         [][][]float64 // [model][h-1], (actual-forecast)/SD
}

// NewErrorModel pools the scaled errors of a backtest. minErrors <= 0
// means DefaultMinErrors.
func NewErrorModel(res *BacktestResult, minErrors int) *ErrorModel {
	if minErrors <= 0 {
		minErrors = DefaultMinErrors
	}
	nm := len(res.Models)
	e := &ErrorModel{MinErrors: minErrors, models: res.Models, errs: make([][][]float64, nm), std: make([][][]float64, nm)}
	for m := range nm {
		e.errs[m] = make([][]float64, res.Horizon)
		e.std[m] = make([][]float64, res.Horizon)
	}
	for _, sb := range res.Series {
		for _, p := range sb.Points {
			m, k, d := p.Model, p.Step-1, p.Actual-p.Forecast
			if p.Scale > 0 {
				e.errs[m][k] = append(e.errs[m][k], d/p.Scale)
			}
			if p.SD > 0 {
				e.std[m][k] = append(e.std[m][k], d/p.SD)
			}
		}
	}
	for m := range nm {
		for k := range res.Horizon {
			slices.Sort(e.errs[m][k])
			slices.Sort(e.std[m][k])
		}
	}
	return e
}

// Errors is a copy of the sorted scaled errors of model at step h.
func (e *ErrorModel) Errors(model string, h int) []float64 {
	return slices.Clone(e.steps(model, h))
}

func (e *ErrorModel) steps(model string, h int) []float64 {
	if e == nil {
		return nil
	}
	return pick(e.errs, slices.Index(e.models, model), h)
}

func pick(pool [][][]float64, m, h int) []float64 {
	if m < 0 || m >= len(pool) || h < 1 || h > len(pool[m]) {
		return nil
	}
	return pool[m][h-1]
}

// Dist is the predictive distribution of model's forecast point at step h
// for a series with MASE scale scale, sd being the model's SD at that step
// (NaN if none). The rule, first that applies:
//
//  0. with Standardize, a model SD > 0 and at least MinErrors pooled
//     standardized errors at step h: point + sd·error (SourceStandard);
//  1. at least MinErrors pooled errors at step h: point + scale·error,
//     the errors' empirical distribution (SourceEmpirical);
//  2. a finite model SD: normal(point, sd) (SourceModel);
//  3. an earlier step h0 with enough errors (the latest one): its errors
//     times sqrt(h/h0), the random-walk growth (SourceWidened);
//  4. otherwise normal(point, sqrt(π/2)·scale·sqrt(h)): a random walk
//     whose mean absolute step is the series' scale (SourceScale).
//
// A zero scale (constant history) gives a zero-width distribution except
// under rule 2.
func (e *ErrorModel) Dist(model string, h int, point, scale, sd float64) Dist {
	minErr := DefaultMinErrors
	if e != nil {
		minErr = max(e.MinErrors, 1)
	}
	if e != nil && e.Standardize && isFinite(sd) && sd > 0 {
		if x := pick(e.std, slices.Index(e.models, model), h); len(x) >= minErr {
			return Dist{Point: point, Source: SourceStandard, parts: []distPart{{w: sd, errs: x}}}
		}
	}
	if x := e.steps(model, h); len(x) >= minErr {
		return Dist{Point: point, Source: SourceEmpirical, parts: []distPart{{w: scale, errs: x}}}
	}
	if isFinite(sd) && sd >= 0 {
		return Dist{Point: point, Source: SourceModel, parts: []distPart{{w: sd}}}
	}
	for h0 := h - 1; h0 >= 1; h0-- {
		if x := e.steps(model, h0); len(x) >= minErr {
			w := scale * math.Sqrt(float64(h)/float64(h0))
			return Dist{Point: point, Source: SourceWidened, parts: []distPart{{w: w, errs: x}}}
		}
	}
	w := math.Sqrt(math.Pi/2) * scale * math.Sqrt(float64(h))
	return Dist{Point: point, Source: SourceScale, parts: []distPart{{w: w}}}
}

// Dist is a predictive distribution of one future value, given by its
// quantile function Point + Σ w_i·Q_i(p), each Q_i an empirical
// distribution of scaled errors or the standard normal.
type Dist struct {
	Point  float64
	Source string
	parts  []distPart
}

type distPart struct {
	w    float64
	errs []float64 // sorted; nil means standard normal
}

// Quantile is the p-quantile, 0 <= p <= 1. Empirical parts interpolate
// linearly between order statistics (R's type 7).
func (d Dist) Quantile(p float64) float64 {
	q := d.Point
	for _, pt := range d.parts {
		if pt.w == 0 {
			continue
		}
		if pt.errs == nil {
			q += pt.w * normalQuantile(p)
		} else {
			q += pt.w * sortedQuantile(pt.errs, p)
		}
	}
	return q
}

// Interval is the central interval at the nominal level (0.8 for 80%).
func (d Dist) Interval(level float64) (lo, hi float64) {
	a := (1 - level) / 2
	return d.Quantile(a), d.Quantile(1 - a)
}

// CDF is P(value <= x), the inverse of Quantile: for a shortage threshold,
// the probability that the value does not exceed it.
func (d Dist) CDF(x float64) float64 {
	if math.IsNaN(x) {
		return math.NaN()
	}
	// Quantile is non-decreasing in p, so bisect for sup{p: Q(p) <= x}.
	lo, hi := 0.0, 1.0
	if d.Quantile(hi) <= x {
		return 1
	}
	if d.Quantile(lo) > x {
		return 0
	}
	for range 60 {
		mid := (lo + hi) / 2
		if d.Quantile(mid) <= x {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// Combine is the distribution of a weighted combination of forecasts:
// the point is Σ w_i·Point_i and the quantiles are the weighted averages
// of the members' quantiles (Vincentization). Combined errors usually
// spread less than that, so the result errs on the wide side.
func Combine(weights []float64, ds []Dist) Dist {
	out := Dist{Source: SourceCombined}
	for i, d := range ds {
		w := weights[i]
		out.Point += w * d.Point
		for _, pt := range d.parts {
			out.parts = append(out.parts, distPart{w: w * pt.w, errs: pt.errs})
		}
	}
	if len(ds) == 1 {
		out.Source = ds[0].Source
	}
	return out
}

// sortedQuantile is the type 7 quantile of sorted x.
func sortedQuantile(x []float64, p float64) float64 {
	n := len(x)
	if n == 1 {
		return x[0]
	}
	pos := min(max(p, 0), 1) * float64(n-1)
	i := int(pos)
	if i >= n-1 {
		return x[n-1]
	}
	return x[i] + (pos-float64(i))*(x[i+1]-x[i])
}
