package ts

// Seasonal ARIMA with automatic order selection.
//
// References:
//
//   - Hyndman & Khandakar (2008), "Automatic time series forecasting: the
//     forecast package for R", JSS 27(3): the stepwise search, the AICc
//     and the unit-root tests; R's forecast::auto.arima for the details
//     (start models, neighbour order, the 1.01 root margin).
//   - Kwiatkowski, Phillips, Schmidt & Shin (1992), J. Econometrics 54:
//     the KPSS level-stationarity statistic; Newey & West (1987) for the
//     Bartlett-weighted long-run variance; lag truncation
//     floor(3 sqrt(n)/13) as in forecast::ndiffs (Hobijn et al. 1998).
//   - Wang, Smith & Hyndman (2006), "Characteristic-based clustering for
//     time series data": seasonal strength, used as in auto.arima's
//     default seasonal test (D = 1 when the strength exceeds 0.64).
//   - Jones (1980), "Maximum likelihood fitting of ARMA models to time
//     series with missing observations", Technometrics 22: the state
//     space form with the stationary initial covariance, and the
//     partial-autocorrelation reparametrisation (also Monahan 1984).
//   - Brockwell & Davis (1991), Time Series: Theory and Methods, section
//     3.3: ARMA autocovariances.
//
// The model is
//
//	phi(B) Phi(B^m) (w_t - mu) = theta(B) Theta(B^m) e_t,
//	w_t = (1-B)^d (1-B^m)^D y_t,
//
// with phi(B) = 1 - sum phi_i B^i, theta(B) = 1 + sum theta_j B^j (the
// seasonal polynomials likewise, as in R) and mu a mean (d+D = 0) or a
// drift (d+D = 1); no constant when d+D >= 2.
//
// Algorithm:
//
//  1. D: 1 when m > 1, the series has at least 2m+3 observations and the
//     seasonal strength 1 - Var(R)/Var(S+R) of a classical decomposition
//     (not STL as in R) exceeds 0.64.
//  2. d: difference while the KPSS statistic of the (seasonally
//     differenced) series exceeds the 5% critical value 0.463 (lag window
//     floor(3 sqrt(n)/13) as in R, plus the seasonal lags m, 2m, 3m for
//     seasonal series; see arimaKPSS), up to d + D = 2 (R allows d = 2
//     with D = 1, with a warning).
//  3. Stepwise search over p, q <= 5 and P, Q <= 2, with and without the
//     constant when d+D <= 1, minimising AICc (on the n - d - mD
//     differenced observations): start models (2,d,2)(1,D,1), (0,d,0),
//     (1,d,0)(1,D,0), (0,d,1)(0,D,1) and, with a constant, (0,d,0)
//     without it; then move to the first neighbour (P or Q +-1, both
//     +-1, p or q +-1, both +-1, constant toggled) that lowers the AICc,
//     up to 94 models, as in auto.arima.
//     For seasonal series longer than 150, or with m > 12, the search
//     uses the CSS fits and their AICc (auto.arima's approximation, which
//     R applies to non-seasonal series too: theirs have small states and
//     are fitted exactly here); the five best are then refitted by exact
//     ML and the best exact AICc wins (R refits only the best). An exact search whose Kalman filter work exceeds a
//     fixed budget (about a second) is redone that way too, which bounds
//     the time deterministically.
//  4. Each candidate is fitted by conditional sum of squares (Nelder-Mead
//     from zero), then by exact Gaussian likelihood from the CSS estimate
//     (R's CSS-ML), maximised by BFGS with numerical gradients. The exact
//     likelihood comes from a Kalman filter on Jones' state space form of
//     the differenced series, with sigma^2 concentrated out, the
//     stationary initial covariance from the ARMA autocovariances, and
//     fixed gain once the covariance has converged; the mean (or drift)
//     is profiled out by generalised least squares, the filter running on
//     the series and on a column of ones at once. AR and MA polynomials
//     are parametrised through partial autocorrelations (tanh), so every
//     trial point is stationary and invertible; fits with an AR or MA
//     root inside modulus 1.01 are rejected, as are fits where anything
//     fails (the candidate is dropped). If every candidate fails,
//     ARIMA(0,d,0)(0,D,0) with the constant (random walk or mean, with
//     drift when d+D = 1) is used.
//  5. Forecasts follow the filter's final state through the ARMA recursion
//     and the differencing; the SD at step h is sigma sqrt(sum_{j<h}
//     psi_j^2) with psi the weights of the full (integrated) model, which
//     ignores parameter uncertainty, as R does.
//
// Deviations from R: the seasonal test uses a classical decomposition,
// not STL; the KPSS long-run variance includes seasonal lags and d + D is
// at most 2; the mean is profiled out instead of being searched; the MA
// part is kept invertible during the fit rather than inverted afterwards;
// the approximate search is kept for seasonal series, and after it five
// models are refitted, not one; the likelihood is that of the
// differenced series (R's diffuse prior gives the same for pure
// differencing). Periods above 24 are treated as non-seasonal (the state
// dimension grows like 3m). The optimisers are small loops of this
// package, not gonum/optimize, which would need golang.org/x/tools in
// go.sum. The series is scaled to max|y| = 1 before fitting; the
// reported values are in data units.

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// AutoARIMA is seasonal ARIMA(p,d,q)(P,D,Q)_m with automatic order
// selection in the spirit of Hyndman & Khandakar (2008); see the file
// comment for the algorithm. Seasonal terms are considered only when the
// series has at least 2m+3 observations; shorter series get a non-seasonal
// search.
type AutoARIMA struct{}

const (
	arimaMinLength = 6
	arimaMaxPeriod = 24
	arimaMaxP      = 5
	arimaMaxQ      = 5
	arimaMaxSP     = 2
	arimaMaxSQ     = 2
	arimaMaxModels = 94
	arimaRefits    = 5 // exact refits after an approximate search
	// arimaWorkBudget bounds an exact search (about a second; see
	// arimaWork.work), after which it runs again with CSS fits.
	arimaWorkBudget = 4e8
	arimaKPSSCrit   = 0.463 // 5% level, level stationarity
	arimaSeasThresh = 0.64
	arimaRootMargin = 1.01
	arimaPACFMax    = 0.9999
)

// Name is "arima".
func (AutoARIMA) Name() string { return "arima" }

// MinLength is 6 for every period (seasonal terms need 2m+3).
func (AutoARIMA) MinLength(period int) int { return arimaMinLength }

// Forecast implements Model.
func (a AutoARIMA) Forecast(s Series, h int) (Forecast, error) {
	if h < 1 {
		return Forecast{}, fmt.Errorf("arima: horizon %d: need h >= 1", h)
	}
	fit, err := a.Fit(s)
	if err != nil {
		return Forecast{}, err
	}
	fc := fit.Forecast(h)
	return fc, seasFinite("arima", fc)
}

// ARIMAFit is a fitted seasonal ARIMA model. Coefficients follow R's
// signs: (1 - sum AR_i B^i)(1 - sum SAR_k B^{mk}) (w_t - Mean) =
// (1 + sum MA_j B^j)(1 + sum SMA_k B^{mk}) e_t.
type ARIMAFit struct {
	Order    [3]int // p, d, q
	Seasonal [3]int // P, D, Q; zero when non-seasonal
	Period   int    // m; 1 when non-seasonal

	AR, MA, SAR, SMA []float64
	// Constant says whether Mean is estimated: the mean of the
	// differenced series, i.e. the series mean when d+D = 0 and the
	// drift per step (times m when D = 1) when d+D = 1.
	Constant bool
	Mean     float64
	// SE are the standard errors of AR, MA, SAR, SMA and Mean (when
	// Constant), in that order, from the numerical Hessian of the log
	// likelihood; NaN when the Hessian is not positive definite.
	SE []float64

	Sigma2 float64 // innovation variance (ML); +Inf beyond 1e308
	LogLik float64 // exact Gaussian log likelihood of the differenced series
	AICc   float64
	NObs   int // differenced observations, n - d - mD
	// Models is how many candidates the search fitted; Fallback is true
	// when none could be fitted (or the differenced series is constant)
	// and ARIMA(0,d,0)(0,D,0) was used.
	Models   int
	Fallback bool

	// For forecasting, on the scaled series.
	ys    []float64 // y / scale
	scale float64
	state []float64
	phi   []float64 // expanded AR polynomial
	theta []float64 // expanded MA polynomial
	mu    float64   // scaled mean of the differenced series
	sig2  float64   // scaled sigma^2
}

// String is the usual label, e.g. "ARIMA(1,1,1)(0,1,1)[12] with drift".
func (f *ARIMAFit) String() string {
	s := fmt.Sprintf("ARIMA(%d,%d,%d)", f.Order[0], f.Order[1], f.Order[2])
	if f.Period > 1 {
		s += fmt.Sprintf("(%d,%d,%d)[%d]", f.Seasonal[0], f.Seasonal[1], f.Seasonal[2], f.Period)
	}
	if f.Constant {
		if f.Order[1]+f.Seasonal[1] == 0 {
			s += " with non-zero mean"
		} else {
			s += " with drift"
		}
	}
	return s
}

// arimaSpec is one candidate's orders for fixed d, D.
type arimaSpec struct {
	p, q, sp, sq int
	constant     bool
}

func (s arimaSpec) nCoef() int { return s.p + s.q + s.sp + s.sq }
func (s arimaSpec) nPar() int {
	if s.constant {
		return s.nCoef() + 1
	}
	return s.nCoef()
}

// arimaModel is a fitted candidate on the scaled, differenced series.
type arimaModel struct {
	spec             arimaSpec
	ar, ma, sar, sma []float64
	mu               float64
	m2ll             float64 // -2 log L
	sigma2           float64
	aicc             float64
}

// Fit selects and estimates the model.
func (a AutoARIMA) Fit(s Series) (*ARIMAFit, error) {
	const name = "arima"
	if err := seasValidate(name, s, 1, arimaMinLength); err != nil {
		return nil, err
	}
	n := s.Len()
	m := seasPeriod(s.Period)
	sc := seasMaxAbs(s.Values)
	if sc == 0 {
		sc = 1
	}
	ys := make([]float64, n)
	for i, v := range s.Values {
		ys[i] = v / sc
	}
	// Not centred: without a constant the model's mean is zero, as in R.

	seasonal := m > 1 && m <= arimaMaxPeriod && n >= 2*m+3
	if !seasonal {
		m = 1
	}
	bigD := 0
	if seasonal && arimaSeasStrength(ys, m) > arimaSeasThresh {
		bigD = 1
	}
	w := ys
	if bigD == 1 {
		w = arimaDiff(w, m)
	}
	d := 0
	// At most two differences in all: three are not recommended (R warns),
	// and on short series the KPSS test rejects again and again.
	for d+bigD < 2 && len(w) > 4 && !arimaIsConstant(w) && arimaKPSS(w, arimaKPSSLags(len(w)), m) > arimaKPSSCrit {
		w = arimaDiff(w, 1)
		d++
	}
	allowConst := d+bigD <= 1

	fitter := newArimaFitter(w, m)
	// As auto.arima, search with CSS estimates and CSS-based AICc for long
	// seasonal or high-frequency series, then refit the best by exact ML.
	// An exact search that outgrows its budget starts again in that mode.
	approx := m > 12 || (n > 150 && m > 1)
	var best *arimaModel
	count := 0
	if !arimaIsConstant(w) {
		var fitted []*arimaModel
		var over bool
		best, fitted, count, over = fitter.search(seasonal, allowConst, approx)
		if over {
			approx = true
			var more int
			best, fitted, more, _ = fitter.search(seasonal, allowConst, true)
			count += more
		}
		if approx && best != nil {
			// Refit by exact ML the five best by approximate AICc (R
			// refits only the best) and keep the best exact AICc.
			slices.SortStableFunc(fitted, func(a, b *arimaModel) int { return cmp.Compare(a.aicc, b.aicc) })
			best = nil
			refits := 0
			for _, mod := range fitted {
				if refits == arimaRefits {
					break
				}
				if ml := fitter.fit(mod.spec, true); ml != nil {
					refits++
					if best == nil || ml.aicc < best.aicc {
						best = ml
					}
				}
			}
		}
	}
	fallback := false
	if best == nil {
		// Random walk (or mean) with the constant when allowed: closed
		// form, cannot fail.
		best = fitter.fit(arimaSpec{constant: allowConst}, true)
		if best == nil {
			best = fitter.whiteNoise(arimaSpec{constant: allowConst})
		}
		fallback = true
	}
	return fitter.result(best, ys, sc, d, bigD, count, fallback), nil
}

// search is the stepwise search of Hyndman & Khandakar (2008) as in
// auto.arima: start models, then moves to the first neighbour that lowers
// the AICc. It returns the best model, every fitted model and how many
// were tried. An exact search stops early, with over set, once its
// Kalman filter work exceeds arimaWorkBudget.
func (ft *arimaFitter) search(seasonal, allowConst, approx bool) (best *arimaModel, fitted []*arimaModel, count int, over bool) {
	start := ft.wk.work
	tried := map[arimaSpec]bool{}
	try := func(sp arimaSpec) bool {
		if over || sp.p < 0 || sp.q < 0 || sp.sp < 0 || sp.sq < 0 ||
			sp.p > arimaMaxP || sp.q > arimaMaxQ || sp.sp > arimaMaxSP || sp.sq > arimaMaxSQ {
			return false
		}
		if !seasonal && (sp.sp > 0 || sp.sq > 0) {
			return false
		}
		if sp.constant && !allowConst {
			return false
		}
		if tried[sp] || count >= arimaMaxModels {
			return false
		}
		tried[sp] = true
		count++
		mod := ft.fit(sp, !approx)
		if !approx && ft.wk.work-start > arimaWorkBudget {
			over = true
		}
		if mod != nil {
			fitted = append(fitted, mod)
		}
		if mod != nil && (best == nil || mod.aicc < best.aicc) {
			best = mod
			return true
		}
		return false
	}
	sP, sQ := 0, 0
	if seasonal {
		sP, sQ = 1, 1
	}
	try(arimaSpec{2, 2, sP, sQ, allowConst})
	try(arimaSpec{0, 0, 0, 0, allowConst})
	try(arimaSpec{1, 0, sP, 0, allowConst})
	try(arimaSpec{0, 1, 0, sQ, allowConst})
	if allowConst {
		try(arimaSpec{0, 0, 0, 0, false})
	}
	moves := [][4]int{
		{0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
		{0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
		{-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
		{-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0},
	}
	for best != nil && count < arimaMaxModels && !over {
		c := best.spec
		improved := false
		for _, mv := range moves {
			if try(arimaSpec{c.p + mv[0], c.q + mv[1], c.sp + mv[2], c.sq + mv[3], c.constant}) {
				improved = true
				break
			}
		}
		if !improved && allowConst {
			improved = try(arimaSpec{c.p, c.q, c.sp, c.sq, !c.constant})
		}
		if !improved {
			break
		}
	}
	return best, fitted, count, over
}

// Forecast projects the fitted model h >= 1 steps ahead (empty for h < 1).
func (f *ARIMAFit) Forecast(h int) Forecast {
	if h < 1 {
		return Forecast{Mean: []float64{}, SD: []float64{}}
	}
	// Differenced series: follow the state through the ARMA recursion.
	r := len(f.state)
	a := slices.Clone(f.state)
	wf := make([]float64, h)
	for k := range wf {
		wf[k] = f.mu + a[0]
		var last float64
		for i, ph := range f.phi {
			last += ph * a[r-1-i]
		}
		copy(a, a[1:])
		a[r-1] = last
	}
	// Undo the differencing: delta(B) y_t = w_t.
	delta := arimaDiffPoly(f.Order[1], f.Seasonal[1], f.Period)
	n := len(f.ys)
	yy := make([]float64, n+h)
	copy(yy, f.ys)
	for k := 0; k < h; k++ {
		v := wf[k]
		for i := 1; i < len(delta); i++ {
			v -= delta[i] * yy[n+k-i]
		}
		yy[n+k] = v
	}
	// psi weights of the integrated model: theta(B) / (phi(B) delta(B)).
	arFull := arimaPolyMul(append([]float64{1}, arimaNeg(f.phi)...), delta)
	psi := make([]float64, h)
	psi[0] = 1
	for j := 1; j < h; j++ {
		var v float64
		if j <= len(f.theta) {
			v = f.theta[j-1]
		}
		for i := 1; i < len(arFull) && i <= j; i++ {
			v -= arFull[i] * psi[j-i]
		}
		psi[j] = v
	}
	fc := Forecast{Mean: make([]float64, h), SD: make([]float64, h)}
	var cum float64
	for k := 0; k < h; k++ {
		fc.Mean[k] = f.scale * yy[n+k]
		cum += psi[k] * psi[k]
		fc.SD[k] = f.scale * math.Sqrt(f.sig2*cum)
	}
	return fc
}

// arimaFitter fits candidates on one differenced series.
type arimaFitter struct {
	w    []float64
	m    int
	mean float64
	wk   *arimaWork
}

func newArimaFitter(w []float64, m int) *arimaFitter {
	return &arimaFitter{w: w, m: m, mean: seasMean(w), wk: &arimaWork{}}
}

// arimaSigmaFloor keeps log(sigma^2) finite for exact fits (scaled data).
const arimaSigmaFloor = 1e-24

// whiteNoise is the closed-form fit without ARMA terms.
func (ft *arimaFitter) whiteNoise(sp arimaSpec) *arimaModel {
	n := len(ft.w)
	mu := 0.0
	if sp.constant {
		mu = ft.mean
	}
	var ss float64
	for _, v := range ft.w {
		ss += (v - mu) * (v - mu)
	}
	s2 := math.Max(ss/float64(max(n, 1)), arimaSigmaFloor)
	mod := &arimaModel{spec: sp, mu: mu, sigma2: s2}
	mod.m2ll = float64(n) * (math.Log(2*math.Pi*s2) + 1)
	mod.aicc = arimaAICc(mod.m2ll, sp.nPar()+1, n)
	return mod
}

// arimaAICc is the AICc for k parameters (sigma included) on n
// observations, +Inf when undefined.
func arimaAICc(m2ll float64, k, n int) float64 {
	if n-k-1 <= 0 {
		return math.Inf(1)
	}
	return m2ll + 2*float64(k) + 2*float64(k*(k+1))/float64(n-k-1)
}

// decode maps the optimiser's coordinates to coefficients: tanh of each
// coordinate is a partial autocorrelation, Durbin-Levinson gives the
// polynomial (Jones 1980; negated for the invertible MA polynomials).
func (sp arimaSpec) decode(u []float64, ar, ma, sar, sma []float64) {
	i := 0
	arimaTanhAR(ar, u[i:i+sp.p])
	i += sp.p
	arimaTanhAR(ma, u[i:i+sp.q])
	for j := range ma {
		ma[j] = -ma[j]
	}
	i += sp.q
	arimaTanhAR(sar, u[i:i+sp.sp])
	i += sp.sp
	arimaTanhAR(sma, u[i:i+sp.sq])
	for j := range sma {
		sma[j] = -sma[j]
	}
}

// fit estimates one candidate by CSS then, when exact, by exact ML, or
// returns nil. Without exact, the CSS estimates are kept and the AICc
// uses the CSS innovation variance. The mean, when estimated, is
// profiled out in closed form (generalised least squares given the ARMA
// coefficients), so the optimisers search the ARMA coefficients only.
func (ft *arimaFitter) fit(sp arimaSpec, exact bool) *arimaModel {
	n := len(ft.w)
	k := sp.nPar() + 1
	if n-k-1 <= 0 {
		return nil
	}
	if sp.nCoef() == 0 {
		return ft.whiteNoise(sp)
	}
	ar := make([]float64, sp.p)
	ma := make([]float64, sp.q)
	sar := make([]float64, sp.sp)
	sma := make([]float64, sp.sq)
	m := ft.m
	pe, qe := sp.p+m*sp.sp, sp.q+m*sp.sq
	phi := make([]float64, pe)
	theta := make([]float64, qe)
	res := make([]float64, 2*n)
	prep := func(u []float64) {
		sp.decode(u, ar, ma, sar, sma)
		arimaExpand(phi, ar, sar, m, -1)
		arimaExpand(theta, ma, sma, m, 1)
	}
	css := func(u []float64) float64 {
		prep(u)
		sse, _, used := arimaCSS(ft.w, phi, theta, sp.constant, res)
		if used < 1 || math.IsNaN(sse) || math.IsInf(sse, 0) {
			return math.Inf(1)
		}
		return float64(used) * math.Log(math.Max(sse/float64(used), arimaSigmaFloor))
	}
	ml := func(u []float64) float64 {
		prep(u)
		m2ll, _, _, ok := ft.wk.lik(ft.w, phi, theta, sp.constant)
		if !ok {
			return math.Inf(1)
		}
		return m2ll
	}
	dim := sp.nCoef()
	u0 := make([]float64, dim)
	step := make([]float64, dim)
	for i := range step {
		step[i] = 0.2
	}
	start, fromCSS := u0, false
	if n-pe > k {
		if uc, fc := seasMinimize(css, u0, step, 150*dim+150); !math.IsInf(fc, 0) {
			start, fromCSS = uc, true
		}
	}
	mod := &arimaModel{spec: sp, ar: ar, ma: ma, sar: sar, sma: sma}
	if !exact {
		if !fromCSS {
			return nil
		}
		prep(start)
		if !arimaRootsOutside(phi, arimaRootMargin) || !arimaRootsOutside(arimaNeg(theta), arimaRootMargin) {
			return nil
		}
		sse, mu, used := arimaCSS(ft.w, phi, theta, sp.constant, res)
		s2 := math.Max(sse/float64(used), arimaSigmaFloor)
		mod.mu, mod.sigma2 = mu, s2
		mod.m2ll = float64(n) * (math.Log(2*math.Pi*s2) + 1)
		mod.aicc = arimaAICc(mod.m2ll, k, n)
		return mod
	}
	u, fu := arimaBFGS(ml, start, 100)
	if math.IsInf(fu, 0) && fromCSS {
		u, fu = arimaBFGS(ml, u0, 100)
	}
	if math.IsInf(fu, 0) || math.IsNaN(fu) {
		return nil
	}
	prep(u)
	if !arimaRootsOutside(phi, arimaRootMargin) || !arimaRootsOutside(arimaNeg(theta), arimaRootMargin) {
		return nil
	}
	m2ll, s2, mu, ok := ft.wk.lik(ft.w, phi, theta, sp.constant)
	if !ok {
		return nil
	}
	mod.mu, mod.m2ll, mod.sigma2 = mu, m2ll, s2
	mod.aicc = arimaAICc(m2ll, k, n)
	if math.IsNaN(mod.aicc) {
		return nil
	}
	return mod
}

// result builds the ARIMAFit of the chosen model, with standard errors
// and the filter state for forecasting.
func (ft *arimaFitter) result(mod *arimaModel, ys []float64, sc float64, d, bigD, count int, fallback bool) *ARIMAFit {
	sp := mod.spec
	m := ft.m
	n := len(ft.w)
	phi := make([]float64, sp.p+m*sp.sp)
	theta := make([]float64, sp.q+m*sp.sq)
	arimaExpand(phi, mod.ar, mod.sar, m, -1)
	arimaExpand(theta, mod.ma, mod.sma, m, 1)
	x := make([]float64, n)
	for t, v := range ft.w {
		x[t] = v - mod.mu
	}
	wk := &arimaWork{}
	_, _, _, ok := wk.lik(x, phi, theta, false)
	state := slices.Clone(wk.a)
	if !ok {
		state = make([]float64, max(len(phi), len(theta)+1))
	}
	f := &ARIMAFit{
		Order:    [3]int{sp.p, d, sp.q},
		Period:   m,
		AR:       slices.Clone(mod.ar),
		MA:       slices.Clone(mod.ma),
		SAR:      slices.Clone(mod.sar),
		SMA:      slices.Clone(mod.sma),
		Constant: sp.constant,
		Sigma2:   mod.sigma2 * sc * sc,
		LogLik:   -0.5*mod.m2ll - float64(n)*math.Log(sc),
		NObs:     n,
		Models:   count,
		Fallback: fallback,
		ys:       ys,
		scale:    sc,
		state:    state,
		phi:      phi,
		theta:    theta,
		mu:       mod.mu,
		sig2:     mod.sigma2,
	}
	if m > 1 {
		f.Seasonal = [3]int{sp.sp, bigD, sp.sq}
	}
	f.AICc = mod.aicc
	if !math.IsInf(f.AICc, 0) {
		f.AICc += 2 * float64(n) * math.Log(sc)
	}
	if sp.constant {
		f.Mean = mod.mu * sc
	}
	f.SE = ft.stdErrors(mod, sc)
	return f
}

// stdErrors inverts the numerical Hessian of -log L in the natural
// coefficients.
func (ft *arimaFitter) stdErrors(mod *arimaModel, sc float64) []float64 {
	sp := mod.spec
	dim := sp.nPar()
	se := make([]float64, dim)
	if dim == 0 {
		return se
	}
	for i := range se {
		se[i] = math.NaN()
	}
	v0 := slices.Concat(mod.ar, mod.ma, mod.sar, mod.sma)
	if sp.constant {
		v0 = append(v0, mod.mu)
	}
	m := ft.m
	n := len(ft.w)
	phi := make([]float64, sp.p+m*sp.sp)
	theta := make([]float64, sp.q+m*sp.sq)
	x := make([]float64, n)
	wk := &arimaWork{}
	f := func(v []float64) float64 {
		i := 0
		ar := v[i : i+sp.p]
		i += sp.p
		ma := v[i : i+sp.q]
		i += sp.q
		sar := v[i : i+sp.sp]
		i += sp.sp
		sma := v[i : i+sp.sq]
		i += sp.sq
		mu := 0.0
		if sp.constant {
			mu = v[i]
		}
		arimaExpand(phi, ar, sar, m, -1)
		arimaExpand(theta, ma, sma, m, 1)
		for t, w := range ft.w {
			x[t] = w - mu
		}
		m2ll, _, _, ok := wk.lik(x, phi, theta, false)
		if !ok {
			return math.NaN()
		}
		return 0.5 * m2ll
	}
	var hess mat.SymDense
	fd.Hessian(&hess, f, v0, &fd.Settings{Formula: fd.Central, Step: 1e-4})
	for i := 0; i < dim; i++ {
		for j := 0; j < dim; j++ {
			if v := hess.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return se
			}
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(&hess) {
		return se
	}
	var cov mat.SymDense
	if err := chol.InverseTo(&cov); err != nil {
		return se
	}
	for i := 0; i < dim; i++ {
		if v := cov.At(i, i); v > 0 {
			se[i] = math.Sqrt(v)
		}
	}
	if sp.constant {
		se[dim-1] *= sc
	}
	return se
}

// arimaWork is the Kalman filter workspace; a holds the predicted state
// after lik.
type arimaWork struct {
	p, pu, a, a1, k, psi, gam, u, sys []float64
	nz                                []int
	// work counts covariance-update element operations (r^2 per filter
	// step before the steady state), the bulk of the cost of a search.
	work int64
}

func arimaGrow(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// lik runs the exact Kalman filter for the zero-mean ARMA
// x_t = sum phi_i x_{t-i} + e_t + sum theta_j e_{t-j} on Jones' state
// alpha_t = (x_t, x_{t+1|t}, ..., x_{t+r-1|t}), r = max(p, q+1), and
// returns -2 log L with sigma^2 = (1/n) sum v_t^2/F_t concentrated out.
// Covariances are in units of sigma^2. With mean, x is w and the mean mu
// of w is profiled out: the filter is linear in the data, so it runs on
// w and on a column of ones at once (innovations v and v1, same F), and
// mu = sum v v1/F / sum v1^2/F. wk.a is left holding the predicted state
// of x - mu after the last observation.
func (wk *arimaWork) lik(x, phi, theta []float64, mean bool) (m2ll, sigma2, mu float64, ok bool) {
	p, q := len(phi), len(theta)
	r := max(p, q+1)
	n := len(x)
	wk.psi = arimaGrow(wk.psi, r)
	wk.gam = arimaGrow(wk.gam, r)
	wk.p = arimaGrow(wk.p, r*r)
	wk.pu = arimaGrow(wk.pu, r*r)
	wk.a = arimaGrow(wk.a, r)
	wk.a1 = arimaGrow(wk.a1, r)
	wk.k = arimaGrow(wk.k, r)
	wk.u = arimaGrow(wk.u, r)
	psi, gam, P, Pu, a, a1, K, u := wk.psi, wk.gam, wk.p, wk.pu, wk.a, wk.a1, wk.k, wk.u

	// psi weights of the ARMA part.
	psi[0] = 1
	for j := 1; j < r; j++ {
		var v float64
		if j <= q {
			v = theta[j-1]
		}
		for i := 1; i <= min(j, p); i++ {
			v += phi[i-1] * psi[j-i]
		}
		psi[j] = v
	}
	if !wk.acvf(phi, theta, r) {
		return 0, 0, 0, false
	}
	// Stationary covariance: P[i][j] = gamma(j-i) - sum_{k<i} psi_k psi_{k+j-i},
	// built row by row from P[i-1][j-1].
	for j := 0; j < r; j++ {
		P[j] = gam[j]
	}
	for i := 1; i < r; i++ {
		for j := i; j < r; j++ {
			P[i*r+j] = P[(i-1)*r+j-1] - psi[i-1]*psi[j-1]
		}
	}
	for i := 0; i < r; i++ {
		for j := 0; j < i; j++ {
			P[i*r+j] = P[j*r+i]
		}
	}

	// Non-zero AR coefficients: seasonal expansions are sparse.
	wk.nz = wk.nz[:0]
	for k := 1; k <= p; k++ {
		if phi[k-1] != 0 {
			wk.nz = append(wk.nz, k)
		}
	}
	nz := wk.nz
	Pn := Pu
	var sumLog, sxx, sx1, s11 float64
	frozen := false
	var F, logF float64
	for t := 0; t < n; t++ {
		if !frozen {
			F = P[0]
			if !(F >= 0.5) || F > 1e300 {
				return 0, 0, 0, false
			}
			logF = math.Log(F)
			for i := 0; i < r; i++ {
				K[i] = P[i] / F
			}
		}
		v := x[t] - a[0]
		sumLog += logF
		sxx += v * v / F
		for i := 0; i < r; i++ {
			a[i] += K[i] * v
		}
		var last float64
		for _, k := range nz {
			last += phi[k-1] * a[r-k]
		}
		copy(a, a[1:])
		a[r-1] = last
		if mean {
			v1 := 1 - a1[0]
			sx1 += v * v1 / F
			s11 += v1 * v1 / F
			for i := 0; i < r; i++ {
				a1[i] += K[i] * v1
			}
			var last float64
			for _, k := range nz {
				last += phi[k-1] * a1[r-k]
			}
			copy(a1, a1[1:])
			a1[r-1] = last
		}
		if frozen {
			continue
		}
		// P_next = T (P - F K K') T' + psi psi'. The update P - F K K'
		// has a zero first row and column; T shifts it up and left and
		// fills the last row and column with the AR combination
		// u_i = sum_k phi_k (P - F K K')[i][r-k].
		for i := 1; i < r; i++ {
			var sum float64
			fki := F * K[i]
			for _, k := range nz {
				sum += phi[k-1] * (P[i*r+r-k] - fki*K[r-k])
			}
			u[i] = sum
		}
		u[0] = 0
		diff := 0.0
		for i := 0; i < r-1; i++ {
			fki, pi := F*K[i+1], psi[i]
			row := P[(i+1)*r : (i+2)*r]
			prev := P[i*r : (i+1)*r]
			out := Pn[i*r : (i+1)*r]
			for j := i; j < r-1; j++ {
				nv := row[j+1] - fki*K[j+1] + pi*psi[j]
				if d := math.Abs(nv - prev[j]); d > diff || d != d {
					diff = d
				}
				out[j] = nv
			}
			nv := u[i+1] + pi*psi[r-1]
			if d := math.Abs(nv - prev[r-1]); d > diff || d != d {
				diff = d
			}
			out[r-1] = nv
		}
		{
			var nv float64
			for _, k := range nz {
				nv += phi[k-1] * u[r-k]
			}
			nv += psi[r-1] * psi[r-1]
			if d := math.Abs(nv - P[r*r-1]); d > diff || d != d {
				diff = d
			}
			Pn[r*r-1] = nv
		}
		// Mirror the upper triangle.
		for i := 1; i < r; i++ {
			for j := 0; j < i; j++ {
				Pn[i*r+j] = Pn[j*r+i]
			}
		}
		P, Pn = Pn, P
		wk.work += int64(r * r)
		if diff != diff {
			return 0, 0, 0, false
		}
		if diff < 1e-11 {
			// Steady state: the gain no longer changes.
			F = P[0]
			if !(F >= 0.5) {
				return 0, 0, 0, false
			}
			logF = math.Log(F)
			for i := 0; i < r; i++ {
				K[i] = P[i] / F
			}
			frozen = true
		}
	}
	if n == 0 {
		return 0, 0, 0, false
	}
	ssq := sxx
	if mean && s11 > 0 {
		mu = sx1 / s11
		ssq = sxx - mu*sx1
		for i := range a {
			a[i] -= mu * a1[i]
		}
	}
	sigma2 = math.Max(ssq/float64(n), arimaSigmaFloor)
	m2ll = float64(n)*(math.Log(2*math.Pi*sigma2)+1) + sumLog
	if math.IsNaN(m2ll) || math.IsInf(m2ll, 0) {
		return 0, 0, 0, false
	}
	return m2ll, sigma2, mu, true
}

// acvf fills wk.gam[0..r-1] with the ARMA autocovariances for sigma^2 = 1
// (Brockwell & Davis 1991, eq. 3.3.8): the first p+1 from a linear
// system, the rest by the AR recursion.
func (wk *arimaWork) acvf(phi, theta []float64, r int) bool {
	p, q := len(phi), len(theta)
	psi, gam := wk.psi, wk.gam
	th := func(j int) float64 {
		if j == 0 {
			return 1
		}
		if j <= q {
			return theta[j-1]
		}
		return 0
	}
	// rhs_k = sum_{j=k}^{q} theta_j psi_{j-k}; psi has length r > q.
	rhs := func(k int) float64 {
		var s float64
		for j := k; j <= q; j++ {
			s += th(j) * psi[j-k]
		}
		return s
	}
	if p == 0 {
		for k := 0; k < r; k++ {
			var s float64
			for j := k; j <= q; j++ {
				s += th(j) * th(j-k)
			}
			gam[k] = s
		}
		return gam[0] > 0
	}
	np := p + 1
	wk.sys = arimaGrow(wk.sys, np*np+np)
	A, b := wk.sys[:np*np], wk.sys[np*np:]
	for k := 0; k < np; k++ {
		A[k*np+k] += 1
		for i := 1; i <= p; i++ {
			j := k - i
			if j < 0 {
				j = -j
			}
			A[k*np+j] -= phi[i-1]
		}
		b[k] = rhs(k)
	}
	if !arimaSolve(A, b, np) {
		return false
	}
	for k := 0; k < r; k++ {
		if k < np {
			gam[k] = b[k]
			continue
		}
		s := rhs(k)
		for i := 1; i <= p; i++ {
			s += phi[i-1] * gam[k-i]
		}
		gam[k] = s
	}
	return gam[0] > 0 && !math.IsInf(gam[0], 0)
}

// arimaSolve solves A x = b (n x n, row-major) in place by Gaussian
// elimination with partial pivoting; x is left in b.
func arimaSolve(A, b []float64, n int) bool {
	var norm float64
	for _, v := range A {
		norm = math.Max(norm, math.Abs(v))
	}
	for c := 0; c < n; c++ {
		piv := c
		for i := c + 1; i < n; i++ {
			if math.Abs(A[i*n+c]) > math.Abs(A[piv*n+c]) {
				piv = i
			}
		}
		if !(math.Abs(A[piv*n+c]) > 1e-13*norm) {
			return false
		}
		if piv != c {
			for j := 0; j < n; j++ {
				A[c*n+j], A[piv*n+j] = A[piv*n+j], A[c*n+j]
			}
			b[c], b[piv] = b[piv], b[c]
		}
		for i := c + 1; i < n; i++ {
			f := A[i*n+c] / A[c*n+c]
			if f == 0 {
				continue
			}
			for j := c; j < n; j++ {
				A[i*n+j] -= f * A[c*n+j]
			}
			b[i] -= f * b[c]
		}
	}
	for i := n - 1; i >= 0; i-- {
		s := b[i]
		for j := i + 1; j < n; j++ {
			s -= A[i*n+j] * b[j]
		}
		b[i] = s / A[i*n+i]
	}
	for _, v := range b {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// arimaCSS is the conditional sum of squares of w (Box & Jenkins):
// residuals from t = p on, with earlier residuals zero. The residuals
// are linear in the mean, so with mean they are computed for w and for a
// column of ones (res holds both, 2n) and the mean is profiled out by
// least squares. It returns the SSE, the mean and the number of
// residuals.
func arimaCSS(w, phi, theta []float64, mean bool, res []float64) (sse, mu float64, used int) {
	n, p := len(w), len(phi)
	ew, e1 := res[:n], res[n:2*n]
	var sxx, sx1, s11 float64
	for t := range w {
		if t < p {
			ew[t], e1[t] = 0, 0
			continue
		}
		e, f := w[t], 1.0
		for i, ph := range phi {
			if ph != 0 {
				e -= ph * w[t-1-i]
				f -= ph
			}
		}
		for j, th := range theta {
			if t-1-j < 0 {
				break
			}
			if th != 0 {
				e -= th * ew[t-1-j]
				f -= th * e1[t-1-j]
			}
		}
		ew[t], e1[t] = e, f
		sxx += e * e
		sx1 += e * f
		s11 += f * f
	}
	if mean && s11 > 0 {
		mu = sx1 / s11
		return math.Max(sxx-mu*sx1, 0), mu, n - p
	}
	return sxx, 0, n - p
}

// arimaTanhAR maps unconstrained u to the coefficients of a stationary
// AR polynomial 1 - sum c_i z^i: tanh(u_k) are the partial
// autocorrelations, the Durbin-Levinson recursion gives c.
func arimaTanhAR(c, u []float64) {
	for k := range u {
		r := math.Tanh(u[k])
		r = math.Max(-arimaPACFMax, math.Min(arimaPACFMax, r))
		// c_j <- c_j - r c_{k-1-j} for j < k, simultaneously.
		for j := 0; j < (k+1)/2; j++ {
			a, b := c[j], c[k-1-j]
			c[j] = a - r*b
			if j != k-1-j {
				c[k-1-j] = b - r*a
			}
		}
		c[k] = r
	}
}

// arimaRootsOutside reports whether every root of 1 - sum a_j z^j lies
// outside the circle of radius rho, by the Schur-Cohn step-down
// (inverse Durbin-Levinson) test on the coefficients of 1 - sum a_j
// (rho z)^j: all partial autocorrelations must lie in (-1, 1).
func arimaRootsOutside(a []float64, rho float64) bool {
	p := len(a)
	for p > 0 && a[p-1] == 0 {
		p--
	}
	b := make([]float64, p)
	f := 1.0
	for j := 0; j < p; j++ {
		f *= rho
		b[j] = a[j] * f
	}
	tmp := make([]float64, p)
	for k := p; k >= 1; k-- {
		r := b[k-1]
		if !(math.Abs(r) < 1) {
			return false
		}
		den := 1 - r*r
		for j := 0; j < k-1; j++ {
			tmp[j] = (b[j] + r*b[k-2-j]) / den
		}
		copy(b, tmp[:k-1])
	}
	return true
}

// arimaExpand writes the coefficients of the product of a non-seasonal
// and a seasonal polynomial into dst (length len(ns)+m*len(s)). sign is
// -1 for AR polynomials (1 - sum c z^i) and +1 for MA polynomials
// (1 + sum c z^i); dst follows the same convention.
func arimaExpand(dst, ns, s []float64, m int, sign float64) {
	clear(dst)
	copy(dst, ns)
	for k, sv := range s {
		dst[m*(k+1)-1] += sv
		for i, nv := range ns {
			// The cross term of (1 + sign sum ns)(1 + sign sum s) is
			// nv sv z^{i+1+m(k+1)}; in dst's convention it is sign nv sv.
			dst[i+m*(k+1)] += sign * nv * sv
		}
	}
}

// arimaNeg returns -a.
func arimaNeg(a []float64) []float64 {
	b := make([]float64, len(a))
	for i, v := range a {
		b[i] = -v
	}
	return b
}

// arimaPolyMul multiplies polynomials given by their coefficients from
// degree 0.
func arimaPolyMul(a, b []float64) []float64 {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	c := make([]float64, len(a)+len(b)-1)
	for i, x := range a {
		for j, y := range b {
			c[i+j] += x * y
		}
	}
	return c
}

// arimaDiffPoly is (1-B)^d (1-B^m)^D, coefficients from degree 0.
func arimaDiffPoly(d, bigD, m int) []float64 {
	poly := []float64{1}
	for i := 0; i < d; i++ {
		poly = arimaPolyMul(poly, []float64{1, -1})
	}
	for i := 0; i < bigD; i++ {
		s := make([]float64, m+1)
		s[0], s[m] = 1, -1
		poly = arimaPolyMul(poly, s)
	}
	return poly
}

// arimaDiff is the lag-k difference y_t - y_{t-k}.
func arimaDiff(y []float64, k int) []float64 {
	if len(y) <= k {
		return nil
	}
	d := make([]float64, len(y)-k)
	for t := range d {
		d[t] = y[t+k] - y[t]
	}
	return d
}

// arimaIsConstant reports whether y varies by less than a relative 1e-12
// (the models work on data scaled to max|y| = 1).
func arimaIsConstant(y []float64) bool {
	if len(y) == 0 {
		return true
	}
	lo, hi := y[0], y[0]
	for _, v := range y {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return hi-lo <= 1e-12*math.Max(1, math.Max(math.Abs(lo), math.Abs(hi)))
}

// arimaKPSSLags is the Newey-West truncation lag used by forecast::ndiffs.
func arimaKPSSLags(n int) int { return int(3 * math.Sqrt(float64(n)) / 13) }

// arimaKPSS is the KPSS statistic for level stationarity (Kwiatkowski et
// al. 1992): eta = sum_t S_t^2 / (n^2 s^2), with S_t the partial sums of
// the deviations from the mean and s^2 the Newey-West long-run variance
// with Bartlett weights 1 - j/(l+1) on lags 1..l. With a period m > 1
// the seasonal lags m, 2m, 3m beyond l (and up to n/2) are added with
// weights 1 - k/4
// (a deviation from R's ndiffs): the short lag window misses seasonal
// autocorrelation, which inflates eta and makes stationary seasonal
// processes look integrated. Should the seasonal terms make s^2
// non-positive, they are dropped. A series without variation gives 0.
func arimaKPSS(x []float64, lags, m int) float64 {
	n := len(x)
	if n < 2 {
		return 0
	}
	mean := seasMean(x)
	e := make([]float64, n)
	for i, v := range x {
		e[i] = v - mean
	}
	var s, num, s2 float64
	for _, v := range e {
		s += v
		num += s * s
		s2 += v * v
	}
	cov := func(l int) float64 {
		var c float64
		for t := l; t < n; t++ {
			c += e[t] * e[t-l]
		}
		return c
	}
	lags = min(max(lags, 0), n-1)
	for l := 1; l <= lags; l++ {
		s2 += 2 * (1 - float64(l)/float64(lags+1)) * cov(l)
	}
	s2 /= float64(n)
	if m > 1 {
		seas := s2
		for k := 1; k <= 3; k++ {
			// Only lags with at least half the series behind them.
			if l := k * m; l > lags && 2*l <= n {
				seas += 2 * (1 - float64(k)/4) * cov(l) / float64(n)
			}
		}
		if seas > 0 {
			s2 = seas
		}
	}
	if !(s2 > 1e-300) {
		return 0
	}
	return num / (float64(n) * float64(n) * s2)
}

// arimaSeasStrength is max(0, 1 - Var(R)/Var(S+R)) from a classical
// additive decomposition (Wang, Smith & Hyndman 2006).
func arimaSeasStrength(y []float64, m int) float64 {
	if m < 2 || len(y) < 2*m {
		return 0
	}
	seas, trend, lo, hi := seasDecompose(y, m, false)
	nn := hi - lo
	if nn < 2 {
		return 0
	}
	var mr, msr float64
	for t := lo; t < hi; t++ {
		sr := y[t] - trend[t]
		mr += sr - seas[t%m]
		msr += sr
	}
	mr /= float64(nn)
	msr /= float64(nn)
	var vr, vsr float64
	for t := lo; t < hi; t++ {
		sr := y[t] - trend[t]
		rr := sr - seas[t%m]
		vr += (rr - mr) * (rr - mr)
		vsr += (sr - msr) * (sr - msr)
	}
	if !(vsr > 1e-300) {
		return 0
	}
	return math.Max(0, 1-vr/vsr)
}

// arimaBFGS minimises a smooth f from x0 by BFGS (Nocedal & Wright 2006,
// algorithm 6.1) with forward-difference gradients and a backtracking
// Armijo line search, much as R's optim(method = "BFGS") does for arima. It
// stops when an iteration lowers f by less than a relative 1e-8, when
// the gradient is negligible, or after maxIter iterations. f returns +Inf
// outside its domain. The result is never worse than x0.
func arimaBFGS(f func([]float64) float64, x0 []float64, maxIter int) ([]float64, float64) {
	const (
		h      = 1e-5
		reltol = 1e-8
	)
	n := len(x0)
	x := slices.Clone(x0)
	fx := f(x)
	if math.IsNaN(fx) || math.IsInf(fx, 0) || n == 0 {
		if math.IsNaN(fx) {
			fx = math.Inf(1)
		}
		return x, fx
	}
	// Forward differences from the known f(x): half the evaluations of
	// central ones, and accurate enough for a stop on relative change in f.
	grad := func(x, g []float64, fx float64) bool {
		for i := range x {
			xi := x[i]
			x[i] = xi + h
			fp := f(x)
			x[i] = xi
			if math.IsInf(fp, 0) {
				// At the edge of the domain: step back instead.
				x[i] = xi - h
				fp = 2*fx - f(x)
				x[i] = xi
			}
			g[i] = (fp - fx) / h
			if math.IsNaN(g[i]) || math.IsInf(g[i], 0) {
				return false
			}
		}
		return true
	}
	g := make([]float64, n)
	if !grad(x, g, fx) {
		return x, fx
	}
	H := make([]float64, n*n) // inverse Hessian approximation
	resetH := func() {
		clear(H)
		for i := 0; i < n; i++ {
			H[i*n+i] = 1
		}
	}
	resetH()
	d := make([]float64, n)
	xn := make([]float64, n)
	gn := make([]float64, n)
	s := make([]float64, n)
	yv := make([]float64, n)
	hy := make([]float64, n)
	first := true
	for it := 0; it < maxIter; it++ {
		var slope float64
		for i := 0; i < n; i++ {
			var v float64
			for j := 0; j < n; j++ {
				v -= H[i*n+j] * g[j]
			}
			d[i] = v
			slope += v * g[i]
		}
		if !(slope < 0) {
			resetH()
			slope = 0
			for i := range d {
				d[i] = -g[i]
				slope -= g[i] * g[i]
			}
			if !(slope < 0) {
				break
			}
		}
		// Keep the first trial step within 1 unit per coordinate.
		var dmax float64
		for _, v := range d {
			dmax = math.Max(dmax, math.Abs(v))
		}
		t := 1.0
		if dmax > 1 {
			t = 1 / dmax
		}
		var fn float64
		accepted := false
		for ls := 0; ls < 30; ls++ {
			for i := range xn {
				xn[i] = x[i] + t*d[i]
			}
			fn = f(xn)
			if fn <= fx+1e-4*t*slope {
				accepted = true
				break
			}
			t *= 0.5
		}
		if !accepted {
			break
		}
		if !grad(xn, gn, fn) {
			copy(x, xn)
			fx = fn
			break
		}
		var sy, yy float64
		for i := 0; i < n; i++ {
			s[i] = xn[i] - x[i]
			yv[i] = gn[i] - g[i]
			sy += s[i] * yv[i]
			yy += yv[i] * yv[i]
		}
		done := fx-fn <= reltol*(math.Abs(fx)+reltol)
		copy(x, xn)
		copy(g, gn)
		fx = fn
		if done {
			break
		}
		if sy > 1e-12 {
			if first {
				// Scale the initial approximation (Nocedal & Wright 6.20).
				for i := 0; i < n; i++ {
					H[i*n+i] = sy / yy
				}
				first = false
			}
			rho := 1 / sy
			var yhy float64
			for i := 0; i < n; i++ {
				var v float64
				for j := 0; j < n; j++ {
					v += H[i*n+j] * yv[j]
				}
				hy[i] = v
				yhy += yv[i] * v
			}
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					H[i*n+j] += -rho*(hy[i]*s[j]+s[i]*hy[j]) + (rho*rho*yhy+rho)*s[i]*s[j]
				}
			}
		}
	}
	return x, fx
}
