package ts

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Reasons given in Selected.Reason.
const (
	ReasonBest      = "lowest backtest MASE"
	ReasonCombined  = "inverse-MASE combination of the best models"
	ReasonNaiveBest = "naive best"
	ReasonTooShort  = "too short to do better than naive"
	ReasonConstant  = "constant history: MASE undefined, naive"
	ReasonFallback  = "selected models failed on the full series, naive"
)

// DefaultShrink is the default SelectConfig.Shrink, about one short
// series' worth of backtest forecasts (8 points, origins 4 to 7, horizon
// 4 give 10). On synthetic trend and random-walk series it beat both no
// pooling and full pooling (see synthetic_test.go).
const DefaultShrink = 10

// SelectConfig sets how Select chooses models.
type SelectConfig struct {
	// Combine makes Select weight the best K models by 1/Score instead of
	// picking the best one.
	Combine bool
	// K is the most models in a combination; zero means 3.
	K int
	// MinOrigins is the fewest common backtest origins a series needs
	// before anything but naive is chosen; zero means 2.
	MinOrigins int
	// Shrink pulls each series' MASE towards the model's MASE pooled over
	// all series, as if Shrink forecasts at the pooled value were added to
	// the series' own: with 5 to 10 yearly points a series has a handful
	// of backtest forecasts, too few to rank models alone. Zero means
	// DefaultShrink; negative means no pooling.
	Shrink float64
	// Margin is how much a model must beat naive by: its MASE must be
	// below (1-Margin) times naive's. Zero means any improvement.
	Margin float64
}

// Selected is the choice for one series.
type Selected struct {
	// Models and Weights are the chosen model(s) and their weights (summing
	// to 1); one model with weight 1 unless combined.
	Models  []string
	Weights []float64
	// MASE is the backtest MASE of each candidate over the common origins;
	// models without forecasts at every one of them are not candidates.
	// Score is MASE shrunk towards the pooled MASE, which ranks and
	// weights the candidates.
	MASE, Score map[string]float64
	// Origins is the number of common origins compared.
	Origins int
	Reason  string
}

// ErrNoNaive: selection needs the naive model in the backtest, since naive
// is both the benchmark and the fallback.
var ErrNoNaive = errors.New(`backtest has no "naive" model`)

// Select chooses, per series of the backtest, the model with the lowest
// MASE or an inverse-MASE combination. Candidates are the models with no
// errors other than too-short ones, compared on the origins where every
// candidate has forecasts (forecasts with a zero scale do not count), each
// series' MASE shrunk towards the pooled MASE (SelectConfig.Shrink).
// Naive is chosen, with the reason, when fewer than MinOrigins origins are
// common, when MASE is undefined, or when no model beats naive (ties go to
// naive, other ties to the earlier model of the backtest).
func Select(res *BacktestResult, cfg SelectConfig) ([]Selected, error) {
	naive := res.Model(Naive{}.Name())
	if naive < 0 {
		return nil, fmt.Errorf("select: %w", ErrNoNaive)
	}
	if cfg.K == 0 {
		cfg.K = 3
	}
	if cfg.MinOrigins == 0 {
		cfg.MinOrigins = 2
	}
	if cfg.Shrink == 0 {
		cfg.Shrink = DefaultShrink
	}
	if cfg.K < 1 || cfg.MinOrigins < 1 || cfg.Margin < 0 || cfg.Margin >= 1 {
		return nil, fmt.Errorf("select: K %d, MinOrigins %d, Margin %v: %w", cfg.K, cfg.MinOrigins, cfg.Margin, ErrConfig)
	}
	pooled := make([]float64, len(res.Models))
	cnt := make([]int, len(res.Models))
	for _, sb := range res.Series {
		for _, p := range sb.Points {
			if p.Scale > 0 {
				pooled[p.Model] += math.Abs(p.Actual-p.Forecast) / p.Scale
				cnt[p.Model]++
			}
		}
	}
	for m := range pooled {
		pooled[m] = meanOrNaN(pooled[m], cnt[m])
	}
	out := make([]Selected, len(res.Series))
	for i, sb := range res.Series {
		out[i] = selectSeries(sb, res.Models, naive, pooled, cfg)
	}
	return out, nil
}

func naiveChoice(reason string, mase, score map[string]float64, origins int) Selected {
	return Selected{Models: []string{Naive{}.Name()}, Weights: []float64{1}, MASE: mase, Score: score, Origins: origins, Reason: reason}
}

func selectSeries(sb SeriesBacktest, names []string, naive int, pooled []float64, cfg SelectConfig) Selected {
	// Origins per model; candidates have some and no hard failures.
	originsOf := make([][]int, len(names))
	for _, p := range sb.Points {
		if o := originsOf[p.Model]; len(o) == 0 || o[len(o)-1] != p.Origin {
			originsOf[p.Model] = append(o, p.Origin)
		}
	}
	var cands []int
	for m := range names {
		if len(originsOf[m]) > 0 && sb.Failed[m] == 0 {
			cands = append(cands, m)
		}
	}
	if !slices.Contains(cands, naive) {
		return naiveChoice(ReasonTooShort, nil, nil, 0)
	}
	common := originsOf[naive]
	for _, m := range cands {
		common = slices.DeleteFunc(slices.Clone(common), func(o int) bool {
			_, found := slices.BinarySearch(originsOf[m], o)
			return !found
		})
	}
	// Scales depend only on the origin, so every candidate has the same
	// count of scaled forecasts at the common origins.
	sum := make([]float64, len(names))
	cnt := make([]int, len(names))
	for _, p := range sb.Points {
		if _, ok := slices.BinarySearch(common, p.Origin); ok && p.Scale > 0 {
			sum[p.Model] += math.Abs(p.Actual-p.Forecast) / p.Scale
			cnt[p.Model]++
		}
	}
	mase := make(map[string]float64, len(cands))
	score := make(map[string]float64, len(cands))
	for _, m := range cands {
		if cnt[m] == 0 {
			continue
		}
		n := float64(cnt[m])
		mase[names[m]] = sum[m] / n
		score[names[m]] = sum[m] / n
		if cfg.Shrink > 0 && !math.IsNaN(pooled[m]) {
			score[names[m]] = (sum[m] + cfg.Shrink*pooled[m]) / (n + cfg.Shrink)
		}
	}
	switch {
	case len(common) < cfg.MinOrigins:
		return naiveChoice(ReasonTooShort, mase, score, len(common))
	case cnt[naive] == 0:
		return naiveChoice(ReasonConstant, mase, score, len(common))
	}

	// Rank by score; ties keep the backtest's model order.
	slices.SortStableFunc(cands, func(a, b int) int {
		return cmp.Compare(score[names[a]], score[names[b]])
	})
	best := cands[0]
	if best == naive || score[names[best]] >= (1-cfg.Margin)*score[names[naive]] {
		return naiveChoice(ReasonNaiveBest, mase, score, len(common))
	}
	sel := Selected{MASE: mase, Score: score, Origins: len(common)}
	if !cfg.Combine {
		sel.Models, sel.Weights, sel.Reason = []string{names[best]}, []float64{1}, ReasonBest
		return sel
	}
	sel.Reason = ReasonCombined
	// A perfect score (0) would get infinite weight: then the perfect
	// models share the weight equally.
	perfect := score[names[best]] == 0
	var total float64
	for _, m := range cands[:min(cfg.K, len(cands))] {
		w := 1 / score[names[m]]
		if perfect {
			w = 0
			if score[names[m]] == 0 {
				w = 1
			}
		}
		if w > 0 {
			sel.Models = append(sel.Models, names[m])
			sel.Weights = append(sel.Weights, w)
			total += w
		}
	}
	for i := range sel.Weights {
		sel.Weights[i] /= total
	}
	return sel
}

// Prediction is the final forecast of one series: the selected model(s)
// fitted on all observations, with a predictive distribution per step.
type Prediction struct {
	Selected
	Mean  []float64
	Dists []Dist
	// Scale is the MASE scale of the whole series, the unit of the
	// empirical error distributions.
	Scale float64
}

// Interval gives the lower and upper bounds per step at a nominal level.
func (p Prediction) Interval(level float64) (lo, hi []float64) {
	lo, hi = make([]float64, len(p.Dists)), make([]float64, len(p.Dists))
	for i, d := range p.Dists {
		lo[i], hi[i] = d.Interval(level)
	}
	return lo, hi
}

// ProbBelow is P(value at step h <= x), e.g. the probability that supply
// stays at or below demand.
func (p Prediction) ProbBelow(h int, x float64) float64 { return p.Dists[h-1].CDF(x) }

// Predict fits the selected model(s) of sel on all of s and projects h
// steps, with distributions from em (see ErrorModel.Dist; em may be nil,
// which leaves the model-SD and scale rules). models must contain every
// model named in sel. A member that fails on the full series is dropped
// and the rest reweighted; if all fail, naive is used with
// ReasonFallback.
func Predict(s Series, sel Selected, models []Model, em *ErrorModel, h int) (Prediction, error) {
	if h < 1 {
		return Prediction{}, fmt.Errorf("predict: horizon %d: %w", h, ErrHorizon)
	}
	if len(sel.Models) == 0 || len(sel.Weights) != len(sel.Models) {
		return Prediction{}, fmt.Errorf("predict: %d models with %d weights: %w", len(sel.Models), len(sel.Weights), ErrConfig)
	}
	for _, w := range sel.Weights {
		if !(w >= 0) || math.IsInf(w, 1) {
			return Prediction{}, fmt.Errorf("predict: weight %v: %w", w, ErrConfig)
		}
	}
	scale := Scale(s)
	type member struct {
		name string
		w    float64
		f    Forecast
	}
	var ms []member
	var firstErr error
	var total float64
	for i, name := range sel.Models {
		j := slices.IndexFunc(models, func(m Model) bool { return m.Name() == name })
		if j < 0 {
			return Prediction{}, fmt.Errorf("predict: model %q not given: %w", name, ErrConfig)
		}
		f, err := checkedForecast(models[j], s, h)
		if err != nil {
			firstErr = cmp.Or(firstErr, err)
			continue
		}
		ms = append(ms, member{name, sel.Weights[i], f})
		total += sel.Weights[i]
	}
	out := Prediction{Selected: sel, Scale: scale}
	if len(ms) > 0 && total == 0 {
		return Prediction{}, fmt.Errorf("predict: weights sum to 0: %w", ErrConfig)
	}
	if len(ms) == 0 {
		f, err := Naive{}.Forecast(s, h)
		if err != nil {
			return Prediction{}, fmt.Errorf("predict: %w", errors.Join(firstErr, err))
		}
		ms = []member{{Naive{}.Name(), 1, f}}
		total = 1
		out.Selected = naiveChoice(ReasonFallback+": "+firstErr.Error(), sel.MASE, sel.Score, sel.Origins)
	} else if len(ms) < len(sel.Models) {
		out.Models, out.Weights = nil, nil
		for _, m := range ms {
			out.Models = append(out.Models, m.name)
			out.Weights = append(out.Weights, m.w/total)
		}
	}
	out.Mean = make([]float64, h)
	out.Dists = make([]Dist, h)
	ws := make([]float64, len(ms))
	ds := make([]Dist, len(ms))
	for k := range h {
		for i, m := range ms {
			sd := math.NaN()
			if k < len(m.f.SD) {
				sd = m.f.SD[k]
			}
			ws[i] = m.w / total
			ds[i] = em.Dist(m.name, k+1, m.f.Mean[k], scale, sd)
		}
		out.Dists[k] = Combine(ws, ds)
		out.Mean[k] = out.Dists[k].Point
	}
	return out, nil
}
