package ts

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// handBacktest builds a backtest with scale 1, so each point's scaled
// error is |actual - forecast| = the given error. errs[series][model] are
// the step-1 errors at origins 3, 4, ...
func handBacktest(models []string, errs [][][]float64) *BacktestResult {
	res := &BacktestResult{Models: models, Horizon: 1}
	for _, se := range errs {
		sb := SeriesBacktest{Skipped: make([]int, len(models)), Failed: make([]int, len(models)), Err: make([]error, len(models))}
		for m, e := range se {
			for k, x := range e {
				sb.Points = append(sb.Points, Point{Model: m, Origin: 3 + k, Step: 1, Actual: x, SD: math.NaN(), Scale: 1})
			}
		}
		res.Series = append(res.Series, sb)
	}
	return res
}

func TestSelectByHand(t *testing.T) {
	names := []string{"naive", "drift", "damped"}
	// Series A: naive 2 2, drift 1 1, damped .5 1.5: MASE 2, 1, 1.
	// Series B: naive 1 1, drift 3 3, damped 1 1: MASE 1, 3, 1.
	res := handBacktest(names, [][][]float64{
		{{2, 2}, {1, 1}, {0.5, 1.5}},
		{{1, 1}, {3, 3}, {1, 1}},
	})
	type want struct {
		models  []string
		weights []float64
		reason  string
	}
	for _, tc := range []struct {
		name string
		cfg  SelectConfig
		want []want
	}{
		// No pooling. A: drift and damped tie at 1, drift comes first.
		// B: damped ties naive at 1, and ties go to naive.
		{"best", SelectConfig{Shrink: -1}, []want{
			{[]string{"drift"}, []float64{1}, ReasonBest},
			{[]string{"naive"}, []float64{1}, ReasonNaiveBest},
		}},
		// Weights 1/1, 1/1, then 1/2 for naive: /2.5 = .4, .4, .2.
		{"combine 3", SelectConfig{Shrink: -1, Combine: true}, []want{
			{[]string{"drift", "damped", "naive"}, []float64{0.4, 0.4, 0.2}, ReasonCombined},
			{[]string{"naive"}, []float64{1}, ReasonNaiveBest},
		}},
		{"combine 2", SelectConfig{Shrink: -1, Combine: true, K: 2}, []want{
			{[]string{"drift", "damped"}, []float64{0.5, 0.5}, ReasonCombined},
			{[]string{"naive"}, []float64{1}, ReasonNaiveBest},
		}},
		// Drift must beat 0.4·2 = 0.8; it has 1.
		{"margin", SelectConfig{Shrink: -1, Margin: 0.6}, []want{
			{[]string{"naive"}, []float64{1}, ReasonNaiveBest},
			{[]string{"naive"}, []float64{1}, ReasonNaiveBest},
		}},
		// Pooled MASE: naive 6/4 = 1.5, drift 8/4 = 2, damped 4/4 = 1.
		// With 2 pseudo-forecasts, A: naive (4+3)/4 = 1.75, drift
		// (2+4)/4 = 1.5, damped (2+2)/4 = 1; B: naive (2+3)/4 = 1.25,
		// drift (6+4)/4 = 2.5, damped (2+2)/4 = 1. Damped wins both.
		{"shrink", SelectConfig{Shrink: 2}, []want{
			{[]string{"damped"}, []float64{1}, ReasonBest},
			{[]string{"damped"}, []float64{1}, ReasonBest},
		}},
		// MinOrigins 3 > the 2 origins.
		{"too short", SelectConfig{MinOrigins: 3}, []want{
			{[]string{"naive"}, []float64{1}, ReasonTooShort},
			{[]string{"naive"}, []float64{1}, ReasonTooShort},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sel, err := Select(res, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			for i, w := range tc.want {
				if !reflect.DeepEqual(sel[i].Models, w.models) || sel[i].Reason != w.reason || sel[i].Origins != 2 {
					t.Errorf("series %d: %+v, want %+v", i, sel[i], w)
				}
				checkSlice(t, "weights", sel[i].Weights, w.weights, 1e-12)
			}
			if m := sel[0].MASE; m["naive"] != 2 || m["drift"] != 1 || m["damped"] != 1 {
				t.Errorf("raw MASE %v", m)
			}
		})
	}
	if sel, _ := Select(res, SelectConfig{Shrink: 2}); !near(sel[0].Score["naive"], 1.75, 1e-12) || !near(sel[1].Score["drift"], 2.5, 1e-12) {
		t.Errorf("scores %v %v", sel[0].Score, sel[1].Score)
	}
}

func TestSelectSpecialCases(t *testing.T) {
	names := []string{"naive", "drift"}
	// One origin only.
	res := handBacktest(names, [][][]float64{{{3}, {1}}})
	sel, _ := Select(res, SelectConfig{})
	if sel[0].Reason != ReasonTooShort {
		t.Errorf("one origin: %+v", sel[0])
	}
	// No backtest forecasts at all.
	res = handBacktest(names, [][][]float64{{{}, {}}})
	sel, _ = Select(res, SelectConfig{})
	if sel[0].Reason != ReasonTooShort || sel[0].Models[0] != "naive" {
		t.Errorf("no points: %+v", sel[0])
	}
	// Constant history: zero scales.
	res = handBacktest(names, [][][]float64{{{0, 0}, {0, 0}}})
	for i := range res.Series[0].Points {
		res.Series[0].Points[i].Scale = 0
	}
	sel, _ = Select(res, SelectConfig{})
	if sel[0].Reason != ReasonConstant {
		t.Errorf("constant: %+v", sel[0])
	}
	// A model that failed somewhere is no candidate.
	res = handBacktest(names, [][][]float64{{{2, 2}, {1, 1}}})
	res.Series[0].Failed[1] = 1
	sel, _ = Select(res, SelectConfig{Shrink: -1})
	if sel[0].Reason != ReasonNaiveBest || len(sel[0].MASE) != 1 {
		t.Errorf("failed model: %+v", sel[0])
	}
	// Models compared on common origins only: drift lacks origin 3, so
	// naive's bad origin-3 error (9) does not count: MASE 1 vs 2.
	res = handBacktest(names, [][][]float64{{{9, 1, 1}, {2, 2, 2}}})
	res.Series[0].Points = slices.Delete(res.Series[0].Points, 3, 4)
	sel, _ = Select(res, SelectConfig{Shrink: -1})
	if sel[0].Reason != ReasonNaiveBest || sel[0].Origins != 2 || sel[0].MASE["naive"] != 1 {
		t.Errorf("common origins: %+v", sel[0])
	}
	if _, err := Select(handBacktest([]string{"drift"}, nil), SelectConfig{}); !errors.Is(err, ErrNoNaive) {
		t.Errorf("no naive: %v", err)
	}
	if _, err := Select(res, SelectConfig{Margin: 1}); !errors.Is(err, ErrConfig) {
		t.Errorf("margin 1: %v", err)
	}
}

func TestPredict(t *testing.T) {
	s := Series{Values: []float64{1, 2, 4, 7, 11}, Period: 1}
	// Drift: b = 10/4 = 2.5, 13.5 and 16; naive 11. Weights .75, .25:
	// 12.875 and 14.75.
	sel := Selected{Models: []string{"drift", "naive"}, Weights: []float64{0.75, 0.25}, Reason: ReasonCombined}
	p, err := Predict(s, sel, yearly, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "mean", p.Mean, []float64{12.875, 14.75}, 1e-12)
	if p.Scale != 2.5 || p.Dists[0].Source != SourceCombined {
		t.Errorf("scale %v, source %s", p.Scale, p.Dists[0].Source)
	}
	lo, hi := p.Interval(0.8)
	for k := range lo {
		if !(lo[k] < p.Mean[k] && p.Mean[k] < hi[k]) {
			t.Errorf("step %d: %v not in [%v, %v]", k+1, p.Mean[k], lo[k], hi[k])
		}
		if q := p.ProbBelow(k+1, hi[k]); !near(q, 0.9, 1e-9) {
			t.Errorf("P(Y <= upper 80%% bound) = %v", q)
		}
	}

	// Loglinear fails on a series ending in 0: naive takes over.
	z := Series{Values: []float64{3, 2, 1, 0}, Period: 1}
	p, err = Predict(z, Selected{Models: []string{"loglinear"}, Weights: []float64{1}}, yearly, nil, 1)
	if err != nil || p.Models[0] != "naive" || !strings.HasPrefix(p.Reason, ReasonFallback) || p.Mean[0] != 0 {
		t.Errorf("fallback: %+v, %v", p, err)
	}
	// In a combination the failing member is dropped.
	p, err = Predict(z, Selected{Models: []string{"loglinear", "drift"}, Weights: []float64{0.5, 0.5}}, yearly, nil, 1)
	if err != nil || !reflect.DeepEqual(p.Models, []string{"drift"}) || p.Weights[0] != 1 || p.Mean[0] != -1 {
		t.Errorf("dropped member: %+v, %v", p, err)
	}
	if _, err := Predict(s, Selected{Models: []string{"nope"}, Weights: []float64{1}}, yearly, nil, 1); !errors.Is(err, ErrConfig) {
		t.Errorf("unknown model: %v", err)
	}
	for _, bad := range []Selected{{}, {Models: []string{"naive"}}, {Models: []string{"naive"}, Weights: []float64{0}}, {Models: []string{"naive"}, Weights: []float64{math.NaN()}}} {
		if _, err := Predict(s, bad, yearly, nil, 1); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	if _, err := Predict(s, sel, yearly, nil, 0); !errors.Is(err, ErrHorizon) {
		t.Errorf("h = 0: %v", err)
	}
}
