package forecast

import (
	"math"

	"lmi/forecast/ts"
)

// PublishedAccuracy is the backtest accuracy of what lmi publishes (the
// selected, reconciled and summed forecasts) for one kind of row, against
// the naive forecast of the same rows.
type PublishedAccuracy struct {
	Kind string
	// ByStep[h-1] and All: MASE of the published forecasts and of naive,
	// and the share of forecasts whose direction (up, down, unchanged
	// from the last training year) was right.
	ByStep []StepAccuracy
	All    StepAccuracy
}

// StepAccuracy is one horizon's (or all horizons') accuracy.
type StepAccuracy struct {
	N           int
	MASE        float64
	NaiveMASE   float64
	Directional float64
}

// Evaluation is what lmi backtest reports.
type Evaluation struct {
	// Models scores every candidate model over the base series (regions
	// x SSYK 4 and, unless bottom-up, the levels' totals), with the
	// models' own prediction intervals.
	Models *ts.Metrics
	// Published scores the published forecasts per kind of row.
	Published []PublishedAccuracy
}

// Evaluate scores the backtests behind res.
func Evaluate(res *Result) *Evaluation {
	ev := &Evaluation{Models: ts.Evaluate(res.Backtest, ts.MetricsConfig{})}
	for k, sums := range res.published {
		if len(sums) == 0 {
			continue
		}
		ev.Published = append(ev.Published, publishedAccuracy(kindNames[k], sums, res.Params.Horizon))
	}
	return ev
}

func publishedAccuracy(kind string, sums []*sum, horizon int) PublishedAccuracy {
	type tally struct{ n, right, e, naive float64 }
	steps := make([]tally, horizon)
	for _, s := range sums {
		s.backtest(horizon, func(h int, f, y, last, scale float64) {
			t := &steps[h-1]
			t.n++
			t.e += math.Abs(y-f) / scale
			t.naive += math.Abs(y-last) / scale
			if ts.Direction(f-last, last) == ts.Direction(y-last, last) {
				t.right++
			}
		})
	}
	acc := func(t tally) StepAccuracy {
		if t.n == 0 {
			return StepAccuracy{MASE: nan(), NaiveMASE: nan(), Directional: nan()}
		}
		return StepAccuracy{N: int(t.n), MASE: t.e / t.n, NaiveMASE: t.naive / t.n, Directional: t.right / t.n}
	}
	pa := PublishedAccuracy{Kind: kind}
	var all tally
	for _, t := range steps {
		pa.ByStep = append(pa.ByStep, acc(t))
		all.n += t.n
		all.right += t.right
		all.e += t.e
		all.naive += t.naive
	}
	pa.All = acc(all)
	return pa
}
