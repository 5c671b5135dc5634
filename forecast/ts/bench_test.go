package ts

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkBacktest: 1000 yearly series of 10 points, every yearly model,
// horizon 5.
func BenchmarkBacktest(b *testing.B) {
	r := rand.New(rand.NewPCG(11, 12))
	series := make([]Series, 1000)
	for i := range series {
		series[i] = randomSeries(r, 10)
	}
	cfg := BacktestConfig{Horizon: 5}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Backtest(series, yearly, cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(series)*b.N)/b.Elapsed().Seconds(), "series/s")
}

// BenchmarkPipeline: backtest, metrics, selection and final forecasts
// with intervals for 1000 series.
func BenchmarkPipeline(b *testing.B) {
	r := rand.New(rand.NewPCG(11, 12))
	series := make([]Series, 1000)
	for i := range series {
		series[i] = randomSeries(r, 10)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := Backtest(series, yearly, BacktestConfig{Horizon: 5})
		if err != nil {
			b.Fatal(err)
		}
		Evaluate(res, MetricsConfig{})
		sel, _ := Select(res, SelectConfig{})
		em := NewErrorModel(res, 0)
		for i, s := range series {
			p, err := Predict(s, sel[i], yearly, em, 5)
			if err != nil {
				b.Fatal(err)
			}
			p.Interval(0.8)
			p.ProbBelow(5, s.Values[9])
		}
	}
	b.ReportMetric(float64(len(series)*b.N)/b.Elapsed().Seconds(), "series/s")
}

func BenchmarkDamped(b *testing.B) {
	s := Series{Values: []float64{100, 108, 115, 121, 126, 130, 135, 139, 142, 146}, Period: 1}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (Damped{}).Forecast(s, 5); err != nil {
			b.Fatal(err)
		}
	}
}
