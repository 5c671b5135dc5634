package ts

// Exponential smoothing state space models with additive errors.
//
// References:
//
//   - Hyndman, Koehler, Ord & Snyder (2008), Forecasting with Exponential
//     Smoothing: The State Space Approach, Springer. Model equations from
//     Table 2.2 (additive error), admissible bounds from section 5.1 and
//     forecast variances from Table 6.1 (class 1).
//   - Hyndman, Koehler, Snyder & Grose (2002), "A state space framework for
//     automatic forecasting using exponential smoothing methods", IJF 18.
//   - R package forecast, ets(): heuristic initial states (initstate) and
//     the AICc selection over component combinations.
//   - de Jong (1991), "The diffuse Kalman filter", Annals of Statistics 19;
//     Durbin & Koopman (2012), Time Series Analysis by State Space Methods,
//     2nd ed.: the diffuse likelihood.
//
// Models, with e_t ~ N(0, sigma^2), phi = 1 without damping, the last
// term absent without seasonality and b absent without trend:
//
//	additive season:       y_t = l_{t-1} + phi b_{t-1} + s_{t-m} + e_t
//	                       l_t = l_{t-1} + phi b_{t-1} + alpha e_t
//	                       b_t = phi b_{t-1} + beta e_t
//	                       s_t = s_{t-m} + gamma e_t
//	multiplicative season: y_t = (l_{t-1} + phi b_{t-1}) s_{t-m} + e_t
//	                       l_t = l_{t-1} + phi b_{t-1} + alpha e_t / s_{t-m}
//	                       b_t = phi b_{t-1} + beta e_t / s_{t-m}
//	                       s_t = s_{t-m} + gamma e_t / (l_{t-1} + phi b_{t-1})
//
// Estimation. The smoothing parameters are searched by Nelder-Mead inside
// the usual bounds 0 < alpha < 1, 0 < beta < alpha, 0 < gamma < 1 - alpha,
// 0.8 <= phi <= 0.98 (a logistic map keeps the search inside them). For
// each trial the initial states x0 (level, slope and m-1 seasonal states,
// the last fixed by normalisation) are profiled out: in the linear (class
// 1) models the one-step errors are affine in x0, e = e0 - Z x0, so the
// best x0 is a least-squares problem, solved exactly inside the objective
// (Givens QR in one pass, with a 1e-10 ridge against collinear states);
// with multiplicative seasonality the errors are linearised the same way
// (sensitivities propagated through the recursions) and x0 is found by
// Gauss-Newton. The model is then selected by AICc computed, as in R,
// from the Gaussian likelihood -2 log L = n log(2 pi SSE/n) + n with
// every smoothing parameter and initial state counted.
//
// Deviations from R's ets:
//
//   - The smoothing parameters maximise the diffuse likelihood (de Jong
//     1991; Durbin & Koopman 2012, section 5.7), i.e. the Gaussian
//     likelihood with x0 integrated out under a flat prior:
//     -2 log L_d = (n-k) log(SSE/(n-k)) + log det(Z'Z), k = dim x0,
//     instead of n log(SSE) with x0 treated as free parameters. The latter
//     (R's) rewards parameters under which x0 never wears off, and drives
//     gamma (and beta) to 0: on 120 simulated months of ETS(A,N,A) with
//     alpha = 0.5, gamma = 0.3 it returns gamma = 0 for 8 of 10 seeds, the
//     diffuse likelihood for none, with a median of 0.26
//     (TestETSDiffuseVersusProfile). The initial states remain the
//     least-squares values (also their posterior mean).
//   - Nelder-Mead searches only the 1 to 4 smoothing parameters, not the
//     initial states as well (up to 17 coordinates in R).
//   - Additive errors with multiplicative seasonality (R excludes them by
//     default as numerically delicate) are allowed when every value is
//     positive; states leaving the positive range make a parameter vector
//     inadmissible. Gauss-Newton starts from R's heuristic initial states
//     (classical decomposition of the first two or three years, then a
//     regression on the seasonally adjusted start of the series).
//   - Forecast SDs: exact (Table 6.1, class 1) for the linear models. For
//     multiplicative seasonality a first-order (delta-method) approximation
//     of the same sum: an error at step i moves the step-h forecast by
//     (alpha + beta phi_{h-i}) s_h/s_i + gamma [h-i = 0 mod m] B_h/B_i,
//     where s_k and B_k = l_T + phi_k b_T are the forecast seasonal index
//     and base at step k; no simulation.
//   - Nelder-Mead is a small loop of this package (seasMinimize), not
//     gonum/optimize, which would need golang.org/x/tools in go.sum.
//
// The series is divided by max|y| before fitting (no overflow, scale-free
// tolerances); the multiplicative forms stay multiplicative under this.

import (
	"fmt"
	"math"
	"slices"
)

// ETSTrend is the trend component of an ETS model.
type ETSTrend int

// Trend components. The zero value lets ETS choose.
const (
	ETSTrendAuto     ETSTrend = iota // choose among None, Additive, Damped
	ETSTrendNone                     // N
	ETSTrendAdditive                 // A
	ETSTrendDamped                   // Ad
)

// ETSSeason is the seasonal component of an ETS model.
type ETSSeason int

// Seasonal components. The zero value lets ETS choose.
const (
	ETSSeasonAuto           ETSSeason = iota // choose among None, Additive and (positive data) Multiplicative
	ETSSeasonNone                            // N
	ETSSeasonAdditive                        // A
	ETSSeasonMultiplicative                  // M
)

func (t ETSTrend) String() string {
	switch t {
	case ETSTrendNone:
		return "N"
	case ETSTrendAdditive:
		return "A"
	case ETSTrendDamped:
		return "Ad"
	}
	return "auto"
}

func (s ETSSeason) String() string {
	switch s {
	case ETSSeasonNone:
		return "N"
	case ETSSeasonAdditive:
		return "A"
	case ETSSeasonMultiplicative:
		return "M"
	}
	return "auto"
}

// ETS is exponential smoothing with additive errors and automatic
// selection of the trend and seasonal components by AICc (see the file
// comment for the models and the estimation). The zero value searches
// every combination; a non-Auto Trend or Season restricts the search to
// that component. Seasonal forms need at least two full cycles plus three
// observations (2m+3) and, when multiplicative, positive data; otherwise
// ETS falls back to the non-seasonal (or additive) form. Models whose AICc
// is undefined for the length of the series are skipped, except ETS(A,N,N),
// which is always available.
type ETS struct {
	Trend  ETSTrend
	Season ETSSeason
}

const (
	etsMinLength = 4
	etsRidge     = 1e-10
	etsParamEps  = 1e-4
)

// Name is "ets".
func (ETS) Name() string { return "ets" }

// MinLength is 4 for every period: shorter series than 2m+3 are fitted
// with non-seasonal forms.
func (ETS) MinLength(period int) int { return etsMinLength }

// Forecast implements Model.
func (e ETS) Forecast(s Series, h int) (Forecast, error) {
	if h < 1 {
		return Forecast{}, fmt.Errorf("ets: horizon %d: need h >= 1", h)
	}
	fit, err := e.Fit(s)
	if err != nil {
		return Forecast{}, err
	}
	fc := fit.Forecast(h)
	return fc, seasFinite("ets", fc)
}

// ETSFit is a fitted ETS model, in the units of the data.
type ETSFit struct {
	Trend  ETSTrend  // chosen trend (never Auto)
	Season ETSSeason // chosen season (never Auto)
	Period int       // m, 1 without seasonality

	Alpha float64
	Beta  float64 // 0 without trend
	Gamma float64 // 0 without seasonality
	Phi   float64 // 1 unless damped

	// Final states: Level and Slope at the last observation, and
	// Seasonal[i] the seasonal state used at step h with (h-1) mod m = i
	// (additive: in data units; multiplicative: factors around 1).
	Level, Slope float64
	Seasonal     []float64

	Sigma2 float64 // SSE / (n - number of parameters); +Inf beyond 1e308
	LogLik float64 // Gaussian log likelihood
	AICc   float64 // +Inf when too few observations for the parameters
	NObs   int

	sigma float64 // sqrt(Sigma2), kept apart so that it cannot overflow
}

// String is the ETS(E,T,S) label, e.g. "ETS(A,Ad,A)".
func (f *ETSFit) String() string {
	return fmt.Sprintf("ETS(A,%v,%v)", f.Trend, f.Season)
}

// Fit estimates the model chosen by AICc.
func (e ETS) Fit(s Series) (*ETSFit, error) {
	const name = "ets"
	if err := seasValidate(name, s, 1, etsMinLength); err != nil {
		return nil, err
	}
	n := s.Len()
	m := seasPeriod(s.Period)
	sc := seasMaxAbs(s.Values)
	if sc == 0 {
		sc = 1
	}
	y := make([]float64, n)
	positive := true
	for i, v := range s.Values {
		y[i] = v / sc
		positive = positive && v > 0
	}

	seasonalOK := m > 1 && n >= 2*m+3
	var seasons []ETSSeason
	switch e.Season {
	case ETSSeasonNone:
		seasons = []ETSSeason{ETSSeasonNone}
	case ETSSeasonAdditive:
		seasons = []ETSSeason{ETSSeasonAdditive}
	case ETSSeasonMultiplicative:
		if positive {
			seasons = []ETSSeason{ETSSeasonMultiplicative}
		} else {
			seasons = []ETSSeason{ETSSeasonAdditive}
		}
	default:
		seasons = []ETSSeason{ETSSeasonNone, ETSSeasonAdditive}
		if positive {
			seasons = append(seasons, ETSSeasonMultiplicative)
		}
	}
	if !seasonalOK {
		seasons = []ETSSeason{ETSSeasonNone}
	}
	trends := []ETSTrend{ETSTrendNone, ETSTrendAdditive, ETSTrendDamped}
	switch e.Trend {
	case ETSTrendNone, ETSTrendAdditive, ETSTrendDamped:
		trends = []ETSTrend{e.Trend}
	}

	var best *etsCand
	for _, se := range seasons {
		for _, tr := range trends {
			sp := etsSpec{trend: tr, season: se, m: 1}
			if se != ETSSeasonNone {
				sp.m = m
			}
			if n < sp.nParams()+3 {
				continue // AICc undefined
			}
			c := sp.fit(y)
			if c == nil {
				continue
			}
			if best == nil || c.aicc < best.aicc {
				best = c
			}
		}
	}
	if best == nil {
		// Too short for any model with a defined AICc, or every fit
		// failed: simple exponential smoothing is always defined.
		sp := etsSpec{trend: ETSTrendNone, season: ETSSeasonNone, m: 1}
		best = sp.fit(y)
		if best == nil {
			return nil, fmt.Errorf("ets: no admissible model for the series")
		}
	}
	return best.result(y, sc), nil
}

// Forecast projects the fitted model h >= 1 steps ahead (empty for h < 1).
func (f *ETSFit) Forecast(h int) Forecast {
	if h < 1 {
		return Forecast{Mean: []float64{}, SD: []float64{}}
	}
	m := max(len(f.Seasonal), 1)
	mult := f.Season == ETSSeasonMultiplicative && len(f.Seasonal) > 0
	seasonal := f.Season != ETSSeasonNone && len(f.Seasonal) > 0
	seasAt := func(k int) float64 { // seasonal state at step k >= 1
		if !seasonal {
			return 0
		}
		return f.Seasonal[(k-1)%m]
	}
	// phiSum[k] = phi + phi^2 + ... + phi^k.
	phiSum := make([]float64, h+1)
	pw := 1.0
	for k := 1; k <= h; k++ {
		pw *= f.Phi
		phiSum[k] = phiSum[k-1] + pw
	}
	base := make([]float64, h+1)
	for k := 1; k <= h; k++ {
		base[k] = f.Level + phiSum[k]*f.Slope
	}
	fc := Forecast{Mean: make([]float64, h), SD: make([]float64, h)}
	for k := 1; k <= h; k++ {
		if mult {
			fc.Mean[k-1] = base[k] * seasAt(k)
		} else {
			fc.Mean[k-1] = base[k] + seasAt(k)
		}
	}
	sigma := f.sigma
	if sigma == 0 {
		sigma = math.Sqrt(f.Sigma2)
	}
	if !mult {
		// Class 1: v_k = sigma^2 (1 + sum_{j<k} c_j^2), c_j = alpha +
		// beta phi_j + gamma [j = 0 mod m].
		v := 1.0
		for k := 1; k <= h; k++ {
			fc.SD[k-1] = sigma * math.Sqrt(v)
			c := f.Alpha + f.Beta*phiSum[k]
			if seasonal && k%m == 0 {
				c += f.Gamma
			}
			v += c * c
		}
		return fc
	}
	for k := 1; k <= h; k++ {
		v := 1.0
		for i := 1; i < k; i++ {
			// First-order approximation, see the file comment.
			j := k - i
			c := f.Alpha + f.Beta*phiSum[j]
			if si := seasAt(i); si > 0 {
				c *= seasAt(k) / si
			}
			if j%m == 0 {
				g := f.Gamma
				if bi := base[i]; bi != 0 && math.Abs(bi) > 1e-12*math.Abs(base[k]) {
					g *= base[k] / bi
				}
				c += g
			}
			v += c * c
		}
		fc.SD[k-1] = sigma * math.Sqrt(v)
	}
	return fc
}

// etsSpec is one combination of components; m is 1 without seasonality.
type etsSpec struct {
	trend  ETSTrend
	season ETSSeason
	m      int
}

func (sp etsSpec) hasTrend() bool  { return sp.trend != ETSTrendNone }
func (sp etsSpec) hasSeason() bool { return sp.season != ETSSeasonNone }

// nSmooth is the number of smoothing parameters (alpha, beta, gamma, phi).
func (sp etsSpec) nSmooth() int {
	k := 1
	if sp.hasTrend() {
		k++
	}
	if sp.hasSeason() {
		k++
	}
	if sp.trend == ETSTrendDamped {
		k++
	}
	return k
}

// nInit is the number of free initial states (l, b, s_1..s_{m-1}).
func (sp etsSpec) nInit() int {
	k := 1
	if sp.hasTrend() {
		k++
	}
	if sp.hasSeason() {
		k += sp.m - 1
	}
	return k
}

// nParams is every estimated parameter except sigma.
func (sp etsSpec) nParams() int { return sp.nSmooth() + sp.nInit() }

// etsPar holds the smoothing parameters.
type etsPar struct{ alpha, beta, gamma, phi float64 }

// decode maps unconstrained coordinates (alpha, beta, gamma, phi in that
// order, those present) into the admissible region.
func (sp etsSpec) decode(u []float64) etsPar {
	const eps = etsParamEps
	p := etsPar{phi: 1}
	i := 0
	p.alpha = eps + (1-2*eps)*seasLogistic(u[i])
	i++
	if sp.hasTrend() {
		p.beta = p.alpha * (eps + (1-2*eps)*seasLogistic(u[i]))
		i++
	}
	if sp.hasSeason() {
		p.gamma = (1 - p.alpha) * (eps + (1-2*eps)*seasLogistic(u[i]))
		i++
	}
	if sp.trend == ETSTrendDamped {
		p.phi = 0.8 + 0.18*seasLogistic(u[i])
	}
	return p
}

// encode is the inverse of decode, for starting values.
func (sp etsSpec) encode(p etsPar) []float64 {
	const eps = etsParamEps
	inv := func(x, lo, hi float64) float64 {
		return seasLogit(((x-lo)/(hi-lo) - eps) / (1 - 2*eps))
	}
	u := []float64{inv(p.alpha, 0, 1)}
	if sp.hasTrend() {
		u = append(u, inv(p.beta, 0, p.alpha))
	}
	if sp.hasSeason() {
		u = append(u, inv(p.gamma, 0, 1-p.alpha))
	}
	if sp.trend == ETSTrendDamped {
		u = append(u, seasLogit((p.phi-0.8)/0.18))
	}
	return u
}

// etsCand is a fitted candidate on the scaled series.
type etsCand struct {
	sp     etsSpec
	par    etsPar
	x0     []float64 // free initial states
	sse    float64
	loglik float64
	aicc   float64
}

// etsSSEFloor keeps log(SSE) finite on series the model fits exactly
// (data scaled to max|y| = 1).
func etsSSEFloor(n int) float64 { return float64(n) * 1e-24 }

// fit estimates one candidate on the scaled series y, or returns nil when
// no admissible parameters are found. Nelder-Mead searches the smoothing
// parameters; for each trial the initial states are profiled out (exactly
// for the linear models, by Gauss-Newton for multiplicative seasonality)
// and the objective is the diffuse -2 log likelihood (see the file
// comment).
func (sp etsSpec) fit(y []float64) *etsCand {
	n := len(y)
	ns, w := sp.nSmooth(), sp.nInit()
	mult := sp.season == ETSSeasonMultiplicative
	wk := newETSWork(sp, n)
	var xh, xw []float64 // heuristic and current initial states (Gauss-Newton starts)
	if mult {
		xh = sp.heuristic(y)
		xw = slices.Clone(xh)
	} else {
		xw = make([]float64, w)
	}
	x0 := make([]float64, w)
	nn := float64(n - w)
	obj := func(u []float64) float64 {
		p := sp.decode(u)
		var sse float64
		if mult {
			copy(x0, xw)
			var ok bool
			if sse, ok = sp.gaussNewton(y, p, wk, x0); !ok {
				copy(x0, xh)
				if sse, ok = sp.gaussNewton(y, p, wk, x0); !ok {
					return math.Inf(1)
				}
			}
			copy(xw, x0)
		} else {
			clear(x0)
			_, sse = sp.linearise(y, p, wk, x0)
		}
		if math.IsNaN(sse) || math.IsInf(sse, 0) {
			return math.Inf(1)
		}
		return nn*math.Log(math.Max(sse, etsSSEFloor(n))/nn) + wk.logDet()
	}
	start := sp.encode(etsPar{alpha: 0.3, beta: 0.03, gamma: 0.1, phi: 0.95})
	step := make([]float64, ns)
	for i := range step {
		step[i] = 1
	}
	u, fu := seasMinimize(obj, start, step, 300*ns)
	if math.IsInf(fu, 0) {
		return nil
	}
	c := &etsCand{sp: sp, par: sp.decode(u), x0: make([]float64, w)}
	if mult {
		copy(c.x0, xw)
		if _, ok := sp.gaussNewton(y, c.par, wk, c.x0); !ok {
			return nil
		}
	} else {
		sp.linearise(y, c.par, wk, c.x0)
		wk.solve(c.x0)
	}
	sse, ok := sp.run(y, c.par, c.x0, newETSState(sp.m))
	if !ok || math.IsNaN(sse) || math.IsInf(sse, 0) {
		return nil
	}
	c.sse = sse
	k := sp.nParams() + 1 // + sigma
	c.loglik = -0.5 * float64(n) * (math.Log(2*math.Pi*math.Max(sse, etsSSEFloor(n))/float64(n)) + 1)
	c.aicc = math.Inf(1)
	if n-k-1 > 0 {
		c.aicc = -2*c.loglik + 2*float64(k) + 2*float64(k*(k+1))/float64(n-k-1)
	}
	return c
}

// result converts the candidate into an ETSFit in data units.
func (c *etsCand) result(y []float64, sc float64) *ETSFit {
	sp := c.sp
	n := len(y)
	st := newETSState(sp.m)
	sp.run(y, c.par, c.x0, st)
	df := n - sp.nParams()
	if df < 1 {
		df = n
	}
	f := &ETSFit{
		Trend:  sp.trend,
		Season: sp.season,
		Period: sp.m,
		Alpha:  c.par.alpha,
		Beta:   c.par.beta,
		Gamma:  c.par.gamma,
		Phi:    c.par.phi,
		Level:  st.l * sc,
		Slope:  st.b * sc,
		Sigma2: c.sse / float64(df) * sc * sc,
		sigma:  math.Sqrt(c.sse/float64(df)) * sc,
		LogLik: c.loglik - float64(n)*math.Log(sc),
		NObs:   n,
	}
	f.AICc = c.aicc
	if !math.IsInf(f.AICc, 0) {
		f.AICc += 2 * float64(n) * math.Log(sc)
	}
	if sp.hasSeason() {
		f.Seasonal = make([]float64, sp.m)
		for i := range f.Seasonal {
			v := st.s[(n+i)%sp.m]
			if sp.season == ETSSeasonAdditive {
				v *= sc
			}
			f.Seasonal[i] = v
		}
	}
	return f
}

// etsState holds the states; s is a ring indexed by phase t mod m.
type etsState struct {
	l, b float64
	s    []float64
}

func newETSState(m int) *etsState { return &etsState{s: make([]float64, m)} }

// setInit fills the states from the free initial states x0 (l, b, then
// the seasonal states of phases 0..m-2; phase m-1 makes them sum to 0, or
// to m when multiplicative).
func (sp etsSpec) setInit(x0 []float64, st *etsState) {
	i := 0
	st.l = x0[i]
	i++
	st.b = 0
	if sp.hasTrend() {
		st.b = x0[i]
		i++
	}
	if !sp.hasSeason() {
		return
	}
	var sum float64
	for j := 0; j < sp.m-1; j++ {
		st.s[j] = x0[i+j]
		sum += x0[i+j]
	}
	if sp.season == ETSSeasonMultiplicative {
		st.s[sp.m-1] = float64(sp.m) - sum
	} else {
		st.s[sp.m-1] = -sum
	}
}

// run filters y from the initial states x0 and returns the SSE of the
// one-step errors, leaving the final states in st. ok is false when a
// multiplicative model leaves the positive range or the states overflow.
func (sp etsSpec) run(y []float64, p etsPar, x0 []float64, st *etsState) (sse float64, ok bool) {
	sp.setInit(x0, st)
	m := sp.m
	mult := sp.season == ETSSeasonMultiplicative
	for t, yt := range y {
		j := t % m
		base := st.l + p.phi*st.b
		var e float64
		switch {
		case mult:
			s := st.s[j]
			if !(base > 1e-8) || !(s > 1e-8) {
				return 0, false
			}
			e = yt - base*s
			st.l = base + p.alpha*e/s
			st.b = p.phi*st.b + p.beta*e/s
			st.s[j] = s + p.gamma*e/base
		default:
			e = yt - base - st.s[j]
			st.l = base + p.alpha*e
			st.b = p.phi*st.b + p.beta*e
			st.s[j] += p.gamma * e
		}
		sse += e * e
	}
	if math.IsNaN(sse) || math.IsInf(sse, 0) {
		return 0, false
	}
	return sse, true
}

// etsWork is the workspace of linearise.
type etsWork struct {
	pf             int
	r, c           []float64 // upper-triangular R (pf x pf) and Q'e
	z, zz, dl, db  []float64
	dbase, ds, tmp []float64 // ds: m x pf sensitivities of the seasonal states
	st             *etsState
	d, trial       []float64 // Gauss-Newton step and trial point
}

func newETSWork(sp etsSpec, n int) *etsWork {
	pf := sp.nInit()
	return &etsWork{
		pf:    pf,
		r:     make([]float64, pf*pf),
		c:     make([]float64, pf),
		z:     make([]float64, pf),
		zz:    make([]float64, pf),
		dl:    make([]float64, pf),
		db:    make([]float64, pf),
		dbase: make([]float64, pf),
		tmp:   make([]float64, pf),
		ds:    make([]float64, sp.m*pf),
		st:    newETSState(sp.m),
		d:     make([]float64, pf),
		trial: make([]float64, pf),
	}
}

// logDet is log det(Z'Z + ridge I) of the last linearise.
func (wk *etsWork) logDet() float64 {
	var s float64
	for k := 0; k < wk.pf; k++ {
		s += 2 * math.Log(math.Abs(wk.r[k*wk.pf+k]))
	}
	return s
}

// solve writes the least-squares step R^{-1} c of the last linearise into
// x (back substitution).
func (wk *etsWork) solve(x []float64) {
	pf, r, c := wk.pf, wk.r, wk.c
	for i := pf - 1; i >= 0; i-- {
		v := c[i]
		for k := i + 1; k < pf; k++ {
			v -= r[i*pf+k] * x[k]
		}
		x[i] = v / r[i*pf+i]
	}
}

// linearise filters y from the initial states x0 and linearises the
// one-step errors in the initial states: e(x0 + d) ~ e(x0) - Z d, where
// row t of Z is the sensitivity z_t of the one-step forecast, propagated
// through the model recursions with the states. Each row (z_t, e_t) is
// folded into a QR factorisation of [Z | e] (Givens rotations, one pass,
// starting from sqrt(ridge) I against collinear states). It returns the
// SSE at x0 and the minimum over d of |e - Z d|^2 + ridge |d|^2, which
// wk.solve attains. For the linear (class 1) models the errors are affine
// in x0, so from x0 = 0 this minimum is the exact profile SSE. sse is
// +Inf when the filter leaves the admissible range.
func (sp etsSpec) linearise(y []float64, p etsPar, wk *etsWork, x0 []float64) (sse, minSSE float64) {
	pf, m := wk.pf, sp.m
	r, c := wk.r, wk.c
	clear(r)
	sq := math.Sqrt(etsRidge)
	for i := 0; i < pf; i++ {
		r[i*pf+i] = sq
		c[i] = 0
	}
	clear(wk.dl)
	clear(wk.db)
	clear(wk.ds)
	wk.dl[0] = 1
	off := 1
	if sp.hasTrend() {
		wk.db[1] = 1
		off = 2
	}
	if sp.hasSeason() {
		last := wk.ds[(m-1)*pf : m*pf]
		for j := 0; j < m-1; j++ {
			wk.ds[j*pf+off+j] = 1
			last[off+j] = -1
		}
	}
	st := wk.st
	sp.setInit(x0, st)
	phi := p.phi
	trend, season := sp.hasTrend(), sp.hasSeason()
	mult := sp.season == ETSSeasonMultiplicative
	z, zz, dl, db, dbase := wk.z, wk.zz, wk.dl, wk.db, wk.dbase
	inf := math.Inf(1)
	for t, yt := range y {
		j := t % m
		base := st.l + phi*st.b
		for i := 0; i < pf; i++ {
			dbase[i] = dl[i]
		}
		if trend {
			for i := 0; i < pf; i++ {
				dbase[i] += phi * db[i]
			}
		}
		var dsj []float64
		if season {
			dsj = wk.ds[j*pf : (j+1)*pf]
		}
		var e float64
		if mult {
			s := st.s[j]
			if !(base > 1e-8) || !(s > 1e-8) {
				return inf, inf
			}
			e = yt - base*s
			for i := 0; i < pf; i++ {
				z[i] = dbase[i]*s + base*dsj[i]
			}
			// States and sensitivities; de = -z.
			for i := 0; i < pf; i++ {
				wk.tmp[i] = -z[i]/s - e*dsj[i]/(s*s) // d(e/s)
			}
			st.l = base + p.alpha*e/s
			for i := 0; i < pf; i++ {
				dl[i] = dbase[i] + p.alpha*wk.tmp[i]
			}
			if trend {
				st.b = phi*st.b + p.beta*e/s
				for i := 0; i < pf; i++ {
					db[i] = phi*db[i] + p.beta*wk.tmp[i]
				}
			}
			st.s[j] = s + p.gamma*e/base
			for i := 0; i < pf; i++ {
				dsj[i] += p.gamma * (-z[i]/base - e*dbase[i]/(base*base))
			}
		} else {
			f := base
			copy(z, dbase)
			if season {
				f += st.s[j]
				for i := 0; i < pf; i++ {
					z[i] += dsj[i]
				}
			}
			e = yt - f
			st.l = base + p.alpha*e
			for i := 0; i < pf; i++ {
				dl[i] = dbase[i] - p.alpha*z[i]
			}
			if trend {
				st.b = phi*st.b + p.beta*e
				for i := 0; i < pf; i++ {
					db[i] = phi*db[i] - p.beta*z[i]
				}
			}
			if season {
				st.s[j] += p.gamma * e
				for i := 0; i < pf; i++ {
					dsj[i] -= p.gamma * z[i]
				}
			}
		}
		if mult {
			// Normal equations: r holds Z'Z (upper triangle), c Z'e.
			for i := 0; i < pf; i++ {
				zi := z[i]
				if zi == 0 {
					continue
				}
				row := r[i*pf : (i+1)*pf]
				for k := i; k < pf; k++ {
					row[k] += zi * z[k]
				}
				c[i] += zi * e
			}
		} else {
			copy(zz, z)
			res := etsGivens(r, c, pf, zz, e)
			minSSE += res * res
		}
		sse += e * e
	}
	if mult {
		// R'R = Z'Z + ridge I, then c <- R'^{-1} Z'e, so that wk.solve
		// and wk.logDet read the same factors as after Givens.
		for i := 0; i < pf; i++ {
			r[i*pf+i] += etsRidge - sq // the diagonal was seeded with sqrt(ridge)
		}
		if !etsCholesky(r, pf) {
			return inf, inf
		}
		for i := 0; i < pf; i++ {
			v := c[i]
			for k := 0; k < i; k++ {
				v -= r[k*pf+i] * c[k]
			}
			c[i] = v / r[i*pf+i]
		}
		var cc float64
		for _, v := range c {
			cc += v * v
		}
		minSSE = math.Max(sse-cc, 0)
	}
	if math.IsNaN(sse) || math.IsInf(sse, 0) || math.IsNaN(minSSE) || math.IsInf(minSSE, 0) {
		return inf, inf
	}
	return sse, minSSE
}

// etsCholesky overwrites the upper triangle of the symmetric a (p x p,
// row-major, upper triangle read) with R, a = R'R; false when a is not
// positive definite.
func etsCholesky(a []float64, p int) bool {
	for j := 0; j < p; j++ {
		d := a[j*p+j]
		for k := 0; k < j; k++ {
			d -= a[k*p+j] * a[k*p+j]
		}
		if !(d > 0) {
			return false
		}
		d = math.Sqrt(d)
		a[j*p+j] = d
		for i := j + 1; i < p; i++ {
			v := a[j*p+i]
			for k := 0; k < j; k++ {
				v -= a[k*p+j] * a[k*p+i]
			}
			a[j*p+i] = v / d
		}
	}
	return true
}

// gaussNewton minimises the SSE over the initial states x0 (updated in
// place) for the multiplicative model, with step halving, leaving the
// factorisation at the solution in wk (for the log determinant). ok is
// false when x0 is not admissible.
func (sp etsSpec) gaussNewton(y []float64, p etsPar, wk *etsWork, x0 []float64) (float64, bool) {
	sse, _ := sp.linearise(y, p, wk, x0)
	if math.IsInf(sse, 0) {
		return 0, false
	}
	d, trial := wk.d, wk.trial
	for it := 0; it < 20; it++ {
		wk.solve(d)
		stepLen := 1.0
		var sseT float64
		improved := false
		for half := 0; half < 8; half++ {
			for i := range trial {
				trial[i] = x0[i] + stepLen*d[i]
			}
			var ok bool
			if sseT, ok = sp.run(y, p, trial, wk.st); ok && sseT < sse {
				improved = true
				break
			}
			stepLen /= 2
		}
		if !improved {
			break
		}
		copy(x0, trial)
		old := sse
		if sse, _ = sp.linearise(y, p, wk, x0); math.IsInf(sse, 0) {
			return 0, false
		}
		if old-sse <= 1e-8*old {
			break
		}
	}
	// Leave the factorisation of the final point in wk.
	return sse, true
}

// etsGivens folds the row (z, e) into the triangular factor r (p x p,
// row-major, non-singular diagonal) and the rotated right-hand side c,
// and returns what is left of e, orthogonal to the columns so far. z is
// overwritten.
func etsGivens(r, c []float64, p int, z []float64, e float64) float64 {
	for k := 0; k < p; k++ {
		zk := z[k]
		if zk == 0 {
			continue
		}
		rkk := r[k*p+k]
		h := math.Sqrt(rkk*rkk + zk*zk)
		cs, sn := rkk/h, zk/h
		r[k*p+k] = h
		row := r[k*p : (k+1)*p]
		for j := k + 1; j < p; j++ {
			a, b := row[j], z[j]
			row[j] = cs*a + sn*b
			z[j] = cs*b - sn*a
		}
		a := c[k]
		c[k] = cs*a + sn*e
		e = cs*e - sn*a
	}
	return e
}

// heuristic gives initial states for the multiplicative seasonal model
// in the manner of R's initstate: seasonal indices from a classical
// decomposition of the first two or three full cycles, then the level
// (and slope) from a regression on the first max(10, 2m) seasonally
// adjusted values.
func (sp etsSpec) heuristic(y []float64) []float64 {
	n, m := len(y), sp.m
	seas := make([]float64, m)
	for j := range seas {
		seas[j] = 1
	}
	if sp.hasSeason() {
		nc := min(n, 3*m) / m * m
		mult := sp.season == ETSSeasonMultiplicative
		seas, _, _, _ = seasDecompose(y[:nc], m, mult)
		if mult {
			var sum float64
			for j := range seas {
				seas[j] = math.Max(seas[j], 1e-2)
				sum += seas[j]
			}
			for j := range seas {
				seas[j] *= float64(m) / sum
			}
		}
	}
	maxn := min(max(10, 2*m), n)
	sa := make([]float64, maxn)
	for t := range sa {
		switch sp.season {
		case ETSSeasonMultiplicative:
			sa[t] = y[t] / seas[t%m]
		case ETSSeasonAdditive:
			sa[t] = y[t] - seas[t%m]
		default:
			sa[t] = y[t]
		}
	}
	x0 := []float64{seasMean(sa)}
	if sp.hasTrend() {
		// Least squares on t = 1..maxn; the intercept is the level at 0.
		tm := float64(maxn+1) / 2
		var sxy, sxx float64
		for t, v := range sa {
			dt := float64(t+1) - tm
			sxy += dt * (v - x0[0])
			sxx += dt * dt
		}
		slope := 0.0
		if sxx > 0 {
			slope = sxy / sxx
		}
		x0[0] -= slope * tm
		x0 = append(x0, slope)
	}
	if sp.hasSeason() {
		x0 = append(x0, seas[:m-1]...)
	}
	return x0
}
