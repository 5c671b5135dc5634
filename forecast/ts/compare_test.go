package ts

import (
	"errors"
	"math"
	"testing"
)

// TestCompareShared: naive forecasts origins 3 and 4, the other model
// only origin 4. The ratio is taken on origin 4 alone: model error
// |12-11|/2 = 0.5, naive |12-10|/2 = 1, ratio 0.5; naive's origin-3
// forecast (error 4) does not enter. Pooled MASEs over each model's own
// forecasts would give 0.5 / 1.5 instead. The actual moved 20% from 10:
// the model's direction (up) is right, naive's (unchanged) wrong.
func TestCompareShared(t *testing.T) {
	res := &BacktestResult{Models: []string{"naive", "m"}, Horizon: 1, Series: []SeriesBacktest{{
		Points: []Point{
			{Model: 0, Origin: 3, Step: 1, Actual: 14, Forecast: 10, Last: 10, Scale: 2, SD: math.NaN()},
			{Model: 0, Origin: 4, Step: 1, Actual: 12, Forecast: 10, Last: 10, Scale: 2, SD: 1},
			{Model: 1, Origin: 4, Step: 1, Actual: 12, Forecast: 11, Last: 10, Scale: 2, SD: math.NaN()},
		},
	}}}
	c, err := Compare(res, CompareConfig{MinChange: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	m := c.Cells[1][0][0]
	if m.Forecasts != 1 || m.MASE != 0.5 || m.RefMASE != 1 || m.Ratio != 0.5 || m.Moved != 1 || m.MovedDirectional != 1 {
		t.Errorf("m: %+v", m)
	}
	n := c.Cells[0][0][0]
	if n.Forecasts != 2 || n.Ratio != 1 || n.MovedDirectional != 0 {
		t.Errorf("naive: %+v", n)
	}
	// Naive's own interval at origin 4: 10 ± 1.2816 misses 12.
	if iv := n.Intervals[0]; iv.N != 1 || iv.Coverage != 0 {
		t.Errorf("naive 80%% interval: %+v", iv)
	}
	// Common: the forecasts every model made, origin 4 only.
	c, _ = Compare(res, CompareConfig{Common: true})
	if n := c.Cells[0][0][0]; n.Forecasts != 1 || n.MASE != 1 {
		t.Errorf("common naive: %+v", n)
	}
	if _, err := Compare(res, CompareConfig{Reference: "x"}); !errors.Is(err, ErrConfig) {
		t.Errorf("unknown reference: %v", err)
	}
	if _, err := Compare(res, CompareConfig{Group: []int{0, 1}}); !errors.Is(err, ErrConfig) {
		t.Errorf("groups of the wrong length: %v", err)
	}
}

// TestThetaByHand: y = 1, 2, 3. The slope is 1; SES's one-step errors
// are 1 and 2-α, least at α = 1, level 3. The forecast is
// 3 + 0.5·(h - 1 + 1/1 - 0) = 3.5, 4; σ² = (1 + 1)/2 = 1, SD 1 and
// sqrt(1 + α²) = sqrt 2.
func TestThetaByHand(t *testing.T) {
	f, err := Theta{}.Forecast(Series{Values: []float64{1, 2, 3}, Period: 1}, 2)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []float64{3.5, 4} {
		if math.Abs(f.Mean[k]-want) > 1e-6 {
			t.Errorf("h=%d: %v, want %v", k+1, f.Mean[k], want)
		}
	}
	for k, want := range []float64{1, math.Sqrt2} {
		if math.Abs(f.SD[k]-want) > 1e-6 {
			t.Errorf("SD h=%d: %v, want %v", k+1, f.SD[k], want)
		}
	}
	if f, _ := (Theta{}).Forecast(Series{Values: []float64{5, 5}, Period: 1}, 1); f.Mean[0] != 5 {
		t.Errorf("constant: %v", f.Mean)
	}
}
