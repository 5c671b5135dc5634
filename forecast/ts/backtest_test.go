package ts

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
)

// spy records the length of every series it is given and forecasts the
// mean of what it sees.
type spy struct {
	mu   *sync.Mutex
	seen *[]int
}

func (spy) Name() string      { return "spy" }
func (spy) MinLength(int) int { return 1 }
func (m spy) Forecast(s Series, h int) (Forecast, error) {
	m.mu.Lock()
	*m.seen = append(*m.seen, s.Len())
	m.mu.Unlock()
	// Reslicing to the full capacity must not reveal later values.
	full := s.Values[:cap(s.Values)]
	var sum float64
	for _, v := range full {
		sum += v
	}
	return Forecast{Mean: constSlice(sum/float64(len(full)), h)}, nil
}

func randomSeries(r *rand.Rand, n int) Series {
	s := Series{Values: make([]float64, n), Period: 1, Reference: make([]float64, n)}
	level := 100.0
	for i := range s.Values {
		level += 3*r.NormFloat64() + 1
		s.Values[i] = level
		s.Reference[i] = 10*level + 50*r.Float64()
	}
	return s
}

// TestBacktestSeesOnlyHead: every fit sees exactly its origin's
// observations.
func TestBacktestSeesOnlyHead(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var series []Series
	for n := range 12 {
		series = append(series, randomSeries(r, n+1))
	}
	sp := spy{mu: new(sync.Mutex), seen: new([]int)}
	res, err := Backtest(series, []Model{sp}, BacktestConfig{Horizon: 3, MinTrain: 1, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for i, sb := range res.Series {
		for _, p := range sb.Points {
			if p.Origin+p.Step > series[i].Len() {
				t.Fatalf("series %d: point beyond the data: %+v", i, p)
			}
		}
		calls += series[i].Len() - 1 // origins 1..n-1
	}
	if len(*sp.seen) != calls {
		t.Fatalf("%d fits, want %d", len(*sp.seen), calls)
	}
	// The spy's forecast is the mean of the training data: recompute it
	// from Head(origin) to check it saw no more.
	for i, sb := range res.Series {
		for _, p := range sb.Points {
			var sum float64
			for _, v := range series[i].Values[:p.Origin] {
				sum += v
			}
			if !near(p.Forecast, sum/float64(p.Origin), 1e-12) {
				t.Fatalf("series %d origin %d: the fit saw past the origin", i, p.Origin)
			}
		}
	}
}

// TestBacktestPoisonedFuture: replacing every value after an origin
// changes no forecast made at or before that origin.
func TestBacktestPoisonedFuture(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n, cut = 10, 6
	var clean, poisoned []Series
	for range 20 {
		s := randomSeries(r, n)
		clean = append(clean, s)
		p := Series{Values: append([]float64(nil), s.Values...), Period: 1, Reference: append([]float64(nil), s.Reference...)}
		for i := cut; i < n; i++ {
			p.Values[i] = 1e6 * r.Float64()
			p.Reference[i] = 1e7 * r.Float64()
		}
		poisoned = append(poisoned, p)
	}
	cfg := BacktestConfig{Horizon: 4}
	a, err := Backtest(clean, yearly, cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Backtest(poisoned, yearly, cfg)
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for i := range a.Series {
		pa, pb := a.Series[i].Points, b.Series[i].Points
		if len(pa) != len(pb) {
			t.Fatalf("series %d: %d vs %d points", i, len(pa), len(pb))
		}
		for k := range pa {
			if pa[k].Origin > cut {
				continue
			}
			compared++
			if pa[k].Forecast != pb[k].Forecast || !(pa[k].SD == pb[k].SD || math.IsNaN(pa[k].SD) && math.IsNaN(pb[k].SD)) {
				t.Fatalf("series %d: %+v vs %+v", i, pa[k], pb[k])
			}
		}
	}
	if compared == 0 {
		t.Fatal("nothing compared")
	}
}

// TestBacktestDeterministic: the result does not depend on Workers.
func TestBacktestDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var series []Series
	for i := range 60 {
		series = append(series, randomSeries(r, 3+i%9))
	}
	one, err := Backtest(series, yearly, BacktestConfig{Horizon: 3, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	many, err := Backtest(series, yearly, BacktestConfig{Horizon: 3, Workers: 7})
	if err != nil {
		t.Fatal(err)
	}
	// NaN SDs defeat reflect.DeepEqual: compare bit patterns.
	if !reflect.DeepEqual(one.Models, many.Models) || len(one.Series) != len(many.Series) {
		t.Fatal("results differ between 1 and 7 workers")
	}
	for i := range one.Series {
		a, b := one.Series[i], many.Series[i]
		if !reflect.DeepEqual(a.Skipped, b.Skipped) || !reflect.DeepEqual(a.Failed, b.Failed) || len(a.Points) != len(b.Points) {
			t.Fatalf("series %d differs", i)
		}
		for k := range a.Points {
			p, q := a.Points[k], b.Points[k]
			if math.Float64bits(p.SD) != math.Float64bits(q.SD) {
				t.Fatalf("series %d: %+v vs %+v", i, p, q)
			}
			p.SD, q.SD = 0, 0
			if p != q {
				t.Fatalf("series %d: %+v vs %+v", i, p, q)
			}
		}
	}
}

// TestBacktestOrigins checks the default and explicit origins, the
// steps per origin, skips and failures.
func TestBacktestOrigins(t *testing.T) {
	s := Series{Values: []float64{1, 2, 4, 7, 11, 16}, Period: 1}
	zero := Series{Values: []float64{1, 0, 2, 3, 4, 5}, Period: 1}
	res, err := Backtest([]Series{s, zero}, []Model{Naive{}, Damped{}, LogLinear{}}, BacktestConfig{Horizon: 2, MinTrain: 2})
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ origin, step int }
	got := map[string][]key{}
	for _, p := range res.Series[0].Points {
		got[res.Models[p.Model]] = append(got[res.Models[p.Model]], key{p.Origin, p.Step})
	}
	// Origins 2..5; the last has one step left. Damped needs 4.
	want := map[string][]key{
		"naive":     {{2, 1}, {2, 2}, {3, 1}, {3, 2}, {4, 1}, {4, 2}, {5, 1}},
		"damped":    {{4, 1}, {4, 2}, {5, 1}},
		"loglinear": {{3, 1}, {3, 2}, {4, 1}, {4, 2}, {5, 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("points %v, want %v", got, want)
	}
	if sk := res.Series[0].Skipped; !reflect.DeepEqual(sk, []int{0, 2, 1}) {
		t.Errorf("skipped %v", sk)
	}
	if f := res.Series[1].Failed; f[2] != 3 || !errors.Is(res.Series[1].Err[2], ErrNotPositive) {
		t.Errorf("loglinear on a series with a zero: failed %v, %v", f, res.Series[1].Err)
	}
	// Default MinTrain: the largest MinLength (damped, 4).
	res, _ = Backtest([]Series{s}, []Model{Naive{}, Damped{}}, BacktestConfig{Horizon: 1})
	if p := res.Series[0].Points; len(p) != 4 || p[0].Origin != 4 {
		t.Errorf("default origins: %+v", p)
	}
	// Explicit origins, out of range ones dropped.
	res, _ = Backtest([]Series{s}, []Model{Naive{}}, BacktestConfig{Horizon: 1, Origins: []int{5, 0, 3, 3, 9}})
	if p := res.Series[0].Points; len(p) != 2 || p[0].Origin != 3 || p[1].Origin != 5 {
		t.Errorf("explicit origins: %+v", p)
	}
	// Bad input.
	if _, err := Backtest([]Series{{Values: []float64{1, math.NaN(), 3}}}, yearly, BacktestConfig{Horizon: 1}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("NaN series: %v", err)
	}
	if _, err := Backtest(nil, yearly, BacktestConfig{}); !errors.Is(err, ErrConfig) {
		t.Errorf("zero horizon: %v", err)
	}
	if _, err := Backtest(nil, []Model{Naive{}, Naive{}}, BacktestConfig{Horizon: 1}); !errors.Is(err, ErrConfig) {
		t.Errorf("duplicate model: %v", err)
	}
}

func TestScale(t *testing.T) {
	for _, tc := range []struct {
		s    Series
		want float64
	}{
		{Series{Values: []float64{1, 2, 4, 7}}, 2},                     // (1+2+3)/3
		{Series{Values: []float64{3, 3, 3}}, 0},                        // constant
		{Series{Values: []float64{3}}, 0},                              // no change
		{Series{Values: []float64{1, 5, 2, 6, 4}, Period: 2}, 4.0 / 3}, // lag 2: (1+1+2)/3
	} {
		if got := Scale(tc.s); !near(got, tc.want, 1e-12) {
			t.Errorf("Scale(%v) = %v, want %v", tc.s.Values, got, tc.want)
		}
	}
}

// faulty breaks the Model contract in every way checkedForecast catches.
type faulty struct{ mode int }

func (faulty) Name() string      { return "faulty" }
func (faulty) MinLength(int) int { return 1 }
func (m faulty) Forecast(s Series, h int) (Forecast, error) {
	switch m.mode {
	case 0:
		panic("boom")
	case 1:
		return Forecast{Mean: []float64{1}}, nil
	}
	return Forecast{Mean: constSlice(math.NaN(), h)}, nil
}

func TestBacktestFaultyModel(t *testing.T) {
	// Origins 3 and 4, with 2 and 1 steps; mode 1's single step is enough
	// at origin 4.
	s := []Series{{Values: []float64{1, 2, 3, 4, 5}}}
	for mode, fails := range []int{2, 1, 2} {
		res, err := Backtest(s, []Model{Naive{}, faulty{mode}}, BacktestConfig{Horizon: 2})
		if err != nil {
			t.Fatal(err)
		}
		sb := res.Series[0]
		if sb.Failed[1] != fails || sb.Err[1] == nil || sb.Failed[0] != 0 || len(sb.Points) != 3+2-fails {
			t.Errorf("mode %d: failed %v, %v, %d points", mode, sb.Failed, sb.Err, len(sb.Points))
		}
	}
}
