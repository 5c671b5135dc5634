package ts

import (
	"math"
	"testing"
)

func TestWinkler(t *testing.T) {
	for _, tc := range []struct{ lo, hi, y, alpha, want float64 }{
		{2, 4, 3, 0.2, 2},        // inside: the width
		{2, 4, 4, 0.2, 2},        // on the bound counts as inside
		{2, 4, 1, 0.2, 12},       // 2 + (2/0.2)·(2-1)
		{2, 4, 5.5, 0.05, 62},    // 2 + (2/0.05)·(5.5-4)
		{-1, 1, -3, 0.5, 2 + 8},  // 2 + 4·2
		{0, 0, 0, 0.2, 0},        // a point interval that hits
		{0, 0, 1, 0.1, 2 / 0.1},  // a point interval that misses by 1
		{10, 20, 25, 1, 10 + 10}, // alpha 1: 10 + 2·5
	} {
		if got := Winkler(tc.lo, tc.hi, tc.y, tc.alpha); !near(got, tc.want, 1e-12) {
			t.Errorf("Winkler(%v, %v, %v, %v) = %v, want %v", tc.lo, tc.hi, tc.y, tc.alpha, got, tc.want)
		}
	}
}

func TestDirection(t *testing.T) {
	for _, tc := range []struct {
		d, ref float64
		want   int
	}{
		{0, 100, 0}, {1e-8, 100, 0}, {-1e-8, 100, 0}, // within 1e-9·100
		{1e-6, 100, 1}, {-0.5, 0, -1}, {2, -5, 1}, {1e-10, 0, 0},
	} {
		if got := Direction(tc.d, tc.ref); got != tc.want {
			t.Errorf("Direction(%v, %v) = %d, want %d", tc.d, tc.ref, got, tc.want)
		}
	}
}

// pm2 is the interval forecast ± 2 at every level, to make the hand
// computations below easy.
func pm2(p Point, _ float64) (float64, float64, bool) { return p.Forecast - 2, p.Forecast + 2, true }

// TestEvaluateByHand: y = 1, 2, 4, 7, 11 with origins 3 and 4, horizon 2,
// plus a constant series.
//
// Naive, origin 3: train 1 2 4, last 4, scale (1+2)/2 = 1.5.
//
//	h1: f 4, y 7, |e| 3, scaled 2;  ±2 = [2, 6] misses by 1: W = 4 + 10·1 = 14, /1.5 = 28/3
//	h2: f 4, y 11, |e| 7, scaled 14/3;  [2, 6] misses by 5: W = 4 + 50 = 54, /1.5 = 36
//
// Naive, origin 4: train 1 2 4 7, last 7, scale (1+2+3)/3 = 2.
//
//	h1: f 7, y 11, |e| 4, scaled 2;  [5, 9] misses by 2: W = 24, /2 = 12
//
// MASE (2 + 14/3 + 2)/3 = 26/9; step 1: 2, step 2: 14/3. Winkler
// (28/3 + 36 + 12)/3 = 172/9; coverage 0. Directions: naive says
// "unchanged", the actuals rose: 0 right.
//
// Drift, origin 3: b = (4-1)/2 = 1.5.
//
//	h1: f 5.5, y 7, |e| 1.5, scaled 1;  [3.5, 7.5] covers: W = 4, /1.5 = 8/3
//	h2: f 7, y 11, |e| 4, scaled 8/3;  [5, 9] misses by 2: W = 24, /1.5 = 16
//
// Drift, origin 4: b = (7-1)/3 = 2.
//
//	h1: f 9, y 11, |e| 2, scaled 1;  [7, 11] covers (bound): W = 4, /2 = 2
//
// MASE (1 + 8/3 + 1)/3 = 14/9; Winkler (8/3 + 16 + 2)/3 = 62/9; coverage
// 2/3; directions all right.
//
// The constant series 3 3 3 3 3 has scale 0: its 3 forecasts per model
// are left out of MASE and Winkler, but both models rightly say
// "unchanged", and both intervals cover.
func TestEvaluateByHand(t *testing.T) {
	series := []Series{
		{Values: []float64{1, 2, 4, 7, 11}, Period: 1},
		{Values: []float64{3, 3, 3, 3, 3}, Period: 1},
	}
	res, err := Backtest(series, []Model{Naive{}, Drift{}}, BacktestConfig{Horizon: 2, MinTrain: 3})
	if err != nil {
		t.Fatal(err)
	}
	m := Evaluate(res, MetricsConfig{Levels: []float64{0.8}, Interval: pm2})
	type want struct {
		mase, step1, step2, winkler, cover, dir float64
		pooledDir, pooledCover                  float64
	}
	for mi, w := range []want{
		{26.0 / 9, 2, 14.0 / 3, 172.0 / 9, 0, 0, 3.0 / 6, 3.0 / 6},
		{14.0 / 9, 1, 8.0 / 3, 62.0 / 9, 2.0 / 3, 1, 1, 5.0 / 6},
	} {
		s := m.Series[0][mi]
		checks := []struct {
			what      string
			got, want float64
		}{
			{"MASE", s.All.MASE, w.mase},
			{"MASE h1", s.ByStep[0].MASE, w.step1},
			{"MASE h2", s.ByStep[1].MASE, w.step2},
			{"Winkler", s.All.Intervals[0].Winkler, w.winkler},
			{"coverage", s.All.Intervals[0].Coverage, w.cover},
			{"directional", s.All.Directional, w.dir},
			// Pooled: the constant series adds nothing to MASE/Winkler.
			{"pooled MASE", m.Pooled[mi].All.MASE, w.mase},
			{"pooled Winkler", m.Pooled[mi].All.Intervals[0].Winkler, w.winkler},
			{"pooled directional", m.Pooled[mi].All.Directional, w.pooledDir},
			{"pooled coverage", m.Pooled[mi].All.Intervals[0].Coverage, w.pooledCover},
		}
		for _, c := range checks {
			if !near(c.got, c.want, 1e-12) {
				t.Errorf("%s %s = %v, want %v", m.Models[mi], c.what, c.got, c.want)
			}
		}
		p := m.Pooled[mi].All
		if p.Forecasts != 6 || p.N != 3 || p.Unscaled != 3 || p.Intervals[0].N != 6 || p.Intervals[0].WinklerN != 3 {
			t.Errorf("%s counts: %+v", m.Models[mi], p)
		}
		if c := m.Series[1][mi].All; !math.IsNaN(c.MASE) || c.Unscaled != 3 {
			t.Errorf("%s constant series: %+v", m.Models[mi], c)
		}
	}
}

// TestModelInterval: naive from origin 3 of 1 2 4 7: sigma =
// sqrt((1²+2²)/2) = sqrt(2.5), 80% interval 4 ± 1.28155·1.58114 =
// [1.97367, 6.02633]; y = 7 misses by 0.97367: W = 4.05267 + 10·0.97367
// = 13.78937, scaled by 1.5: 9.19291.
func TestModelInterval(t *testing.T) {
	res, err := Backtest([]Series{{Values: []float64{1, 2, 4, 7}}}, []Model{Naive{}}, BacktestConfig{Horizon: 1, MinTrain: 3})
	if err != nil {
		t.Fatal(err)
	}
	lo, hi, ok := ModelInterval(res.Series[0].Points[0], 0.8)
	z := 1.2815515655446004
	if !ok || !near(lo, 4-z*math.Sqrt(2.5), 1e-12) || !near(hi, 4+z*math.Sqrt(2.5), 1e-12) {
		t.Fatalf("interval [%v, %v] %v", lo, hi, ok)
	}
	m := Evaluate(res, MetricsConfig{})
	iv := m.Pooled[0].All.Intervals
	if len(iv) != 2 || iv[0].Level != 0.8 || iv[1].Level != 0.95 {
		t.Fatalf("levels %+v", iv)
	}
	w := 2*z*math.Sqrt(2.5) + 10*(7-hi)
	if !near(iv[0].Winkler, w/1.5, 1e-12) || iv[0].Coverage != 0 {
		t.Errorf("80%%: %+v, want Winkler %v", iv[0], w/1.5)
	}
	// 95%: 4 ± 1.95996·1.58114 = [0.90101, 7.09899] covers 7.
	if iv[1].Coverage != 1 || !near(iv[1].Winkler, 2*1.959963984540054*math.Sqrt(2.5)/1.5, 1e-12) {
		t.Errorf("95%%: %+v", iv[1])
	}
	if p := (Point{SD: math.NaN()}); func() bool { _, _, ok := ModelInterval(p, 0.8); return ok }() {
		t.Error("interval without an SD")
	}
}
