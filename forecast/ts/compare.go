package ts

import (
	"fmt"
	"math"
	"slices"
)

// PointInterval gives the interval at the nominal level (0.8 for 80%) of
// backtest point k of series i (res.Series[i].Points[k]), or ok = false
// when it has none.
type PointInterval func(i, k int, level float64) (lo, hi float64, ok bool)

// CompareConfig sets up Compare.
type CompareConfig struct {
	// Reference is the benchmark model; empty means "naive".
	Reference string
	// Models are the models compared; nil means all of the backtest's.
	Models []string
	// Common scores every model on the forecasts that all of Models and
	// the reference made; otherwise each model is scored on the forecasts
	// it shares with the reference.
	Common bool
	// Group[i] is series i's index into Groups (for example a size band);
	// nil puts every series in one group.
	Group  []int
	Groups []string
	// Origins, when not nil, keeps only forecasts from these origins
	// (training lengths).
	Origins []int
	// Levels are the nominal interval coverages; nil means 0.8 and 0.95.
	Levels []float64
	// Interval gives the intervals scored; nil means ModelInterval.
	Interval PointInterval
	// MinChange: Shared.Moved counts the forecasts whose actual moved from
	// the last training value by more than MinChange·|last| (0.05 for 5%).
	MinChange float64
}

// Shared is the accuracy of one model on the forecasts it shares with
// the reference: the same series, origin and step.
type Shared struct {
	// Forecasts is the number of shared forecasts; N of them have a
	// non-zero MASE scale and enter MASE and Ratio.
	Forecasts, N int
	// MASE and RefMASE are the mean scaled absolute errors of the model
	// and of the reference over the same N forecasts, Ratio = MASE /
	// RefMASE.
	MASE, RefMASE, Ratio float64
	// Directional is the share of the forecasts whose direction from the
	// last training value (Direction) was right; Moved counts those whose
	// actual changed by more than CompareConfig.MinChange and
	// MovedDirectional is the share of them with the right direction.
	Directional      float64
	Moved            int
	MovedDirectional float64
	// Intervals scores the model's intervals (coverage and Winkler over
	// scale) at each level.
	Intervals []IntervalScore
}

// Comparison holds Compare's scores: Cells[m][g][h] for model Models[m],
// group Groups[g] (the last group, "all", pools every series) and step
// h (0 pools every step).
type Comparison struct {
	Models    []string
	Groups    []string
	Reference string
	Horizon   int
	Levels    []float64
	Cells     [][][]Shared
}

// Compare scores models against a reference on the forecasts both made,
// so that a ratio to the reference never divides MASEs over different
// sets of forecasts (a model that forecasts only the long series would
// otherwise look better than one that forecasts them all). Scores are
// given per group of series and pooled, per step and over all steps.
func Compare(res *BacktestResult, cfg CompareConfig) (*Comparison, error) {
	ref := cmpOr(cfg.Reference, Naive{}.Name())
	r := res.Model(ref)
	if r < 0 {
		return nil, fmt.Errorf("compare: no model %q in the backtest: %w", ref, ErrConfig)
	}
	names := cfg.Models
	if names == nil {
		names = res.Models
	}
	idx := make([]int, len(names))
	for j, n := range names {
		if idx[j] = res.Model(n); idx[j] < 0 {
			return nil, fmt.Errorf("compare: no model %q in the backtest: %w", n, ErrConfig)
		}
	}
	groups := cfg.Groups
	if cfg.Group == nil {
		groups = nil
	} else if len(cfg.Group) != len(res.Series) {
		return nil, fmt.Errorf("compare: %d groups for %d series: %w", len(cfg.Group), len(res.Series), ErrConfig)
	}
	levels := cfg.Levels
	if levels == nil {
		levels = []float64{0.8, 0.95}
	}
	out := &Comparison{Models: names, Groups: append(slices.Clone(groups), "all"), Reference: ref, Horizon: res.Horizon, Levels: levels}
	ng := len(out.Groups)
	t := make([][][]cmpTally, len(names))
	for j := range t {
		t[j] = make([][]cmpTally, ng)
		for g := range t[j] {
			t[j][g] = make([]cmpTally, res.Horizon+1)
			for h := range t[j][g] {
				t[j][g][h] = cmpTally{acc: newAccTally(len(levels))}
			}
		}
	}
	for i, sb := range res.Series {
		g := ng - 1
		if cfg.Group != nil {
			if g = cfg.Group[i]; g < 0 || g >= ng-1 {
				return nil, fmt.Errorf("compare: series %d in group %d of %d: %w", i, g, ng-1, ErrConfig)
			}
		}
		compareSeries(t, i, sb, r, idx, g, ng, levels, cfg)
	}
	out.Cells = make([][][]Shared, len(names))
	for j := range t {
		out.Cells[j] = make([][]Shared, ng)
		for g := range t[j] {
			out.Cells[j][g] = make([]Shared, res.Horizon+1)
			for h := range t[j][g] {
				out.Cells[j][g][h] = t[j][g][h].shared(levels)
			}
		}
	}
	return out, nil
}

type cmpKey struct{ origin, step int }

// compareSeries adds series i's shared forecasts to the tallies.
func compareSeries(t [][][]cmpTally, i int, sb SeriesBacktest, r int, idx []int, g, ng int, levels []float64, cfg CompareConfig) {
	refAt := map[cmpKey]int{}
	count := map[cmpKey]int{}
	for k, p := range sb.Points {
		if cfg.Origins != nil && !slices.Contains(cfg.Origins, p.Origin) {
			continue
		}
		key := cmpKey{p.Origin, p.Step}
		if p.Model == r {
			refAt[key] = k
		}
		if slices.Contains(idx, p.Model) {
			count[key]++
		}
	}
	ivf := cfg.Interval
	if ivf == nil {
		ivf = func(i, k int, level float64) (float64, float64, bool) { return ModelInterval(sb.Points[k], level) }
	}
	ivs := make([]ivBounds, len(levels))
	for k, p := range sb.Points {
		j := slices.Index(idx, p.Model)
		if j < 0 || (cfg.Origins != nil && !slices.Contains(cfg.Origins, p.Origin)) {
			continue
		}
		key := cmpKey{p.Origin, p.Step}
		rk, ok := refAt[key]
		if !ok || (cfg.Common && count[key] < len(idx)) {
			continue
		}
		for li, l := range levels {
			ivs[li].lo, ivs[li].hi, ivs[li].ok = ivf(i, k, l)
		}
		rp := sb.Points[rk]
		cells := []*cmpTally{&t[j][g][0], &t[j][g][p.Step]}
		if g != ng-1 {
			cells = append(cells, &t[j][ng-1][0], &t[j][ng-1][p.Step])
		}
		for _, c := range cells {
			c.add(p, rp, levels, ivs, cfg.MinChange)
		}
	}
}

// cmpTally accumulates one cell of a Comparison.
type cmpTally struct {
	acc            accTally
	refSum         float64
	moved, movedOK int
}

func (c *cmpTally) add(p, ref Point, levels []float64, ivs []ivBounds, minChange float64) {
	c.acc.add(p, levels, ivs)
	if p.Scale > 0 {
		c.refSum += math.Abs(ref.Actual-ref.Forecast) / ref.Scale
	}
	if math.Abs(p.Actual-p.Last) > minChange*math.Abs(p.Last) {
		c.moved++
		if Direction(p.Forecast-p.Last, p.Last) == Direction(p.Actual-p.Last, p.Last) {
			c.movedOK++
		}
	}
}

func (c *cmpTally) shared(levels []float64) Shared {
	a := c.acc.accuracy(levels)
	s := Shared{
		Forecasts: a.Forecasts, N: a.N, MASE: a.MASE, RefMASE: meanOrNaN(c.refSum, a.N),
		Directional: a.Directional, Moved: c.moved, MovedDirectional: meanOrNaN(float64(c.movedOK), c.moved),
		Intervals: a.Intervals,
	}
	s.Ratio = s.MASE / s.RefMASE
	return s
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
