package panel

import (
	"cmp"
	"maps"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"lmi/forecast/ts"
)

// Sources of a step's interval (StepCalibration.Source).
const (
	// SourcePooled: the step's own pooled errors, widened for the pool's
	// effective size.
	SourcePooled = "pooled"
	// SourceExtrapolated: no errors at the step are known yet; the
	// latest pooled step's quantiles grown by (h/h0)^γ.
	SourceExtrapolated = "extrapolated"
	// SourceNone: no errors are known at any step; no interval.
	SourceNone = "none"
)

// unitPrior is k0 in Units: the weight, in changes, of the scale
// predicted from the series' size.
const unitPrior = 2.0

// Units is the scale in which each series' errors are pooled and its
// intervals drawn, from the panel's data alone (give it p.Head(o)):
//
//	u_i = exp(w_i·log(s_i) + (1 - w_i)·log(ŝ_i)),  w_i = k/(k + k0)
//
// where s_i is the series' MASE scale (ts.Scale: its mean absolute
// change), k its number of changes, k0 = 2, and ŝ_i = exp(a + b·log(1 +
// ȳ_i)) the scale predicted from its mean level ȳ_i by least squares of
// log s on log(1 + ȳ) over the panel's series with s > 0. A series'
// own scale from one or two changes is too noisy a unit (its errors
// would be heavy-tailed and intervals pooled over origins too wide at
// long training lengths); a series with s = 0 takes ŝ_i alone.
func Units(p *Panel) []float64 {
	n := len(p.Values)
	ls := make([]float64, n)
	lm := make([]float64, n)
	var sx, sy, sxx, sxy, cnt float64
	for i, v := range p.Values {
		s := ts.Scale(ts.Series{Values: v, Period: p.Period})
		var m float64
		for _, y := range v {
			m += math.Abs(y)
		}
		lm[i] = math.Log1p(m / float64(max(len(v), 1)))
		ls[i] = math.NaN()
		if s > 0 {
			ls[i] = math.Log(s)
			sx += lm[i]
			sy += ls[i]
			sxx += lm[i] * lm[i]
			sxy += lm[i] * ls[i]
			cnt++
		}
	}
	var a, b float64
	if cnt > 0 {
		a = sy / cnt
		if d := sxx - sx*sx/cnt; cnt > 1 && d > 0 {
			b = (sxy - sx*sy/cnt) / d
			a = (sy - b*sx) / cnt
		}
	}
	k := float64(max(p.Len()-max(p.Period, 1), 0))
	w := k / (k + unitPrior)
	u := make([]float64, n)
	for i := range u {
		pred := a + b*lm[i]
		if math.IsNaN(ls[i]) {
			u[i] = math.Exp(pred)
		} else {
			u[i] = math.Exp(w*ls[i] + (1-w)*pred)
		}
		if !(u[i] > 0) || math.IsInf(u[i], 0) {
			u[i] = 1
		}
	}
	return u
}

// StepCalibration is the interval of one step ahead, in units (Units):
// the interval of a forecast f is [f + u·Lo[l], f + u·Hi[l]] at
// level Levels[l].
type StepCalibration struct {
	Source string
	// N errors from Origins distinct origins; NEff is their effective
	// number given the correlation of errors made at the same origin.
	N, Origins int
	NEff       float64
	// SpreadSD is the standard deviation of the log spread of the next
	// origin's errors about the pool's (see Calibrate).
	SpreadSD float64
	// Gamma is the growth exponent used by SourceExtrapolated.
	Gamma  float64
	Lo, Hi []float64
}

// Calibration holds the intervals of forecasts made at one origin.
type Calibration struct {
	Levels []float64
	Steps  []StepCalibration
}

// Interval is the interval at level index l of a forecast f, step h,
// with unit u (Units); ok is false when the step has none.
func (c *Calibration) Interval(f, u float64, h, l int) (lo, hi float64, ok bool) {
	if c == nil || h < 1 || h > len(c.Steps) || c.Steps[h-1].Source == SourceNone {
		return 0, 0, false
	}
	s := c.Steps[h-1]
	return f + u*s.Lo[l], f + u*s.Hi[l], true
}

// Error is one known backtest error in units: (actual - forecast) /
// unit (Units), from a forecast made at Origin, Step ahead.
type Error struct {
	Origin, Step int
	E            float64
}

// DefaultMinEffective is the fewest effective errors for a step's own
// pool to count as pooled; below it the step is extrapolated from an
// earlier one when there is one.
const DefaultMinEffective = 2.0

// Calibrate turns errors known at an origin into interval quantiles for
// steps 1..horizon at the given levels. For each step the errors at that
// step are pooled across origins and series, and the interval at level
// L is their empirical (1-L)/2 and (1+L)/2 quantiles, widened about the
// median by the ratio of Student's t quantile with ν = NEff - 1 degrees
// of freedom to the normal one, t_ν(p)/z(p): errors made at one origin
// share that year's shocks (a register break, a recession), so the pool
// is worth NEff = N / (1 + (m̄ - 1)·ρ) independent errors, with m̄ the mean
// number of errors per origin and ρ their intra-origin correlation (the
// one-way ANOVA estimator over the origins of all steps, clamped to
// [0, 1]; 1 when fewer than two origins are known, so a single origin is
// worth one error). A step with no errors, or fewer than
// DefaultMinEffective effective ones, takes the latest pooled step h0's
// quantiles times (h/h0)^γ, γ the growth exponent of the quantile spread
// between the two latest pooled steps, clamped to [0.5, 1], and 0.5 (a
// random walk) when only one step is pooled.
func Calibrate(errs []Error, horizon int, levels []float64) *Calibration {
	c := &Calibration{Levels: levels, Steps: make([]StepCalibration, horizon)}
	rho := intraOriginCorrelation(errs)
	sigma := spreadSD(errs)
	byStep := make([][]Error, horizon)
	for _, e := range errs {
		if e.Step >= 1 && e.Step <= horizon && finite(e.E) {
			byStep[e.Step-1] = append(byStep[e.Step-1], e)
		}
	}
	var pooled []int // steps (1-based) with their own pool
	for h := 1; h <= horizon; h++ {
		s := stepQuantiles(byStep[h-1], rho, sigma, levels)
		c.Steps[h-1] = s
		if s.Source == SourcePooled {
			pooled = append(pooled, h)
		}
	}
	for h := 1; h <= horizon; h++ {
		s := &c.Steps[h-1]
		if s.Source == SourcePooled {
			continue
		}
		i := len(pooled) - 1
		for i >= 0 && pooled[i] > h {
			i--
		}
		if i < 0 {
			s.Source = SourceNone
			continue
		}
		h0 := pooled[i]
		gamma := 0.5
		if i > 0 {
			h1 := pooled[i-1]
			w0, w1 := spread(c.Steps[h0-1]), spread(c.Steps[h1-1])
			if w0 > 0 && w1 > 0 {
				gamma = min(max(math.Log(w0/w1)/math.Log(float64(h0)/float64(h1)), 0.5), 1)
			}
		}
		f := math.Pow(float64(h)/float64(h0), gamma)
		base := c.Steps[h0-1]
		*s = StepCalibration{Source: SourceExtrapolated, N: s.N, Origins: s.Origins, NEff: s.NEff, Gamma: gamma,
			Lo: scaled(base.Lo, f), Hi: scaled(base.Hi, f)}
	}
	return c
}

func scaled(x []float64, f float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = v * f
	}
	return out
}

// spread is the width of a step's widest interval.
func spread(s StepCalibration) float64 {
	if len(s.Lo) == 0 {
		return 0
	}
	return s.Hi[len(s.Hi)-1] - s.Lo[len(s.Lo)-1]
}

// stepQuantiles pools one step's errors.
func stepQuantiles(errs []Error, rho, sigma float64, levels []float64) StepCalibration {
	s := StepCalibration{Source: SourceNone, N: len(errs)}
	if len(errs) == 0 {
		return s
	}
	origins := map[int]bool{}
	for _, e := range errs {
		origins[e.Origin] = true
	}
	s.Origins = len(origins)
	mbar := float64(len(errs)) / float64(s.Origins)
	// Errors h steps ahead from consecutive origins share h-1 of their h
	// periods' shocks: k origins are worth 1 + (k-1)/h.
	h := float64(errs[0].Step)
	s.NEff = mbar / (1 + (mbar-1)*rho) * (1 + float64(s.Origins-1)/h)
	if s.NEff < DefaultMinEffective {
		return s
	}
	s.Source = SourcePooled
	s.SpreadSD = sigma * math.Sqrt(1+1/float64(s.Origins))
	x := mixSpread(errs, s.SpreadSD)
	med := weightedQuantile(x, 0.5)
	nu := max(s.NEff-1, 1)
	for _, l := range levels {
		pl, ph := (1-l)/2, (1+l)/2
		w := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}.Quantile(ph) / distuv.UnitNormal.Quantile(ph)
		s.Lo = append(s.Lo, med+w*(weightedQuantile(x, pl)-med))
		s.Hi = append(s.Hi, med+w*(weightedQuantile(x, ph)-med))
	}
	return s
}

// Gauss-Hermite nodes and weights for a standard normal (5 points).
var (
	ghNodes   = [...]float64{-2.856970013872806, -1.355626179974266, 0, 1.355626179974266, 2.856970013872806}
	ghWeights = [...]float64{0.011257411327721, 0.222075922005613, 0.533333333333333, 0.222075922005613, 0.011257411327721}
)

type wval struct{ v, w float64 }

// mixSpread is the errors times exp(sd·z), z over the Gauss-Hermite
// nodes, weighted and sorted: the pool's errors under a random spread of
// the next origin's errors.
func mixSpread(errs []Error, sd float64) []wval {
	out := make([]wval, 0, len(errs)*len(ghNodes))
	for j, z := range ghNodes {
		f := math.Exp(sd * z)
		w := ghWeights[j] / float64(len(errs))
		if sd == 0 {
			f, w = 1, 1/float64(len(errs))
		}
		for _, e := range errs {
			out = append(out, wval{e.E * f, w})
		}
		if sd == 0 {
			break
		}
	}
	slices.SortFunc(out, func(a, b wval) int { return cmp.Compare(a.v, b.v) })
	return out
}

// weightedQuantile is the p-quantile of sorted weighted values: the
// smallest value whose cumulative weight reaches p, interpolated
// between neighbours at the mid-points of their weights.
func weightedQuantile(x []wval, p float64) float64 {
	if len(x) == 1 {
		return x[0].v
	}
	var total float64
	for _, v := range x {
		total += v.w
	}
	target := p * total
	var cum float64
	prevMid, prevV := 0.0, x[0].v
	for i, v := range x {
		mid := cum + v.w/2
		if mid >= target {
			if i == 0 || mid == prevMid {
				return v.v
			}
			return prevV + (target-prevMid)/(mid-prevMid)*(v.v-prevV)
		}
		cum += v.w
		prevMid, prevV = mid, v.v
	}
	return x[len(x)-1].v
}

// DefaultSpreadSD is the standard deviation of the log of an origin's
// error spread about the pool's, assumed while fewer than two origins
// are known: the errors of one year run 1.35 times wider (or narrower)
// than the pool's as a one-sigma event.
const DefaultSpreadSD = 0.3

// spreadSD is the standard deviation across the known (origin, step)
// clusters of log(mean |e| of the cluster / mean |e| of its step), less
// its sampling part (about 1/(2n) for a cluster of n errors), and
// DefaultSpreadSD with fewer than two clusters at any step.
func spreadSD(errs []Error) float64 {
	type key struct{ o, h int }
	sum, cnt := map[key]float64{}, map[key]int{}
	stepSum, stepCnt := map[int]float64{}, map[int]int{}
	for _, e := range errs {
		if !finite(e.E) {
			continue
		}
		k := key{e.Origin, e.Step}
		sum[k] += math.Abs(e.E)
		cnt[k]++
		stepSum[e.Step] += math.Abs(e.E)
		stepCnt[e.Step]++
	}
	clusters := map[int]int{}
	for k := range sum {
		clusters[k.h]++
	}
	var ss, noise float64
	var n int
	keys := slices.SortedFunc(maps.Keys(sum), func(a, b key) int { return cmp.Or(cmp.Compare(a.o, b.o), cmp.Compare(a.h, b.h)) })
	for _, k := range keys {
		s := sum[k]
		if clusters[k.h] < 2 || s == 0 || stepSum[k.h] == 0 {
			continue
		}
		r := math.Log(s/float64(cnt[k])) - math.Log(stepSum[k.h]/float64(stepCnt[k.h]))
		ss += r * r
		noise += 1 / (2 * float64(cnt[k]))
		n++
	}
	if n < 2 {
		return DefaultSpreadSD
	}
	return math.Sqrt(max(ss-noise, 0) / float64(n))
}

// intraOriginCorrelation is the one-way ANOVA estimate of the
// correlation of errors within a cluster (an origin and step), clamped
// to [0, 1]; 1 when there are fewer than two clusters.
func intraOriginCorrelation(errs []Error) float64 {
	type key struct{ o, h int }
	type agg struct {
		n       int
		sum, ss float64
	}
	cl := map[key]*agg{}
	var n int
	var sum float64
	for _, e := range errs {
		if !finite(e.E) {
			continue
		}
		a := cl[key{e.Origin, e.Step}]
		if a == nil {
			a = &agg{}
			cl[key{e.Origin, e.Step}] = a
		}
		a.n++
		a.sum += e.E
		a.ss += e.E * e.E
		n++
		sum += e.E
	}
	k := len(cl)
	if k < 2 || n <= k {
		return 1
	}
	mean := sum / float64(n)
	var ssb, ssw, sumSq float64
	// In a fixed order, so the sums do not depend on map order.
	keys := slices.SortedFunc(maps.Keys(cl), func(a, b key) int { return cmp.Or(cmp.Compare(a.o, b.o), cmp.Compare(a.h, b.h)) })
	for _, kk := range keys {
		a := cl[kk]
		m := a.sum / float64(a.n)
		ssb += float64(a.n) * (m - mean) * (m - mean)
		ssw += a.ss - float64(a.n)*m*m
		sumSq += float64(a.n) * float64(a.n)
	}
	msb := ssb / float64(k-1)
	msw := max(ssw, 0) / float64(n-k)
	m0 := (float64(n) - sumSq/float64(n)) / float64(k-1)
	d := msb + (m0-1)*msw
	if d <= 0 {
		return 0
	}
	return min(max((msb-msw)/d, 0), 1)
}

// quantileSorted is the type 7 quantile of sorted x.
func quantileSorted(x []float64, p float64) float64 {
	n := len(x)
	if n == 1 {
		return x[0]
	}
	pos := min(max(p, 0), 1) * float64(n-1)
	i := int(pos)
	if i >= n-1 {
		return x[n-1]
	}
	return x[i] + (pos-float64(i))*(x[i+1]-x[i])
}
