package panel

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"lmi/forecast/ts"
)

// constModel forecasts every series at a constant.
type constModel struct {
	name string
	v    float64
}

func (c constModel) Name() string { return c.name }
func (c constModel) ForecastPanel(p *Panel, h int) ([]ts.Forecast, error) {
	out := make([]ts.Forecast, len(p.Values))
	for i := range out {
		out[i].Mean = slices.Repeat([]float64{c.v}, h)
	}
	return out, nil
}

// fromLogs is a panel of one region whose series have the log levels x
// (y = exp(x) - 1).
func fromLogs(t *testing.T, occ []string, x ...[]float64) *Panel {
	t.Helper()
	keys := make([]Key, len(x))
	vals := make([][]float64, len(x))
	times := []string{"2014", "2015", "2016", "2017", "2018", "2019"}[:len(x[0])]
	for i, v := range x {
		keys[i] = Key{Region: "01", Occupation: occ[i]}
		for _, xv := range v {
			vals[i] = append(vals[i], math.Expm1(xv))
		}
	}
	p, err := New(1, times, keys, vals)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestGrowthByHand: A has log levels 0, 2, 1 (slope 0.5, residual
// variance 1.5, so the slope's variance is 1.5/S_xx = 0.75), B is 0, 0, 0
// (slope 0). Their SSYK 3 group's total is A's values, slope 0.5, the
// prior of both. τ² = max(0, (0² + 0.5²)/2 - (0.75 + 0)/2) = 0: both
// take the prior, 0.5 a year. A from level 1: exp(1.5) - 1, exp(2) - 1;
// B from 0: exp(0.5) - 1, exp(1) - 1. With φ = 0.5: A exp(1.25) - 1,
// exp(1.375) - 1.
func TestGrowthByHand(t *testing.T) {
	p := fromLogs(t, []string{"1111", "1112"}, []float64{0, 2, 1}, []float64{0, 0, 0})
	for _, tc := range []struct {
		m    Growth
		want [2][]float64
	}{
		{Growth{}, [2][]float64{{math.Expm1(1.5), math.Expm1(2)}, {math.Expm1(0.5), math.Expm1(1)}}},
		{Growth{Phi: 0.5}, [2][]float64{{math.Expm1(1.25), math.Expm1(1.375)}, {math.Expm1(0.25), math.Expm1(0.375)}}},
	} {
		fs, err := tc.m.ForecastPanel(p, 2)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			for k := range 2 {
				if math.Abs(fs[i].Mean[k]-tc.want[i][k]) > 1e-9 {
					t.Errorf("phi %v series %d h %d: %v, want %v", tc.m.Phi, i, k+1, fs[i].Mean[k], tc.want[i][k])
				}
			}
		}
	}
	if _, err := (Growth{Phi: 2}).ForecastPanel(p, 1); !errors.Is(err, ts.ErrConfig) {
		t.Errorf("phi 2: %v", err)
	}
}

// TestAdjustByHand: log levels 0, 0.1, 0.7, 0.8 with a break at the
// third observation. The normal changes are 0.1 and 0.1 (mean 0.1,
// variance 0), the change at the break 0.6, so the raw shift is 0.5; as
// its own group, the shift is 0.5 and the history before the break
// moves up by it: 0.5, 0.6, 0.7, 0.8.
func TestAdjustByHand(t *testing.T) {
	p := fromLogs(t, []string{"1111"}, []float64{0, 0.1, 0.7, 0.8})
	if err := p.SetBreaks("2016"); err != nil {
		t.Fatal(err)
	}
	a := Adjust(p, func(k Key) string { return k.Occupation })
	want := []float64{0.5, 0.6, 0.7, 0.8}
	for t2, w := range want {
		if math.Abs(a.X[0][t2]-w) > 1e-12 {
			t.Errorf("X[%d] = %v, want %v", t2, a.X[0][t2], w)
		}
	}
	if math.Abs(a.Shift[0][0]-0.5) > 1e-12 {
		t.Errorf("shift %v, want 0.5", a.Shift[0][0])
	}
	// Naive reads the last value and is not affected by a break.
	f, _ := PerSeries{Model: ts.Naive{}}.ForecastPanel(p, 1)
	if f[0].Mean[0] != p.Values[0][3] {
		t.Errorf("naive %v, want %v", f[0].Mean[0], p.Values[0][3])
	}
	if err := p.SetBreaks("2030"); !errors.Is(err, ErrBreak) {
		t.Errorf("break off the axis: %v", err)
	}
}

// TestAdjustShrinks: a small noisy series' shift is pulled towards its
// group's, between its own raw shift and the group's.
func TestAdjustShrinks(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var keys []Key
	var vals [][]float64
	for i := range 40 {
		lvl := 30.0
		if i == 0 {
			lvl = 3000
		}
		v := make([]float64, 6)
		for tt := range v {
			v[tt] = lvl * (1 + 0.2*r.NormFloat64())
			if tt >= 4 {
				v[tt] *= 1.3
			}
		}
		keys = append(keys, Key{Region: string(rune('A' + i)), Occupation: "1111"})
		vals = append(vals, v)
	}
	p, err := New(1, []string{"1", "2", "3", "4", "5", "6"}, keys, vals)
	if err != nil {
		t.Fatal(err)
	}
	p.Breaks = []int{4}
	occ := func(k Key) string { return k.Occupation }
	a := Adjust(p, occ)
	x := a.X[0]
	_ = x
	tot := selfAdjusted(p.Sum(occ)["1111"], nil)
	gg, _, _ := normalMoments(tot, a.Normal)
	R := tot[4] - tot[3] - gg
	for i := 1; i < 40; i++ {
		lx := make([]float64, 6)
		for tt, y := range p.Values[i] {
			lx[tt] = logLevel(y)
		}
		g, _, _ := normalMoments(lx, a.Normal)
		raw := lx[4] - lx[3] - g
		s := a.Shift[i][0]
		if (s-R)*(raw-R) < 0 || math.Abs(s-R) > math.Abs(raw-R)+1e-12 {
			t.Errorf("series %d: shift %.3f not between group %.3f and own %.3f", i, s, R, raw)
		}
	}
}

// TestCombinationByHand: members at 1, 2 and 10: the median is 2, the
// mean 13/3, the mean trimmed by a third at each end 2; a member that
// does not forecast a series is left out.
func TestCombinationByHand(t *testing.T) {
	p := fromLogs(t, []string{"1111"}, []float64{1, 2, 3})
	members := []Model{constModel{"a", 1}, constModel{"b", 2}, constModel{"c", 10}}
	for _, tc := range []struct {
		trim, want float64
	}{{0.5, 2}, {0, 13.0 / 3}, {1.0 / 3, 2}} {
		f, err := Combination{Label: "c", Members: members, Trim: tc.trim}.ForecastPanel(p, 2)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(f[0].Mean[1]-tc.want) > 1e-12 {
			t.Errorf("trim %v: %v, want %v", tc.trim, f[0].Mean[1], tc.want)
		}
	}
	f, _ := Median("m", constModel{"a", 1}, constModel{"b", 4}).ForecastPanel(p, 1)
	if f[0].Mean[0] != 2.5 {
		t.Errorf("median of 1 and 4: %v", f[0].Mean[0])
	}
	if _, err := (Combination{Label: "x", Trim: 0.6, Members: members}).ForecastPanel(p, 1); !errors.Is(err, ts.ErrConfig) {
		t.Errorf("trim 0.6: %v", err)
	}
}

// TestCalibrateByHand: step-1 errors -1 and 1 at each of two origins.
// The origins' means are equal, so ρ = 0 and NEff = 2·(1 + 1/1) = 4; the
// spreads are equal, so SpreadSD = 0. The weighted quantiles are -1 and
// 1 at 10% and 90%, the median 0, widened by t_3(0.9)/z(0.9) =
// 1.637744/1.281552. Step 2 has no errors: step 1's times sqrt(2).
func TestCalibrateByHand(t *testing.T) {
	errs := []Error{{1, 1, -1}, {1, 1, 1}, {2, 1, -1}, {2, 1, 1}}
	c := Calibrate(errs, 2, []float64{0.8})
	s := c.Steps[0]
	w := 1.637744353696210 / 1.281551565544601
	if s.Source != SourcePooled || s.NEff != 4 || s.SpreadSD != 0 || math.Abs(s.Hi[0]-w) > 1e-9 || math.Abs(s.Lo[0]+w) > 1e-9 {
		t.Errorf("step 1: %+v, want pooled, NEff 4, ±%v", s, w)
	}
	s2 := c.Steps[1]
	if s2.Source != SourceExtrapolated || math.Abs(s2.Hi[0]-w*math.Sqrt2) > 1e-9 {
		t.Errorf("step 2: %+v", s2)
	}
	lo, hi, ok := c.Interval(100, 10, 2, 0)
	if !ok || math.Abs(lo-(100-10*w*math.Sqrt2)) > 1e-9 || math.Abs(hi-(100+10*w*math.Sqrt2)) > 1e-9 {
		t.Errorf("interval %v %v %v", lo, hi, ok)
	}
	// One origin is worth one error: no interval.
	if c := Calibrate(errs[:2], 1, []float64{0.8}); c.Steps[0].Source != SourceNone {
		t.Errorf("one origin: %+v", c.Steps[0])
	}
}

// TestPublishNoLeak: what is published at an origin, and its interval,
// do not change when every observation after the origin does.
func TestPublishNoLeak(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	p := randomPanel(r, 60, 8)
	q := &Panel{Period: p.Period, Times: p.Times, Keys: p.Keys, Breaks: []int{5}}
	p.Breaks = []int{5}
	const o = 5
	for _, v := range p.Values {
		w := slices.Clone(v)
		for t := o; t < len(w); t++ {
			w[t] = 1e6 * r.Float64()
		}
		q.Values = append(q.Values, w)
	}
	models := []Model{PerSeries{Model: ts.Naive{}}, PerSeries{Model: ts.Theta{}}, Growth{Region: true, Revert: true, Phi: 0.5}, Growth{Label: "natshare"}}
	run := func(p *Panel) ([]ts.Point, *Intervals, *ts.BacktestResult) {
		res, err := Backtest(p, models, Config{Horizon: 3})
		if err != nil {
			t.Fatal(err)
		}
		res, _, err = Publish(p, res, ChooseConfig{})
		if err != nil {
			t.Fatal(err)
		}
		var pts []ts.Point
		for _, sb := range res.Series {
			for _, pt := range sb.Points {
				if pt.Origin == o {
					pts = append(pts, pt)
				}
			}
		}
		return pts, NewIntervals(p, res, []float64{0.8}), res
	}
	a, ia, ra := run(p)
	b, ib, rb := run(q)
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("%d and %d points", len(a), len(b))
	}
	for k := range a {
		if a[k].Forecast != b[k].Forecast || a[k].Last != b[k].Last || a[k].Scale != b[k].Scale {
			t.Fatalf("point %d: %+v vs %+v", k, a[k], b[k])
		}
	}
	for m := range ra.Models {
		ca, cb := ia.Calibration(m, o), ib.Calibration(m, o)
		if !slices.EqualFunc(ca.Steps, cb.Steps, func(x, y StepCalibration) bool {
			return slices.Equal(x.Lo, y.Lo) && slices.Equal(x.Hi, y.Hi)
		}) {
			t.Errorf("%s: calibration at origin %d depends on later data", ra.Models[m], o)
		}
	}
	_ = rb
}

// randomPanel is n series of length T in 3 regions and n/3 occupations,
// random walks with occupation trends.
func randomPanel(r *rand.Rand, n, T int) *Panel {
	var keys []Key
	var vals [][]float64
	times := make([]string, T)
	for t := range times {
		times[t] = string(rune('a' + t))
	}
	for i := range n {
		occ := "11" + string(rune('0'+i/3%10)) + string(rune('0'+i/30%10))
		trend := 0.02 * float64(i/3%5-2)
		y := 20 + 500*r.Float64()
		v := make([]float64, T)
		for t := range v {
			y *= math.Exp(trend + 0.08*r.NormFloat64())
			v[t] = math.Round(y)
		}
		keys = append(keys, Key{Region: string(rune('A' + i%3)), Occupation: occ})
		vals = append(vals, v)
	}
	return &Panel{Period: 1, Times: times, Keys: keys, Values: vals}
}

func TestPanelShape(t *testing.T) {
	if _, err := New(1, []string{"a", "b"}, []Key{{}}, [][]float64{{1}}); !errors.Is(err, ErrShape) {
		t.Errorf("short series: %v", err)
	}
	if _, err := New(1, []string{"a"}, []Key{{}}, [][]float64{{math.NaN()}}); !errors.Is(err, ts.ErrNotFinite) {
		t.Errorf("NaN: %v", err)
	}
	if _, err := New(0, nil, nil, nil); !errors.Is(err, ErrShape) {
		t.Errorf("period 0: %v", err)
	}
	if _, err := Backtest(&Panel{Period: 1}, nil, Config{Horizon: 1}); !errors.Is(err, ts.ErrConfig) {
		t.Errorf("no models: %v", err)
	}
	p := fromLogs(t, []string{"1111"}, []float64{1, 2, 3})
	h := p.Head(2)
	if h.Len() != 2 || cap(h.Values[0]) != 2 {
		t.Errorf("head: %d values, capacity %d", h.Len(), cap(h.Values[0]))
	}
	if got := (Key{Occupation: "2512"}).Parent(3); got != "251" {
		t.Errorf("parent %q", got)
	}
}

func TestReadLong(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		cols     Columns
		want     string
		err      bool
	}{
		{"sum over sex", "lan,ssyk4,kon,ar,anstallda\n01,0110,1,2014,5\n01,0110,2,2014,7\n01,0110,1,2015,3\n",
			Columns{Keys: []string{"lan", "ssyk4"}, Time: "ar", Value: "anstallda"}, "1 [2014 2015] [[01 0110]] [[12 3]]", false},
		{"semicolon, decimal comma, missing", "\ufeffregion;Period;v\n00;2020-02;6,1\n00;2020-01;..\n01;2020-01;5\n",
			Columns{Keys: []string{"region"}, Time: "Period", Value: "v"}, "12 [2020-01 2020-02] [[00] [01]] [[NaN 6.1] [5 NaN]]", false},
		{"quarters", "k\tt\tv\na\t2024K1\t1\na\t2024Q2\t2\n", Columns{Keys: []string{"k"}, Time: "t", Value: "v"}, "4 [2024K1 2024K2] [[a]] [[1 2]]", false},
		{"no column", "a,b\n1,2\n", Columns{Time: "t", Value: "v"}, "", true},
		{"bad period", "t,v\n20x4,1\n", Columns{Time: "t", Value: "v"}, "", true},
		{"mixed periods", "t,v\n2024,1\n2024-01,2\n", Columns{Time: "t", Value: "v"}, "", true},
		{"bad value", "t,v\n2024,abc\n", Columns{Time: "t", Value: "v"}, "", true},
		{"too long", "t,v\n1024,1\n9999,2\n", Columns{Time: "t", Value: "v"}, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := ReadLong(strings.NewReader(tc.in), tc.cols)
			if tc.err {
				if !errors.Is(err, ErrFormat) {
					t.Errorf("error %v, want ErrFormat", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fmtTable(tab); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func fmtTable(t *Table) string {
	var b strings.Builder
	b.WriteString(strings.Join([]string{itoa(t.Period), "[" + strings.Join(t.Times, " ") + "]"}, " "))
	b.WriteString(" [")
	for i, k := range t.Keys {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString("[" + strings.Join(k, " ") + "]")
	}
	b.WriteString("] [")
	for i, v := range t.Values {
		if i > 0 {
			b.WriteString(" ")
		}
		var parts []string
		for _, x := range v {
			parts = append(parts, ftoa(x))
		}
		b.WriteString("[" + strings.Join(parts, " ") + "]")
	}
	b.WriteString("]")
	return b.String()
}
