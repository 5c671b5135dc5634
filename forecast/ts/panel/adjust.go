package panel

import (
	"math"
	"slices"
)

// Adjusted is a panel's history on the log scale with its declared
// breaks taken out: X[i][t] = log(1 + y_it) plus the estimated shifts of
// the breaks after t, so the whole history is on the measurement of the
// last observation. Shift[i][j] is series i's estimated shift at
// Panel.Breaks[j] (log scale; 0.1 is about +10%).
type Adjusted struct {
	X     [][]float64
	Shift [][]float64
	// Normal marks the changes t (from t-1 to t) that are not at a break.
	Normal []bool
}

// logLevel is the log scale of the models: log(1 + y), y < 0 read as 0.
func logLevel(y float64) float64 { return math.Log1p(max(y, 0)) }

// unlog is the inverse of logLevel.
func unlog(x float64) float64 { return math.Expm1(x) }

// Adjust estimates each declared break's level shift and removes it from
// the history before the break. For a break at b (the change from b-1 to
// b, on the log scale d_ib = x_ib - x_i,b-1):
//
//	r_i = d_ib - ḡ_i                     (the series' raw shift)
//	ŝ_i = R_g + B_i·(r_i - R_g)          (shrunk)
//	B_i = τ² / (τ² + v_i·(1 + 1/m_i))
//
// where ḡ_i and v_i are the mean and variance of the series' m_i changes
// at no break, R_g the raw shift of its group's total (group(Key), for
// example the occupation's national total, so the shift SCB's change of
// method made to the occupation), and τ² the variance of the series'
// true shifts about their groups', estimated by the method of moments
// over the panel: max(0, mean((r_i - R_g)²) - mean(v_i·(1 + 1/m_i))).
// A series with fewer than two normal changes takes the panel's median
// v_i. The history before b is then moved by ŝ_i: x_it += ŝ_i for t < b.
// Only p's own observations are read, so on p.Head(o) it uses nothing
// after the origin. With no breaks X is the log history.
func Adjust(p *Panel, group func(Key) string) *Adjusted {
	n := p.Len()
	a := &Adjusted{X: make([][]float64, len(p.Values)), Shift: make([][]float64, len(p.Values)), Normal: make([]bool, n)}
	for t := 1; t < n; t++ {
		a.Normal[t] = !slices.Contains(p.Breaks, t)
	}
	for i, v := range p.Values {
		a.X[i] = make([]float64, n)
		for t, y := range v {
			a.X[i][t] = logLevel(y)
		}
		a.Shift[i] = make([]float64, len(p.Breaks))
	}
	if len(p.Breaks) == 0 || len(p.Values) == 0 {
		return a
	}
	totals := p.Sum(group)
	gx := map[string][]float64{}
	for g, s := range totals {
		x := make([]float64, n)
		for t, y := range s {
			x[t] = logLevel(y)
		}
		gx[g] = x
	}
	for j, b := range p.Breaks {
		r := make([]float64, len(p.Values))
		R := make([]float64, len(p.Values))
		v := make([]float64, len(p.Values))
		for i, x := range a.X {
			gbar, vi, m := normalMoments(x, a.Normal)
			r[i] = x[b] - x[b-1] - gbar
			v[i] = math.NaN()
			if m >= 2 {
				v[i] = vi * (1 + 1/float64(m))
			}
			gtot := gx[group(p.Keys[i])]
			gg, _, _ := normalMoments(gtot, a.Normal)
			R[i] = gtot[b] - gtot[b-1] - gg
		}
		fillNaN(v)
		tau2 := momentVariance(r, R, v)
		for i := range a.X {
			s := R[i]
			if d := tau2 + v[i]; d > 0 {
				s += tau2 / d * (r[i] - R[i])
			}
			a.Shift[i][j] = s
			for t := range b {
				a.X[i][t] += s
			}
		}
	}
	return a
}

// normalMoments is the mean and sample variance of the changes of x at
// the normal times, and their number.
func normalMoments(x []float64, normal []bool) (mean, variance float64, m int) {
	var s, ss float64
	for t := 1; t < len(x); t++ {
		if normal[t] {
			d := x[t] - x[t-1]
			m++
			s += d
			ss += d * d
		}
	}
	if m == 0 {
		return 0, math.NaN(), 0
	}
	mean = s / float64(m)
	if m >= 2 {
		variance = max(ss-float64(m)*mean*mean, 0) / float64(m-1)
	}
	return mean, variance, m
}

// fillNaN replaces NaNs by the median of the other values (0 if none).
func fillNaN(v []float64) {
	var ok []float64
	for _, x := range v {
		if !math.IsNaN(x) {
			ok = append(ok, x)
		}
	}
	med := 0.0
	if len(ok) > 0 {
		slices.Sort(ok)
		med = ok[len(ok)/2]
	}
	for i, x := range v {
		if math.IsNaN(x) {
			v[i] = med
		}
	}
}

// momentVariance is the method-of-moments variance of true effects
// about their prior means: max(0, mean((est - prior)²) - mean(noise)).
func momentVariance(est, prior, noise []float64) float64 {
	if len(est) == 0 {
		return 0
	}
	var a, b float64
	for i := range est {
		d := est[i] - prior[i]
		a += d * d
		b += noise[i]
	}
	return max(0, (a-b)/float64(len(est)))
}
