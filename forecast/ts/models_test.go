package ts

import (
	"errors"
	"math"
	"testing"
)

// yearly is every yearly model of this file set.
var yearly = []Model{Naive{}, Drift{}, Damped{}, LogLinear{}, Share{}}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*max(1, math.Abs(b)) }

func checkSlice(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
	for i := range got {
		if !near(got[i], want[i], tol) {
			t.Errorf("%s[%d] = %.6g, want %.6g", what, i, got[i], want[i])
		}
	}
}

func TestModelsByHand(t *testing.T) {
	tests := []struct {
		name     string
		m        Model
		s        Series
		h        int
		mean, sd []float64
	}{
		// Last value 7; changes 1, 2, 3 give sigma = sqrt((1+4+9)/3).
		{"naive", Naive{}, Series{Values: []float64{1, 2, 4, 7}}, 2,
			[]float64{7, 7}, []float64{math.Sqrt(14.0 / 3), math.Sqrt(14.0/3) * math.Sqrt2}},
		// One observation: no changes, no SD.
		{"naive one", Naive{}, Series{Values: []float64{5}}, 1, []float64{5}, nil},
		// b = (7-1)/3 = 2; residual changes -1, 0, 1 give sigma² = 2/(4-2) = 1;
		// SD_h = sqrt(h(1+h/3)): sqrt(4/3), sqrt(10/3).
		{"drift", Drift{}, Series{Values: []float64{1, 2, 4, 7}}, 2,
			[]float64{9, 11}, []float64{math.Sqrt(4.0 / 3), math.Sqrt(10.0 / 3)}},
		// Two observations: no degrees of freedom for sigma.
		{"drift two", Drift{}, Series{Values: []float64{3, 5}}, 2, []float64{7, 9}, nil},
		// log y = t·ln 2 exactly: 8, 16 with zero residual variance.
		{"loglinear", LogLinear{}, Series{Values: []float64{1, 2, 4}}, 2,
			[]float64{8, 16}, []float64{0, 0}},
		// Shares .10, .12, .15: the line has slope ((-1)(-.02333) +
		// (1)(.02667))/2 = .025 and value .12333 + .025 = .14833 at t = 3.
		// The constant reference is projected by drift (3 points) at 100.
		// Share at h: .14833 + .025·.8 = .16833, .14833 + .025·1.44 = .18433.
		{"share", Share{}, Series{Values: []float64{10, 12, 15}, Reference: []float64{100, 100, 100}}, 2,
			[]float64{100 * (0.37/3 + 0.025 + 0.02), 100 * (0.37/3 + 0.025 + 0.036)}, nil},
		// The share is kept within [0, 1]: .5, .9, 1.0 give 1.05 + .25·.8 → 1.
		{"share bound", Share{}, Series{Values: []float64{5, 9, 10}, Reference: []float64{10, 10, 10}}, 1,
			[]float64{10}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := tc.m.Forecast(tc.s, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			checkSlice(t, "mean", f.Mean, tc.mean, 1e-12)
			checkSlice(t, "sd", f.SD, tc.sd, 1e-12)
		})
	}
}

// TestModelsEdgeCases: constant series, zeros and series of exactly
// MinLength give finite forecasts, never NaN or Inf.
func TestModelsEdgeCases(t *testing.T) {
	cases := map[string][]float64{
		"constant": {5, 5, 5, 5, 5, 5},
		"zeros":    {0, 0, 0, 0, 0},
		"step":     {0, 0, 0, 1},
		"spike":    {1, 1, 1e9, 1},
		"negative": {-3, -1, -4, -1, -5},
		"tiny":     {1e-300, 2e-300, 1e-300, 3e-300},
		"huge":     {1e300, -1e300, 1e300, 1e300},
	}
	for name, v := range cases {
		for _, m := range yearly {
			for n := m.MinLength(1); n <= len(v); n++ {
				ref := make([]float64, n)
				for i := range ref {
					ref[i] = 10 + math.Abs(v[i])
				}
				f, err := m.Forecast(Series{Values: v[:n], Period: 1, Reference: ref}, 3)
				if errors.Is(err, ErrNotPositive) && m.Name() == "loglinear" {
					continue
				}
				if err != nil {
					t.Errorf("%s %s n=%d: %v", m.Name(), name, n, err)
					continue
				}
				if len(f.Mean) != 3 || (f.SD != nil && len(f.SD) != 3) {
					t.Fatalf("%s %s n=%d: lengths %d, %d", m.Name(), name, n, len(f.Mean), len(f.SD))
				}
				for i := range f.Mean {
					if !isFinite(f.Mean[i]) || (f.SD != nil && !isFinite(f.SD[i])) {
						t.Errorf("%s %s n=%d: %v %v", m.Name(), name, n, f.Mean, f.SD)
					}
				}
				if name == "constant" || name == "zeros" {
					for _, x := range f.Mean {
						if !near(x, v[0], 1e-12) {
							t.Errorf("%s %s n=%d: constant series projected %v", m.Name(), name, n, f.Mean)
							break
						}
					}
				}
			}
		}
	}
}

func TestModelsErrors(t *testing.T) {
	ok := Series{Values: []float64{1, 2, 3, 4, 5}, Reference: []float64{10, 10, 10, 10, 10}}
	for _, m := range yearly {
		short := Series{Values: make([]float64, m.MinLength(1)-1)}
		short.Reference = short.Values
		var tse *TooShortError
		if _, err := m.Forecast(short, 1); !errors.As(err, &tse) || !errors.Is(err, ErrTooShort) || tse.Need != m.MinLength(1) {
			t.Errorf("%s: short series: %v", m.Name(), err)
		}
		if _, err := m.Forecast(ok, 0); !errors.Is(err, ErrHorizon) {
			t.Errorf("%s: h = 0: %v", m.Name(), err)
		}
		for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			s := Series{Values: []float64{1, 2, bad, 4, 5}, Reference: ok.Reference}
			if _, err := m.Forecast(s, 1); !errors.Is(err, ErrNotFinite) {
				t.Errorf("%s: %v in series: %v", m.Name(), bad, err)
			}
		}
	}
	if _, err := (LogLinear{}).Forecast(Series{Values: []float64{1, 0, 2}}, 1); !errors.Is(err, ErrNotPositive) {
		t.Errorf("loglinear with a zero: %v", err)
	}
	for name, ref := range map[string][]float64{"nil": nil, "short": {1, 2}, "zero": {1, 0, 1}, "nan": {1, math.NaN(), 1}} {
		_, err := Share{}.Forecast(Series{Values: []float64{1, 2, 3}, Reference: ref}, 1)
		if !errors.Is(err, ErrReference) && !errors.Is(err, ErrNotPositive) && !errors.Is(err, ErrNotFinite) {
			t.Errorf("share, %s reference: %v", name, err)
		}
	}
}

// TestDampedOptimum: the grid and compass search come within a small
// tolerance of the best SSE found on a fine grid.
func TestDampedOptimum(t *testing.T) {
	for _, y := range [][]float64{
		{1, 3, 2, 5, 4, 6, 8, 7},
		{10, 12, 15, 16, 16.5, 17, 17.2, 17.1, 17.3},
		{5, 4, 6, 3, 7, 2},
	} {
		z := make([]float64, len(y))
		var loc, spread float64
		for i, v := range y {
			loc += (v - loc) / float64(i+1)
		}
		for _, v := range y {
			spread = max(spread, math.Abs(v-loc))
		}
		for i, v := range y {
			z[i] = (v - loc) / spread
		}
		fit := fitDamped(z)
		best := math.Inf(1)
		for i := range 41 {
			a := 1e-4 + float64(i)*(0.9999-1e-4)/40
			for j := range 41 {
				r := 1e-4 + float64(j)*(0.9999-1e-4)/40
				for k := range 19 {
					phi := phiMin + float64(k)*(phiMax-phiMin)/18
					best = min(best, fit.sumSq(z, a, a*r, phi))
				}
			}
		}
		if fit.sse > best*1.02+1e-12 {
			t.Errorf("%v: SSE %.6g, fine grid %.6g", y, fit.sse, best)
		}
		if fit.beta > fit.alpha || fit.phi < phiMin || fit.phi > phiMax {
			t.Errorf("%v: parameters out of bounds: %+v", y, fit)
		}
	}
}

// TestDampedTrend: on a straight line the damped forecast keeps rising
// but flattens, below the straight extrapolation.
func TestDampedTrend(t *testing.T) {
	y := []float64{3, 5, 7, 9, 11, 13}
	f, err := Damped{}.Forecast(Series{Values: y}, 10)
	if err != nil {
		t.Fatal(err)
	}
	prev, step := y[len(y)-1], math.Inf(1)
	for i, v := range f.Mean {
		if v <= prev || v-prev > step+1e-9 || v > 13+2*float64(i+1)+1e-9 {
			t.Fatalf("not a damped rise: %v", f.Mean)
		}
		step, prev = v-prev, v
	}
	for i := 1; i < len(f.SD); i++ {
		if f.SD[i] < f.SD[i-1] {
			t.Fatalf("SD falls with h: %v", f.SD)
		}
	}
}

// TestDampedUnits: the fit does not depend on units or location.
func TestDampedUnits(t *testing.T) {
	y := []float64{1, 3, 2, 5, 4, 6, 8, 7}
	a, _ := Damped{}.Forecast(Series{Values: y}, 3)
	z := make([]float64, len(y))
	for i, v := range y {
		z[i] = 1000 + 250*v
	}
	b, _ := Damped{}.Forecast(Series{Values: z}, 3)
	for i := range a.Mean {
		if !near(b.Mean[i], 1000+250*a.Mean[i], 1e-9) || !near(b.SD[i], 250*a.SD[i], 1e-9) {
			t.Errorf("step %d: %v, %v vs %v, %v", i+1, b.Mean[i], b.SD[i], a.Mean[i], a.SD[i])
		}
	}
}

// TestLogLinearBoundedSD: the series whose lognormal SD reached 1.6e19
// (SCB YREG60, län 22, SSYK 8193, 2014-2017). By hand: log y = 2.3979,
// 1.0986, 5.6836, 2.3026, slope 0.42993, RSS 10.675, s² = 5.3375; at
// h = 4 (t = 8) v = s²(1 + 1/4 + 5.5²/5) = 38.964 and the median
// exp(2.87068 + 0.42993·5.5) = 187.8, so SD = 187.8·sqrt(38.964) = 1172.
func TestLogLinearBoundedSD(t *testing.T) {
	s := Series{Values: []float64{11, 3, 294, 10}, Period: 1}
	f, err := LogLinear{}.Forecast(s, 4)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(f.Mean[3]-187.8) > 0.1 || math.Abs(f.SD[3]-1172) > 1 {
		t.Errorf("h=4: mean %.2f SD %.2f, want 187.8 and 1172", f.Mean[3], f.SD[3])
	}
	if sc := Scale(s); f.SD[3] > 10*sc {
		t.Errorf("SD %.3g more than 10 scales (%.3g)", f.SD[3], sc)
	}
}
