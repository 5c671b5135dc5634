package forecast

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"lmi/forecast/ts"
	"lmi/forecast/ts/panel"
)

// linearSeries are two straight lines over 2010-2019 (a: 10 + 2t,
// b: 100 + 5t) and a three-year series c (5, 7, 6 over 2017-2019).
func linearSeries() []NamedSeries {
	a, b := make([]float64, 10), make([]float64, 10)
	for t := range a {
		a[t], b[t] = 10+2*float64(t), 100+5*float64(t)
	}
	return []NamedSeries{
		{Key: "a", Start: Period{Year: 2010, Freq: 1}, Series: ts.Series{Values: a, Period: 1}},
		{Key: "b", Start: Period{Year: 2010, Freq: 1}, Series: ts.Series{Values: b, Period: 1}},
		{Key: "c", Start: Period{Year: 2017, Freq: 1}, Series: ts.Series{Values: []float64{5, 7, 6}, Period: 1}},
	}
}

// On straight lines drift is exact: it is chosen at every step and its
// forecast continues the line. The backtest from origins 3-9 (training
// lengths): at origin 3 nothing is known and naive is published, from 4
// on drift (its errors are 0). Each naive error h steps ahead is h
// scales (the lines move one scale a year), so the published forecast's
// MASE over naive's at step h is h / (h·(8-h)) = 1/(8-h), and over all
// steps (1+2+3) / (7·1 + 6·2 + 5·3) = 6/34. Series c is too short for a
// backtest: naive, without an interval.
func TestForecastSeriesLinear(t *testing.T) {
	res, err := ForecastSeries(linearSeries(), SeriesParams{Horizon: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 2 || len(res.Rows) != 9 {
		t.Fatalf("%d groups, %d rows", len(res.Groups), len(res.Rows))
	}
	want := []struct {
		key      string
		target   string
		forecast float64
		model    string
		reason   string
	}{
		{"a", "2020", 30, "drift", ReasonSeriesBest + ": 0.000 of naive's on 14 shared forecasts"},
		{"a", "2021", 32, "drift", ReasonSeriesBest + ": 0.000 of naive's on 12 shared forecasts"},
		{"a", "2022", 34, "drift", ReasonSeriesBest + ": 0.000 of naive's on 10 shared forecasts"},
		{"b", "2020", 150, "drift", ""},
		{"b", "2021", 155, "drift", ""},
		{"b", "2022", 160, "drift", ""},
		{"c", "2020", 6, "naive", ReasonSeriesShort},
		{"c", "2021", 6, "naive", ReasonSeriesShort},
		{"c", "2022", 6, "naive", ReasonSeriesShort},
	}
	for i, w := range want {
		r := res.Rows[i]
		if r.Key != w.key || r.Target.String() != w.target || r.H != i%3+1 || r.Model != w.model || math.Abs(r.Forecast-w.forecast) > 1e-9 {
			t.Errorf("row %d: %s %s h=%d %s %v, want %s %s %s %v", i, r.Key, r.Target, r.H, r.Model, r.Forecast, w.key, w.target, w.model, w.forecast)
		}
		if w.reason != "" && r.Reason != w.reason {
			t.Errorf("row %d: reason %q, want %q", i, r.Reason, w.reason)
		}
		for l := range r.Lower {
			switch {
			case w.key == "c" && !(math.IsNaN(r.Lower[l]) && math.IsNaN(r.Upper[l])):
				t.Errorf("row %d: interval [%v, %v] without a backtest", i, r.Lower[l], r.Upper[l])
			case w.key != "c" && !(r.Lower[l] <= r.Forecast && r.Forecast <= r.Upper[l]):
				t.Errorf("row %d: %v outside its interval [%v, %v]", i, r.Forecast, r.Lower[l], r.Upper[l])
			}
		}
	}
	c := res.Groups[0].Scores
	pub := slices.Index(c.Models, panel.Published)
	for h, ratio := range []float64{6.0 / 34, 1.0 / 7, 1.0 / 6, 1.0 / 5} {
		if got := c.Cells[pub][0][h].Ratio; math.Abs(got-ratio) > 1e-12 {
			t.Errorf("published forecast at h=%d: %v of naive's MASE, want %v", h, got, ratio)
		}
	}
	if g := res.Groups[0]; !g.Chosen("drift", 2) || g.Chosen("naive", 0) || g.Periods() != "2010..2019" {
		t.Errorf("group %s: chosen %v", g.Periods(), g.Choice.Models)
	}
}

func TestForecastSeriesParams(t *testing.T) {
	for _, c := range []struct {
		name string
		p    SeriesParams
		want error
	}{
		{"horizon 0", SeriesParams{}, ErrSeriesParams},
		{"negative scored", SeriesParams{Horizon: 1, Scored: -1}, ErrSeriesParams},
		{"level 1", SeriesParams{Horizon: 1, Levels: []float64{1}}, ErrSeriesParams},
		{"no naive", SeriesParams{Horizon: 1, Models: []ts.Model{ts.Drift{}}}, ts.ErrNoNaive},
	} {
		if _, err := ForecastSeries(linearSeries(), c.p); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

// TestForecastSeriesMonthly forecasts SCB's monthly unemployment rates
// (BAS ArbStatusM, riket and 21 län, 2020-01 to 2024-01) 12 months
// ahead from the fast candidates, scored on the last 12 origins, and
// logs the published forecast's backtest per step.
func TestForecastSeriesMonthly(t *testing.T) {
	f, err := os.Open(basFile)
	if err != nil {
		t.Skipf("SCB monthly unemployment series not available (%v): the shared reference data are not beside this checkout", err)
	}
	defer f.Close()
	ss, err := ReadSeriesCSV(f, basFile, CSVColumns{Period: "Period", Value: "arbetslöshet", Keys: []string{"regionkod"}})
	if err != nil {
		t.Fatal(err)
	}
	models := []ts.Model{ts.Naive{}, ts.SeasonalNaive{}, ts.Drift{}, ts.Damped{}}
	res, err := ForecastSeries(ss, SeriesParams{Horizon: 12, Scored: 12, Models: models})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 1 || len(res.Rows) != 22*12 || len(res.Groups[0].Origins) != 24 {
		t.Fatalf("%d groups, %d rows, %d origins", len(res.Groups), len(res.Rows), len(res.Groups[0].Origins))
	}
	for _, r := range res.Rows {
		if r.Origin.String() != "2024-01" || !(r.Lower[1] <= r.Lower[0] && r.Lower[0] <= r.Forecast && r.Forecast <= r.Upper[0] && r.Upper[0] <= r.Upper[1]) {
			t.Errorf("%s %s: %v, 80%% [%v, %v], 95%% [%v, %v]", r.Key, r.Target, r.Forecast, r.Lower[0], r.Upper[0], r.Lower[1], r.Upper[1])
		}
	}
	logScores(t, res.Groups[0])
}

func logScores(t *testing.T, g SeriesGroup) {
	c := g.Scores
	var b strings.Builder
	for m, name := range c.Models {
		for h, s := range c.Cells[m][0] {
			fmt.Fprintf(&b, "%-8s h=%-2d %5d forecasts  %.3f  %.3f  %.3f\n", name, h, s.Forecasts, s.Ratio, s.Intervals[0].Coverage, s.Intervals[1].Coverage)
		}
	}
	t.Logf("model, step: MASE over naive's, coverage 80%%, 95%%\n%s", b.String())
}

// On series whose future is known in law, independent Gaussian random
// walks, the published intervals must cover at their nominal rate at
// every step: 300 walks of 30 years (steps N(0, 1) from 100), naive and
// drift as candidates, 4 years ahead, scored on the last 10 origins
// (3,000 forecasts per step). The true 80% and 95% intervals of naive
// are ±1.28·√h and ±1.96·√h; lmi's are calibrated on the backtest
// errors alone.
func TestForecastSeriesCoverageKnown(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 3))
	var ss []NamedSeries
	for i := range 300 {
		v := make([]float64, 30)
		v[0] = 100
		for k := 1; k < len(v); k++ {
			v[k] = v[k-1] + rng.NormFloat64()
		}
		ss = append(ss, NamedSeries{Key: fmt.Sprintf("%03d", i), Start: Period{Year: 1990, Freq: 1}, Series: ts.Series{Values: v, Period: 1}})
	}
	res, err := ForecastSeries(ss, SeriesParams{Horizon: 4, Scored: 10, Models: []ts.Model{ts.Naive{}, ts.Drift{}}})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Groups[0].Scores
	pub := slices.Index(c.Models, panel.Published)
	for h := 1; h <= 4; h++ {
		s := c.Cells[pub][0][h]
		for l, iv := range s.Intervals {
			t.Logf("h=%d: %d forecasts, %.0f%% interval covers %.3f", h, s.Forecasts, 100*c.Levels[l], iv.Coverage)
			if math.Abs(iv.Coverage-c.Levels[l]) > 0.05 {
				t.Errorf("h=%d: the %.0f%% interval covers %.3f", h, 100*c.Levels[l], iv.Coverage)
			}
		}
	}
}
