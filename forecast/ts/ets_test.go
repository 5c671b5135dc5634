package ts

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// etsPattern is a monthly additive seasonal pattern (sums to 0).
var etsPattern = []float64{3, 1, -1, -2, -3, -1, 0, 1, 2, 4, 2, -6}

// etsSim simulates n observations of ETS(A,Ad,A) with the given
// parameters and initial states (phi = 1 without damping, beta = 0
// without trend, gamma = 0 or a zero pattern without seasonality).
func etsSim(seed uint64, n, m int, alpha, beta, gamma, phi, l, b float64, pat []float64, sd float64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 0x5ea5))
	s := make([]float64, m)
	copy(s, pat)
	y := make([]float64, n)
	for i := range y {
		e := sd * rng.NormFloat64()
		j := i % m
		base := l + phi*b
		y[i] = base + s[j] + e
		l = base + alpha*e
		b = phi*b + beta*e
		s[j] += gamma * e
	}
	return y
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(x))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// TestETSSimulatedANA: 120 months of ETS(A,N,A) with alpha 0.5 and
// gamma 0.2 around a level of 20 (wandering enough that additive and
// multiplicative seasonality differ). Rule: ETS(A,N,A) is selected on at
// least 8 of 10 seeds and on the reference seed; the medians of the
// estimates lie within 0.35..0.65 (alpha) and 0.08..0.35 (gamma), and
// every estimate within 0.2..0.85 and 0..0.5.
func TestETSSimulatedANA(t *testing.T) {
	var alphas, gammas []float64
	hits := 0
	for seed := uint64(1); seed <= 10; seed++ {
		y := etsSim(seed, 120, 12, 0.5, 0, 0.2, 1, 20, 0, etsPattern, 1)
		f, err := ETS{}.Fit(Series{Values: y, Period: 12})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %2d: %v alpha %.3f gamma %.3f sigma %.3f", seed, f, f.Alpha, f.Gamma, math.Sqrt(f.Sigma2))
		if f.Trend != ETSTrendNone || f.Season != ETSSeasonAdditive {
			if seed == 3 {
				t.Errorf("reference seed: selected %v, want ETS(A,N,A)", f)
			}
			continue
		}
		hits++
		alphas = append(alphas, f.Alpha)
		gammas = append(gammas, f.Gamma)
		if f.Alpha < 0.2 || f.Alpha > 0.85 || f.Gamma < 0 || f.Gamma > 0.5 {
			t.Errorf("seed %d: alpha %.3f gamma %.3f outside the band", seed, f.Alpha, f.Gamma)
		}
	}
	if hits < 8 {
		t.Errorf("ETS(A,N,A) selected on %d of 10 seeds, want >= 8", hits)
	}
	if a, g := median(alphas), median(gammas); a < 0.35 || a > 0.65 || g < 0.08 || g > 0.35 {
		t.Errorf("median alpha %.3f, gamma %.3f: want 0.35..0.65 and 0.08..0.35", a, g)
	}
}

// TestETSSimulatedAAdN: 120 monthly points of ETS(A,Ad,N) with alpha 0.5,
// beta 0.2, phi 0.9. Rule: ETS(A,Ad,N) on at least 7 of 10 seeds and on
// the reference seed; estimates within alpha 0.2..0.85, beta 0.03..0.45
// (and below alpha), phi 0.8..0.98, median phi 0.83..0.97.
func TestETSSimulatedAAdN(t *testing.T) {
	hits := 0
	var phis []float64
	for seed := uint64(1); seed <= 10; seed++ {
		y := etsSim(seed, 120, 12, 0.5, 0.2, 0, 0.9, 100, 2, make([]float64, 12), 1)
		f, err := ETS{}.Fit(Series{Values: y, Period: 12})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %2d: %v alpha %.3f beta %.3f phi %.3f", seed, f, f.Alpha, f.Beta, f.Phi)
		if f.Trend != ETSTrendDamped || f.Season != ETSSeasonNone {
			if seed == 1 {
				t.Errorf("reference seed: selected %v, want ETS(A,Ad,N)", f)
			}
			continue
		}
		hits++
		phis = append(phis, f.Phi)
		if f.Alpha < 0.2 || f.Alpha > 0.85 || f.Beta < 0.03 || f.Beta > 0.45 || f.Beta >= f.Alpha || f.Phi < 0.8 || f.Phi > 0.98 {
			t.Errorf("seed %d: alpha %.3f beta %.3f phi %.3f outside the band", seed, f.Alpha, f.Beta, f.Phi)
		}
	}
	if hits < 7 {
		t.Errorf("ETS(A,Ad,N) selected on %d of 10 seeds, want >= 7", hits)
	}
	if p := median(phis); p < 0.83 || p > 0.97 {
		t.Errorf("median phi %.3f, want 0.83..0.97", p)
	}
}

// TestETSMultiplicative: a seasonal pattern proportional to a level that
// triples over ten years is multiplicative.
func TestETSMultiplicative(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	factors := []float64{1.3, 1.1, 0.9, 0.8, 0.7, 0.9, 1.0, 1.1, 1.2, 1.3, 1.1, 0.6}
	y := make([]float64, 120)
	for i := range y {
		level := 10 + 0.2*float64(i)
		y[i] = level*factors[i%12] + 0.3*rng.NormFloat64()
	}
	f, err := ETS{}.Fit(Series{Values: y, Period: 12})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v alpha %.3f beta %.3f gamma %.3f phi %.3f", f, f.Alpha, f.Beta, f.Gamma, f.Phi)
	if f.Season != ETSSeasonMultiplicative || f.Trend == ETSTrendNone {
		t.Errorf("selected %v, want a trended ETS(A,*,M)", f)
	}
	// The next year repeats the factors on a level near 34.
	fc := f.Forecast(12)
	for i, v := range fc.Mean {
		want := (10 + 0.2*float64(120+i)) * factors[i]
		if math.Abs(v-want) > 0.1*want {
			t.Errorf("month %d: forecast %.2f, want about %.2f", i+1, v, want)
		}
	}
	seasCheckForecast(t, "multiplicative", fc, 12)
}

// TestETSNoiseless: forecasts of an exact seasonal pattern (and of a
// pattern on a straight line) reproduce it, whatever the smoothing
// parameters, because the initial states are fitted exactly.
func TestETSNoiseless(t *testing.T) {
	for _, tc := range []struct {
		name   string
		period int
		slope  float64
	}{
		{"monthly", 12, 0},
		{"monthly with trend", 12, 0.5},
		{"quarterly", 4, 0},
		{"quarterly with trend", 4, -0.25},
	} {
		pat := etsPattern[:tc.period]
		if tc.period == 4 {
			pat = []float64{2, -1, 3, -4}
		}
		val := func(t int) float64 { return 50 + tc.slope*float64(t) + pat[t%tc.period] }
		n := 4 * tc.period
		y := make([]float64, n)
		for i := range y {
			y[i] = val(i)
		}
		fc, err := ETS{}.Forecast(Series{Values: y, Period: tc.period}, 2*tc.period)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for i, v := range fc.Mean {
			if want := val(n + i); math.Abs(v-want) > 1e-6 {
				t.Errorf("%s: step %d: %.9f, want %.9f", tc.name, i+1, v, want)
			}
		}
	}
}

// TestETSForecastByHand checks point forecasts and the class-1 variances
// (Hyndman et al. 2008, Table 6.1) on fixed states.
func TestETSForecastByHand(t *testing.T) {
	// ETS(A,N,N), alpha 0.5, sigma 2: v_h = 4 (1 + (h-1) 0.25).
	f := &ETSFit{Trend: ETSTrendNone, Season: ETSSeasonNone, Period: 1, Alpha: 0.5, Phi: 1, Level: 10, Sigma2: 4}
	fc := f.Forecast(3)
	checkClose(t, "ANN mean", fc.Mean, []float64{10, 10, 10}, 1e-12)
	checkClose(t, "ANN sd", fc.SD, []float64{2, 2 * math.Sqrt(1.25), 2 * math.Sqrt(1.5)}, 1e-12)

	// ETS(A,A,N), alpha 0.5, beta 0.1: c_j = 0.5 + 0.1 j.
	f = &ETSFit{Trend: ETSTrendAdditive, Season: ETSSeasonNone, Period: 1, Alpha: 0.5, Beta: 0.1, Phi: 1, Level: 10, Slope: 2, Sigma2: 1}
	fc = f.Forecast(3)
	checkClose(t, "AAN mean", fc.Mean, []float64{12, 14, 16}, 1e-12)
	checkClose(t, "AAN sd", fc.SD, []float64{1, math.Sqrt(1 + 0.36), math.Sqrt(1 + 0.36 + 0.49)}, 1e-12)

	// ETS(A,Ad,N), phi 0.5: means 10 + 2(0.5), 10 + 2(0.75), 10 + 2(0.875);
	// c_1 = 0.5 + 0.1*0.5, c_2 = 0.5 + 0.1*0.75.
	f = &ETSFit{Trend: ETSTrendDamped, Season: ETSSeasonNone, Period: 1, Alpha: 0.5, Beta: 0.1, Phi: 0.5, Level: 10, Slope: 2, Sigma2: 1}
	fc = f.Forecast(3)
	checkClose(t, "AAdN mean", fc.Mean, []float64{11, 11.5, 11.75}, 1e-12)
	checkClose(t, "AAdN sd", fc.SD, []float64{1, math.Sqrt(1 + 0.55*0.55), math.Sqrt(1 + 0.55*0.55 + 0.575*0.575)}, 1e-12)

	// ETS(A,N,A), m = 4, alpha 0.2, gamma 0.3: c_j = 0.2 + 0.3 [j = 4].
	f = &ETSFit{Trend: ETSTrendNone, Season: ETSSeasonAdditive, Period: 4, Alpha: 0.2, Gamma: 0.3, Phi: 1, Level: 10, Seasonal: []float64{1, -1, 2, -2}, Sigma2: 1}
	fc = f.Forecast(6)
	checkClose(t, "ANA mean", fc.Mean, []float64{11, 9, 12, 8, 11, 9}, 1e-12)
	v := []float64{1, 1.04, 1.08, 1.12, 1.12 + 0.25, 1.12 + 0.25 + 0.04}
	for i := range v {
		v[i] = math.Sqrt(v[i])
	}
	checkClose(t, "ANA sd", fc.SD, v, 1e-12)
}

func checkClose(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol*math.Max(1, math.Abs(want[i])) {
			t.Errorf("%s[%d] = %.12g, want %.12g", what, i, got[i], want[i])
		}
	}
}

// TestETSRestricted: option fields restrict the search, and impossible
// requests fall back (multiplicative on data with zeros, seasonal on a
// short series).
func TestETSRestricted(t *testing.T) {
	y := etsSim(2, 60, 12, 0.3, 0, 0.1, 1, 20, 0, etsPattern, 1)
	for _, tc := range []struct {
		opt    ETS
		y      []float64
		trend  ETSTrend
		season ETSSeason
	}{
		{ETS{Trend: ETSTrendDamped, Season: ETSSeasonAdditive}, y, ETSTrendDamped, ETSSeasonAdditive},
		{ETS{Trend: ETSTrendAdditive, Season: ETSSeasonNone}, y, ETSTrendAdditive, ETSSeasonNone},
		{ETS{Season: ETSSeasonMultiplicative, Trend: ETSTrendNone}, y, ETSTrendNone, ETSSeasonMultiplicative},
		{ETS{Season: ETSSeasonMultiplicative, Trend: ETSTrendNone}, append([]float64{0}, y...), ETSTrendNone, ETSSeasonAdditive},
		{ETS{Season: ETSSeasonAdditive, Trend: ETSTrendNone}, y[:26], ETSTrendNone, ETSSeasonNone},
	} {
		f, err := tc.opt.Fit(Series{Values: tc.y, Period: 12})
		if err != nil {
			t.Fatal(err)
		}
		if f.Trend != tc.trend || f.Season != tc.season {
			t.Errorf("%+v on %d points: %v, want trend %v season %v", tc.opt, len(tc.y), f, tc.trend, tc.season)
		}
	}
}

func ExampleETS() {
	// Eight years of quarterly data: a level near 100, a seasonal
	// pattern and some noise.
	rng := rand.New(rand.NewPCG(1, 1))
	season := []float64{8, -3, 5, -10}
	y := make([]float64, 32)
	level := 100.0
	for i := range y {
		e := rng.NormFloat64()
		y[i] = level + season[i%4] + e
		level += 0.3 * e
	}
	// Additive seasonality; the trend is chosen by AICc. (The zero value
	// ETS{} would also try multiplicative seasonality, which a level this
	// flat cannot tell apart from additive.)
	fit, err := ETS{Season: ETSSeasonAdditive}.Fit(Series{Values: y, Period: 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	fc := fit.Forecast(4)
	fmt.Println(fit)
	for i := range fc.Mean {
		fmt.Printf("q%d %.0f ± %.0f\n", i+1, fc.Mean[i], 2*fc.SD[i])
	}
	// Output:
	// ETS(A,N,A)
	// q1 108 ± 2
	// q2 97 ± 2
	// q3 105 ± 2
	// q4 90 ± 2
}

// TestETSDiffuseVersusProfile backs the file comment: on ETS(A,N,A)
// with gamma = 0.3, treating the initial states as free parameters
// (n log SSE, R's ets) drives gamma to its lower bound far more often
// than the diffuse likelihood used by ETS.
func TestETSDiffuseVersusProfile(t *testing.T) {
	sp := etsSpec{trend: ETSTrendNone, season: ETSSeasonAdditive, m: 12}
	zeroProfile, zeroDiffuse := 0, 0
	var gDiffuse []float64
	for seed := uint64(1); seed <= 10; seed++ {
		y := etsSim(seed, 120, 12, 0.5, 0, 0.3, 1, 30, 0, etsPattern, 1)
		sc := seasMaxAbs(y)
		for i := range y {
			y[i] /= sc
		}
		wk := newETSWork(sp, len(y))
		x0 := make([]float64, sp.nInit())
		profile := func(u []float64) float64 {
			clear(x0)
			_, sse := sp.linearise(y, sp.decode(u), wk, x0)
			return float64(len(y)) * math.Log(sse)
		}
		start := sp.encode(etsPar{alpha: 0.3, gamma: 0.1, phi: 1})
		u, _ := seasMinimize(profile, start, []float64{1, 1}, 600)
		gp := sp.decode(u).gamma
		c := sp.fit(y)
		if gp < 0.01 {
			zeroProfile++
		}
		if c.par.gamma < 0.01 {
			zeroDiffuse++
		}
		gDiffuse = append(gDiffuse, c.par.gamma)
		t.Logf("seed %2d: gamma profile %.3f, diffuse %.3f", seed, gp, c.par.gamma)
	}
	t.Logf("gamma < 0.01: profile likelihood %d of 10, diffuse %d of 10", zeroProfile, zeroDiffuse)
	if zeroDiffuse > 2 || zeroProfile < zeroDiffuse+3 {
		t.Errorf("gamma at the bound: profile %d, diffuse %d of 10", zeroProfile, zeroDiffuse)
	}
	if g := median(gDiffuse); g < 0.15 || g > 0.45 {
		t.Errorf("median diffuse gamma %.3f, want 0.15..0.45", g)
	}
}
