package ts

import (
	"fmt"
	"math"
	"slices"
)

// Reasons given by SelectGrouped.
const (
	ReasonGroup      = "lowest pooled backtest MASE of its group"
	ReasonGroupNaive = "naive best in its group"
)

// SelectGrouped chooses one model per group of series: the one with the
// lowest MASE pooled over every backtest forecast of the group's series
// (each forecast's absolute error over its scale). With few origins per
// series, picking per series rewards the model that was luckiest on that
// series (most often a trend model on a noisy small count, which then
// does worse than naive ahead); pooled over hundreds of similar series the
// comparison is reliable. group[i] is series i's group; cfg.Margin applies
// to the pooled MASE and cfg.Combine weights the group's best cfg.K
// models. A model is a candidate in a group when it has no hard failures
// on any of the group's series. Each series' own MASE per model is kept
// in Selected.MASE for the record. A series with fewer than
// cfg.MinOrigins backtest origins (default 2) gets naive, with
// ReasonTooShort.
func SelectGrouped(res *BacktestResult, group []int, cfg SelectConfig) ([]Selected, error) {
	if len(group) != len(res.Series) {
		return nil, fmt.Errorf("select: %d groups for %d series: %w", len(group), len(res.Series), ErrConfig)
	}
	naive := res.Model(Naive{}.Name())
	if naive < 0 {
		return nil, fmt.Errorf("select: %w", ErrNoNaive)
	}
	if cfg.K == 0 {
		cfg.K = 3
	}
	if cfg.K < 1 || cfg.Margin < 0 || cfg.Margin >= 1 {
		return nil, fmt.Errorf("select: K %d, Margin %v: %w", cfg.K, cfg.Margin, ErrConfig)
	}
	nm := len(res.Models)
	type tally struct {
		sum    []float64
		n      []int
		failed []bool
	}
	groups := map[int]*tally{}
	own := make([]map[string]float64, len(res.Series))
	for i, sb := range res.Series {
		t := groups[group[i]]
		if t == nil {
			t = &tally{sum: make([]float64, nm), n: make([]int, nm), failed: make([]bool, nm)}
			groups[group[i]] = t
		}
		sum, n := make([]float64, nm), make([]int, nm)
		for _, p := range sb.Points {
			if p.Scale > 0 {
				e := math.Abs(p.Actual-p.Forecast) / p.Scale
				sum[p.Model] += e
				n[p.Model]++
			}
		}
		own[i] = map[string]float64{}
		for m := range nm {
			t.sum[m] += sum[m]
			t.n[m] += n[m]
			if sb.Failed[m] > 0 {
				t.failed[m] = true
			}
			if n[m] > 0 {
				own[i][res.Models[m]] = sum[m] / float64(n[m])
			}
		}
	}
	choice := map[int]Selected{}
	for g, t := range groups {
		var cands []int
		mase := map[string]float64{}
		for m := range nm {
			if !t.failed[m] && t.n[m] > 0 {
				cands = append(cands, m)
				mase[res.Models[m]] = t.sum[m] / float64(t.n[m])
			}
		}
		if !slices.Contains(cands, naive) {
			choice[g] = Selected{Models: []string{Naive{}.Name()}, Weights: []float64{1}, Reason: ReasonTooShort}
			continue
		}
		slices.SortStableFunc(cands, func(a, b int) int {
			return cmpFloat(mase[res.Models[a]], mase[res.Models[b]])
		})
		best := cands[0]
		if best == naive || mase[res.Models[best]] >= (1-cfg.Margin)*mase[res.Models[naive]] {
			choice[g] = Selected{Models: []string{res.Models[naive]}, Weights: []float64{1}, Reason: ReasonGroupNaive}
			continue
		}
		sel := Selected{Reason: ReasonGroup}
		members := cands[:1]
		if cfg.Combine {
			members = cands[:min(cfg.K, len(cands))]
		}
		var total float64
		for _, m := range members {
			w := 1.0
			if cfg.Combine {
				w = 1 / math.Max(mase[res.Models[m]], 1e-12)
			}
			sel.Models = append(sel.Models, res.Models[m])
			sel.Weights = append(sel.Weights, w)
			total += w
		}
		for i := range sel.Weights {
			sel.Weights[i] /= total
		}
		choice[g] = sel
	}
	minOrigins := cfg.MinOrigins
	if minOrigins == 0 {
		minOrigins = 2
	}
	out := make([]Selected, len(res.Series))
	for i, sb := range res.Series {
		s := choice[group[i]]
		s.MASE = own[i]
		s.Models, s.Weights = slices.Clone(s.Models), slices.Clone(s.Weights)
		// A series with too little history for the backtest gets naive,
		// whatever its group chose, and is told why.
		if s.Origins = naiveOrigins(sb, naive); s.Origins < minOrigins {
			s.Models, s.Weights, s.Reason = []string{Naive{}.Name()}, []float64{1}, ReasonTooShort
		}
		out[i] = s
	}
	return out, nil
}

// naiveOrigins counts the backtest origins naive was scored at.
func naiveOrigins(sb SeriesBacktest, naive int) int {
	n, last := 0, -1
	for _, p := range sb.Points {
		if p.Model == naive && p.Origin != last {
			n++
			last = p.Origin
		}
	}
	return n
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
