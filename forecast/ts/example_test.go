package ts_test

import (
	"fmt"

	"lmi/forecast/ts"
)

func ExampleDamped() {
	// Employment in one occupation: growth, damped in the projection.
	s := ts.Series{Values: []float64{100, 108, 115, 121, 126, 130, 135, 139}, Period: 1}
	f, err := ts.Damped{}.Forecast(s, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	for h, m := range f.Mean {
		fmt.Printf("h=%d %.0f\n", h+1, m)
	}
	// Output:
	// h=1 144
	// h=2 148
	// h=3 152
}

func ExampleNaive() {
	s := ts.Series{Values: []float64{10, 12, 11, 13}, Period: 1}
	f, _ := ts.Naive{}.Forecast(s, 2)
	// sigma = sqrt((2² + 1² + 2²)/3) = sqrt(3); SD_h = sigma·sqrt(h).
	fmt.Printf("%.0f %.0f, SD %.3f %.3f\n", f.Mean[0], f.Mean[1], f.SD[0], f.SD[1])
	// Output: 13 13, SD 1.732 2.449
}

func ExampleBacktest() {
	series := []ts.Series{
		{Values: []float64{100, 104, 109, 112, 118, 121, 126, 130}, Period: 1},
		{Values: []float64{50, 49, 51, 50, 52, 51, 50, 51}, Period: 1},
	}
	models := []ts.Model{ts.Naive{}, ts.Drift{}}
	res, err := ts.Backtest(series, models, ts.BacktestConfig{Horizon: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := ts.Evaluate(res, ts.MetricsConfig{})
	for i, name := range m.Models {
		fmt.Printf("%-6s MASE %.2f (series 1: %.2f, series 2: %.2f), directional %.2f\n", name,
			m.Pooled[i].All.MASE, m.Series[0][i].All.MASE, m.Series[1][i].All.MASE, m.Pooled[i].All.Directional)
	}
	// Output:
	// naive  MASE 1.12 (series 1: 1.46, series 2: 0.78), directional 0.06
	// drift  MASE 0.57 (series 1: 0.23, series 2: 0.90), directional 0.56
}

func ExamplePredict() {
	// The backtest of many series gives the errors behind the intervals;
	// here, three short series.
	series := []ts.Series{
		{Values: []float64{100, 104, 109, 112, 118, 121, 126, 130}, Period: 1},
		{Values: []float64{50, 49, 51, 50, 52, 51, 50, 51}, Period: 1},
		{Values: []float64{80, 78, 75, 74, 70, 69, 66, 64}, Period: 1},
	}
	models := []ts.Model{ts.Naive{}, ts.Drift{}, ts.Damped{}, ts.LogLinear{}}
	res, _ := ts.Backtest(series, models, ts.BacktestConfig{Horizon: 3})
	sel, _ := ts.Select(res, ts.SelectConfig{})
	em := ts.NewErrorModel(res, 0)
	for i, s := range series {
		p, err := ts.Predict(s, sel[i], models, em, 3)
		if err != nil {
			fmt.Println(err)
			continue
		}
		lo, hi := p.Interval(0.8)
		fmt.Printf("%v (%s): %.0f in [%.0f, %.0f] (%s); P(<= %.0f) = %.2f\n",
			p.Models, p.Reason, p.Mean[2], lo[2], hi[2], p.Dists[2].Source, s.Values[7], p.ProbBelow(3, s.Values[7]))
	}
	// Output:
	// [damped] (lowest backtest MASE): 142 in [141, 144] (model); P(<= 130) = 0.00
	// [damped] (lowest backtest MASE): 51 in [50, 53] (model); P(<= 51) = 0.35
	// [loglinear] (lowest backtest MASE): 58 in [57, 59] (model); P(<= 64) = 1.00
}

func ExampleCompare() {
	// Naive forecasts from three origins, drift only from the last two
	// (it needs two observations): the ratio is on the forecasts both
	// made. Origin 2 (scale 4): naive 104 for 109, error 1.25 scales;
	// drift 108, 0.25. Origin 3 (scale 4.5): naive 109 for 112, 0.667;
	// drift 113.5, 0.333. Naive's origin-1 forecast has no scale.
	series := []ts.Series{{Values: []float64{100, 104, 109, 112}, Period: 1}}
	res, _ := ts.Backtest(series, []ts.Model{ts.Naive{}, ts.Drift{}}, ts.BacktestConfig{Horizon: 1, Origins: []int{1, 2, 3}})
	c, _ := ts.Compare(res, ts.CompareConfig{})
	for m, name := range c.Models {
		s := c.Cells[m][0][0]
		fmt.Printf("%-5s %d shared forecasts, MASE %.3f, naive %.3f, ratio %.3f\n", name, s.Forecasts, s.MASE, s.RefMASE, s.Ratio)
	}
	// Output:
	// naive 3 shared forecasts, MASE 0.958, naive 0.958, ratio 1.000
	// drift 2 shared forecasts, MASE 0.292, naive 0.958, ratio 0.304
}
