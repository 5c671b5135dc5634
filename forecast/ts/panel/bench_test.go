package panel

import (
	"math/rand/v2"
	"testing"

	"lmi/forecast/ts"
)

// BenchmarkBacktestYREG: the yearly candidates' backtest from every
// origin of SCB YREG60's 7,426 län x SSYK 4 series, the published
// choice and the calibrated intervals: what TestYREGEvaluation runs.
func BenchmarkBacktestYREG(b *testing.B) {
	lan, _ := yregPanels(b)
	models := yearlyCandidates()
	b.ReportAllocs()
	for b.Loop() {
		res, err := Backtest(lan, models, Config{Horizon: 4})
		if err != nil {
			b.Fatal(err)
		}
		res, _, err = Publish(lan, res, ChooseConfig{})
		if err != nil {
			b.Fatal(err)
		}
		NewIntervals(lan, res, levels)
	}
	b.ReportMetric(float64(len(lan.Keys)*b.N)/b.Elapsed().Seconds(), "series/s")
}

// BenchmarkGrowth: one forecast of 7,500 random series of 8 years with
// two breaks.
func BenchmarkGrowth(b *testing.B) {
	p := randomPanel(rand.New(rand.NewPCG(1, 2)), 7500, 8)
	p.Breaks = []int{5, 6}
	m := Growth{Region: true, Revert: true, Phi: 0.5}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.ForecastPanel(p, 4); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBacktestNational: naive, drift, damped and the shrunk growth
// on 430 random national series of 8 years, the size of riket x SSYK 4.
func BenchmarkBacktestNational(b *testing.B) {
	p := randomPanel(rand.New(rand.NewPCG(3, 4)), 430, 8)
	models := []Model{PerSeries{Model: ts.Naive{}}, PerSeries{Model: ts.Drift{}}, PerSeries{Model: ts.Damped{}}, Growth{Phi: 0.5}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Backtest(p, models, Config{Horizon: 4}); err != nil {
			b.Fatal(err)
		}
	}
}
