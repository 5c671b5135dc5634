package ts

import "math"

// IntervalFunc gives the prediction interval at the nominal level (0.8
// for 80%) of a backtest point, or ok = false when it has none.
type IntervalFunc func(p Point, level float64) (lo, hi float64, ok bool)

// ModelInterval is the normal interval Forecast ± z·SD from the model's
// own SD; points without an SD have none.
func ModelInterval(p Point, level float64) (lo, hi float64, ok bool) {
	if math.IsNaN(p.SD) {
		return 0, 0, false
	}
	z := normalQuantile(0.5 + level/2)
	return p.Forecast - z*p.SD, p.Forecast + z*p.SD, true
}

// Winkler is the Winkler (1972) interval score of [lo, hi] at nominal
// level 1-alpha for observation y: the width plus 2/alpha times the
// distance by which y falls outside. Lower is better.
func Winkler(lo, hi, y, alpha float64) float64 {
	w := hi - lo
	switch {
	case y < lo:
		w += 2 / alpha * (lo - y)
	case y > hi:
		w += 2 / alpha * (y - hi)
	}
	return w
}

// MetricsConfig chooses the interval levels scored and where intervals
// come from.
type MetricsConfig struct {
	// Levels are nominal coverages; nil means 0.8 and 0.95.
	Levels []float64
	// Interval gives each point's interval; nil means ModelInterval.
	Interval IntervalFunc
}

// IntervalScore scores the intervals at one nominal level.
type IntervalScore struct {
	Level float64
	// N is the number of forecasts with an interval, Coverage the share of
	// them whose actual lies inside [lo, hi] (NaN when N = 0).
	N        int
	Coverage float64
	// Winkler is the mean Winkler score divided by the point's MASE scale,
	// over the WinklerN forecasts with an interval and a non-zero scale.
	WinklerN int
	Winkler  float64
}

// Accuracy summarises a set of backtest forecasts.
type Accuracy struct {
	// Forecasts is the number of forecasts.
	Forecasts int
	// MASE is the mean of |actual - forecast| / scale over the N
	// forecasts with a non-zero scale; Unscaled counts those left out
	// because the training data were constant (or too short for a
	// scale). NaN when N = 0.
	N        int
	Unscaled int
	MASE     float64
	// Directional is the share of forecasts whose direction from the last
	// training value (up, down or unchanged) matches the actual's; see
	// Direction. NaN when there are no forecasts.
	Directional float64
	// Intervals has one score per MetricsConfig level.
	Intervals []IntervalScore
}

// Breakdown is an Accuracy over all steps and per step (ByStep[h-1]).
type Breakdown struct {
	All    Accuracy
	ByStep []Accuracy
}

// Metrics holds accuracy per model, pooled over series (Pooled[m]) and
// per series (Series[i][m]).
type Metrics struct {
	Models []string
	Levels []float64
	Pooled []Breakdown
	Series [][]Breakdown
}

// Direction is the class of the change d from a reference value ref: -1,
// 0 or +1. Changes within 1e-9·max(1, |ref|) count as no change, so a
// forecast equal to the last value up to rounding is "unchanged".
// Unchanged is a class of its own: a forecast of no change is right only
// when the actual did not change either.
func Direction(d, ref float64) int {
	switch {
	case math.Abs(d) <= 1e-9*max(1, math.Abs(ref)):
		return 0
	case d > 0:
		return 1
	}
	return -1
}

// Evaluate computes MASE, directional accuracy, interval coverage and
// scaled Winkler scores from a backtest. Pooled MASE is the mean scaled
// error over all forecasts of all series, so it weights series by their
// number of backtest forecasts.
func Evaluate(res *BacktestResult, cfg MetricsConfig) *Metrics {
	levels := cfg.Levels
	if levels == nil {
		levels = []float64{0.8, 0.95}
	}
	ivf := cfg.Interval
	if ivf == nil {
		ivf = ModelInterval
	}
	nm, H := len(res.Models), res.Horizon
	newTallies := func() [][]accTally {
		t := make([][]accTally, nm)
		for m := range t {
			t[m] = make([]accTally, H+1) // [0] all steps, [h] step h
			for k := range t[m] {
				t[m][k] = newAccTally(len(levels))
			}
		}
		return t
	}
	pooled := newTallies()
	out := &Metrics{Models: res.Models, Levels: levels, Series: make([][]Breakdown, len(res.Series))}
	ivs := make([]ivBounds, len(levels))
	for si, sb := range res.Series {
		st := newTallies()
		for _, p := range sb.Points {
			for li, l := range levels {
				ivs[li].lo, ivs[li].hi, ivs[li].ok = ivf(p, l)
			}
			for _, t := range [...]*accTally{&st[p.Model][0], &st[p.Model][p.Step], &pooled[p.Model][0], &pooled[p.Model][p.Step]} {
				t.add(p, levels, ivs)
			}
		}
		out.Series[si] = breakdowns(st, levels)
	}
	out.Pooled = breakdowns(pooled, levels)
	return out
}

type ivBounds struct {
	lo, hi float64
	ok     bool
}

// accTally accumulates the sums behind an Accuracy.
type accTally struct {
	forecasts, n, unscaled int
	scaledSum              float64
	dirOK                  int
	ivN, cover, wN         []int
	wSum                   []float64
}

func newAccTally(levels int) accTally {
	return accTally{
		ivN: make([]int, levels), cover: make([]int, levels),
		wN: make([]int, levels), wSum: make([]float64, levels),
	}
}

func (t *accTally) add(p Point, levels []float64, ivs []ivBounds) {
	t.forecasts++
	if p.Scale > 0 {
		t.n++
		t.scaledSum += math.Abs(p.Actual-p.Forecast) / p.Scale
	} else {
		t.unscaled++
	}
	if Direction(p.Forecast-p.Last, p.Last) == Direction(p.Actual-p.Last, p.Last) {
		t.dirOK++
	}
	for li, iv := range ivs {
		if !iv.ok {
			continue
		}
		t.ivN[li]++
		if p.Actual >= iv.lo && p.Actual <= iv.hi {
			t.cover[li]++
		}
		if p.Scale > 0 {
			t.wN[li]++
			t.wSum[li] += Winkler(iv.lo, iv.hi, p.Actual, 1-levels[li]) / p.Scale
		}
	}
}

func (t *accTally) accuracy(levels []float64) Accuracy {
	a := Accuracy{
		Forecasts: t.forecasts, N: t.n, Unscaled: t.unscaled,
		MASE:        meanOrNaN(t.scaledSum, t.n),
		Directional: meanOrNaN(float64(t.dirOK), t.forecasts),
		Intervals:   make([]IntervalScore, len(levels)),
	}
	for li, l := range levels {
		a.Intervals[li] = IntervalScore{
			Level: l, N: t.ivN[li], Coverage: meanOrNaN(float64(t.cover[li]), t.ivN[li]),
			WinklerN: t.wN[li], Winkler: meanOrNaN(t.wSum[li], t.wN[li]),
		}
	}
	return a
}

func breakdowns(t [][]accTally, levels []float64) []Breakdown {
	b := make([]Breakdown, len(t))
	for m := range t {
		b[m].All = t[m][0].accuracy(levels)
		b[m].ByStep = make([]Accuracy, len(t[m])-1)
		for h := range b[m].ByStep {
			b[m].ByStep[h] = t[m][h+1].accuracy(levels)
		}
	}
	return b
}

// meanOrNaN is sum/n, NaN when n = 0.
func meanOrNaN(sum float64, n int) float64 {
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// normalQuantile is the standard normal quantile function.
func normalQuantile(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }
