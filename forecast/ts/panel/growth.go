package panel

import (
	"fmt"
	"math"

	"lmi/forecast/ts"
)

// Growth projects each series on the log scale x = log(1 + y), with its
// declared breaks taken out (Adjust), as a level plus a growth rate
// learnt across the panel:
//
//	x̂_{T+h} = L_i + ĝ_i·(φ + φ² + ... + φ^h)
//	ĝ_i = μ_i + B_i·(b_i - μ_i),   B_i = τ² / (τ² + σ_i²/S_xx)
//
// b_i is the least squares slope of the series' adjusted history on t,
// σ_i² its residual variance (the panel's median when the series has
// fewer than three points) and S_xx = Σ(t - t̄)², so σ_i²/S_xx is the
// slope's sampling variance. The prior μ_i is the slope of the
// occupation's total over the panel (its SSYK group at Digits digits)
// plus, with Region, the region's slope minus the panel's: the
// occupation's national trend and the region's pull. τ² is the variance
// of the true slopes about their priors, by the method of moments over
// the panel (momentVariance). A series with a noisy history is pulled to
// its occupation's and region's growth; a clear trend keeps its own.
//
// The level L_i is the last adjusted value, or with Smooth the level of
// simple exponential smoothing with drift ĝ_i,
// l_t = l_{t-1} + ĝ_i + α·(x_t - l_{t-1} - ĝ_i), l_0 = x_0, where one α
// in {0.1, 0.2, ..., 1} for the whole panel minimises the in-sample
// one-step absolute errors, each series' divided by its mean absolute
// change: small cells are noisy, and their last value overstates their
// level's move as often as it understates it.
//
// The forecast is exp(x̂) - 1, at least 0. SD is nil: intervals come from
// the pooled backtest errors (Calibrator).
type Growth struct {
	// Label is the model's name; empty means "growth".
	Label string
	// Digits is the SSYK level of the occupation group whose total gives
	// the prior: 4 the occupation itself, 3 its SSYK 3 group. Zero means
	// 4 when the panel has more than one region and 3 otherwise (one
	// series per occupation has no other regions to learn from).
	Digits int
	// Region adds the region's relative growth to the prior.
	Region bool
	// Phi damps the growth, 0 < Phi <= 1; zero means 1 (no damping).
	Phi float64
	// Smooth takes the level from exponential smoothing (see above)
	// instead of the last value.
	Smooth bool
	// Revert adds the pooled mean reversion of the last change relative
	// to the occupation's (see reversion).
	Revert bool
}

// Name implements Model.
func (m Growth) Name() string {
	if m.Label == "" {
		return "growth"
	}
	return m.Label
}

// ForecastPanel implements Model. Series need two observations.
func (m Growth) ForecastPanel(p *Panel, h int) ([]ts.Forecast, error) {
	if h < 1 {
		return nil, fmt.Errorf("%s: horizon %d: %w", m.Name(), h, ts.ErrHorizon)
	}
	if m.Phi < 0 || m.Phi > 1 {
		return nil, fmt.Errorf("%s: phi %v: %w", m.Name(), m.Phi, ts.ErrConfig)
	}
	out := make([]ts.Forecast, len(p.Values))
	if p.Len() < 2 {
		return out, nil
	}
	occ := occupationGroup(p, m.Digits)
	adj := Adjust(p, occ)
	g := m.slopes(p, adj, occ)
	level := lastLevels(adj.X)
	if m.Smooth {
		level = smoothLevels(adj.X, g)
	}
	phi := m.Phi
	if phi == 0 {
		phi = 1
	}
	var rho, last []float64
	if m.Revert {
		rho, last = reversion(p, adj, occ)
	}
	for i := range p.Values {
		f := ts.Forecast{Mean: make([]float64, h)}
		var cum, pow float64 = 0, 1
		var rcum, rpow float64 = 0, 1
		for k := range h {
			pow *= phi
			cum += pow
			x := level[i] + g[i]*cum
			if m.Revert {
				rpow *= rho[i]
				rcum += rpow
				x += rcum * last[i]
			}
			f.Mean[k] = max(unlog(x), 0)
		}
		out[i] = f
	}
	return out, nil
}

// occupationGroup is the grouping of series by occupation at the given
// SSYK digits (0: 4 with several regions, else 3).
func occupationGroup(p *Panel, digits int) func(Key) string {
	if digits == 0 {
		digits = 3
		for _, k := range p.Keys {
			if k.Region != p.Keys[0].Region {
				digits = 4
				break
			}
		}
	}
	return func(k Key) string { return k.Parent(digits) }
}

// slopes is the shrunk slope ĝ_i of every series.
func (m Growth) slopes(p *Panel, adj *Adjusted, occ func(Key) string) []float64 {
	n := p.Len()
	b := make([]float64, len(adj.X))
	v := make([]float64, len(adj.X))
	for i, x := range adj.X {
		b[i], v[i] = slope(x)
	}
	fillNaN(v)
	prior := m.priors(p, occ)
	tau2 := momentVariance(b, prior, v)
	sxx := float64(n) * (float64(n)*float64(n) - 1) / 12
	g := make([]float64, len(b))
	for i := range b {
		vi := v[i] / sxx
		g[i] = prior[i]
		if d := tau2 + vi; d > 0 {
			g[i] += tau2 / d * (b[i] - prior[i])
		}
	}
	return g
}

// priors is μ_i: the slope of the series' occupation total, plus with
// Region the slope of its region's total minus the panel's.
func (m Growth) priors(p *Panel, occ func(Key) string) []float64 {
	slopeOf := func(totals map[string][]float64) map[string]float64 {
		out := make(map[string]float64, len(totals))
		for k, y := range totals {
			out[k], _ = slope(selfAdjusted(y, p.Breaks))
		}
		return out
	}
	os := slopeOf(p.Sum(occ))
	var rs map[string]float64
	var all float64
	if m.Region {
		rs = slopeOf(p.Sum(func(k Key) string { return k.Region }))
		all = slopeOf(p.Sum(func(Key) string { return "" }))[""]
	}
	prior := make([]float64, len(p.Keys))
	for i, k := range p.Keys {
		prior[i] = os[occ(k)]
		if m.Region {
			prior[i] += rs[k.Region] - all
		}
	}
	return prior
}

// selfAdjusted is log(1 + y) with each break's raw shift (its change
// less the mean normal change) taken out of the history before it: the
// adjustment of a total, large enough to need no shrinkage.
func selfAdjusted(y []float64, breaks []int) []float64 {
	x := make([]float64, len(y))
	for t, v := range y {
		x[t] = logLevel(v)
	}
	normal := make([]bool, len(y))
	for t := 1; t < len(y); t++ {
		normal[t] = true
	}
	for _, b := range breaks {
		normal[b] = false
	}
	gbar, _, _ := normalMoments(x, normal)
	for _, b := range breaks {
		s := x[b] - x[b-1] - gbar
		for t := range b {
			x[t] += s
		}
	}
	return x
}

// slope is the least squares slope of x on t and the residual variance
// (NaN with fewer than three points).
func slope(x []float64) (b, resVar float64) {
	n := len(x)
	if n < 2 {
		return 0, math.NaN()
	}
	tbar := float64(n-1) / 2
	var xbar float64
	for _, v := range x {
		xbar += v
	}
	xbar /= float64(n)
	var sxy, sxx float64
	for t, v := range x {
		dt := float64(t) - tbar
		sxy += dt * (v - xbar)
		sxx += dt * dt
	}
	b = sxy / sxx
	if n < 3 {
		return b, math.NaN()
	}
	var rss float64
	for t, v := range x {
		r := v - xbar - b*(float64(t)-tbar)
		rss += r * r
	}
	return b, rss / float64(n-2)
}

func lastLevels(x [][]float64) []float64 {
	l := make([]float64, len(x))
	for i, v := range x {
		l[i] = v[len(v)-1]
	}
	return l
}

// smoothLevels runs exponential smoothing with drift g[i] with the α of
// the grid 0.1..1 that minimises the panel's scaled in-sample one-step
// absolute errors, and returns each series' last level.
func smoothLevels(x [][]float64, g []float64) []float64 {
	w := make([]float64, len(x))
	for i, v := range x {
		var s float64
		for t := 1; t < len(v); t++ {
			s += math.Abs(v[t] - v[t-1])
		}
		if s > 0 {
			w[i] = float64(len(v)-1) / s
		}
	}
	run := func(alpha float64, i int) (level, loss float64) {
		l := x[i][0]
		for t := 1; t < len(x[i]); t++ {
			e := x[i][t] - l - g[i]
			loss += math.Abs(e)
			l += g[i] + alpha*e
		}
		return l, loss * w[i]
	}
	best, bestLoss := 1.0, math.Inf(1)
	for k := 1; k <= 10; k++ {
		alpha := float64(k) / 10
		var loss float64
		for i := range x {
			_, li := run(alpha, i)
			loss += li
		}
		if loss < bestLoss-1e-12 {
			best, bestLoss = alpha, loss
		}
	}
	out := make([]float64, len(x))
	for i := range x {
		out[i], _ = run(best, i)
	}
	return out
}

// reversion estimates, per size band of the training data (mean below
// 50, 50-199, 200 and more), the pooled first-order autocorrelation ρ of
// the series' changes relative to their occupation's total,
// r_it = Δx_it - Δx_occ,t, over the normal changes, and returns each
// series' ρ and its last relative change r_iT (0 when the last change is
// at a break).
func reversion(p *Panel, adj *Adjusted, occ func(Key) string) (rho, last []float64) {
	n := p.Len()
	totals := p.Sum(occ)
	ox := map[string][]float64{}
	for k, y := range totals {
		ox[k] = selfAdjusted(y, p.Breaks)
	}
	band := func(i int) int {
		switch m := p.Mean(i); {
		case m >= 200:
			return 2
		case m >= 50:
			return 1
		}
		return 0
	}
	var sxy, sxx [3]float64
	last = make([]float64, len(p.Values))
	rel := make([]float64, n)
	for i, x := range adj.X {
		o := ox[occ(p.Keys[i])]
		for t := 1; t < n; t++ {
			rel[t] = (x[t] - x[t-1]) - (o[t] - o[t-1])
		}
		b := band(i)
		for t := 2; t < n; t++ {
			if adj.Normal[t] && adj.Normal[t-1] {
				sxy[b] += rel[t] * rel[t-1]
				sxx[b] += rel[t-1] * rel[t-1]
			}
		}
		if n >= 2 && adj.Normal[n-1] {
			last[i] = rel[n-1]
		}
	}
	rho = make([]float64, len(p.Values))
	for i := range rho {
		if b := band(i); sxx[b] > 0 {
			rho[i] = min(max(sxy[b]/sxx[b], -0.9), 0.9)
		}
	}
	return rho, last
}
