package ts

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Two groups of series: noisy levels with no trend, where nothing beats
// naive, and clean linear trends, where drift does. SelectGrouped picks
// naive for every series of the first and drift for every one of the
// second, whatever the luck of a single series.
func TestSelectGrouped(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var series []Series
	var group []int
	for i := range 200 {
		y := make([]float64, 10)
		level := 100.0
		for k := range y {
			if i%2 == 0 {
				level += r.NormFloat64() * 3 // a random walk
				y[k] = level
			} else {
				y[k] = 50 + 4*float64(k) + r.NormFloat64()*0.5
			}
		}
		series = append(series, Series{Values: y, Period: 1})
		group = append(group, i%2)
	}
	res, err := Backtest(series, []Model{Naive{}, Drift{}}, BacktestConfig{Horizon: 3})
	if err != nil {
		t.Fatal(err)
	}
	sel, err := SelectGrouped(res, group, SelectConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sel {
		want := []string{"naive", "drift"}[group[i]]
		reason := []string{ReasonGroupNaive, ReasonGroup}[group[i]]
		if len(s.Models) != 1 || s.Models[0] != want || s.Reason != reason || s.Origins != 7 {
			t.Fatalf("series %d (group %d): %v (%s, %d origins), want %s (%s)", i, group[i], s.Models, s.Reason, s.Origins, want, reason)
		}
		if _, ok := s.MASE["drift"]; !ok {
			t.Fatalf("series %d: its own MASE is not kept: %v", i, s.MASE)
		}
	}
	// A margin no model can clear leaves naive everywhere.
	sel, err = SelectGrouped(res, group, SelectConfig{Margin: 0.99})
	if err != nil {
		t.Fatal(err)
	}
	if sel[1].Models[0] != "naive" {
		t.Errorf("margin 0.99: %v, want naive", sel[1].Models)
	}
	// Combining weights the group's models by inverse pooled MASE.
	sel, err = SelectGrouped(res, group, SelectConfig{Combine: true})
	if err != nil {
		t.Fatal(err)
	}
	if s := sel[1]; len(s.Models) != 2 || s.Weights[0] <= s.Weights[1] || math.Abs(s.Weights[0]+s.Weights[1]-1) > 1e-12 {
		t.Errorf("combined: %v %v, want drift weighted above naive, summing to 1", s.Models, s.Weights)
	}
	// A trending series with only four years has one backtest origin:
	// naive, too short, though its group chose drift.
	short := append(series, Series{Values: []float64{50, 54, 58, 62}, Period: 1})
	res, err = Backtest(short, []Model{Naive{}, Drift{}}, BacktestConfig{Horizon: 3})
	if err != nil {
		t.Fatal(err)
	}
	sel, err = SelectGrouped(res, append(group, 1), SelectConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if s := sel[len(sel)-1]; s.Models[0] != "naive" || s.Reason != ReasonTooShort || s.Origins != 1 {
		t.Errorf("short series: %v (%s, %d origins), want naive, too short", s.Models, s.Reason, s.Origins)
	}
	if _, err := SelectGrouped(res, group[:3], SelectConfig{}); err == nil {
		t.Error("groups of the wrong length: no error")
	}
}

func TestPooledDist(t *testing.T) {
	// 20 errors -1..+0.9 in steps of 0.1 at step 1: the empirical rule.
	errs := make([]float64, 20)
	for i := range errs {
		errs[i] = -1 + 0.1*float64(i)
	}
	d := PooledDist(100, 10, [][]float64{errs, nil}, 1)
	if d.Source != SourceEmpirical {
		t.Fatalf("source %s", d.Source)
	}
	// The median of the errors is -0.05 (type 7): 100 + 10*(-0.05).
	if q := d.Quantile(0.5); math.Abs(q-99.5) > 1e-9 {
		t.Errorf("median %v, want 99.5", q)
	}
	// Step 2 has no errors: step 1's widened by sqrt(2).
	if d2 := PooledDist(100, 10, [][]float64{errs, nil}, 2); d2.Source != SourceWidened ||
		math.Abs(d2.Quantile(1)-(100+10*math.Sqrt2*0.9)) > 1e-9 {
		t.Errorf("step 2: %s, max %v", d2.Source, d2.Quantile(1))
	}
}
