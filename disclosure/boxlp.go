package disclosure

import "math"

// boxLP is a small program in deviation form: A y = r with l <= y <= u,
// where y is each count's distance from its reference point. When the
// reference is the true counts, r = 0 and y = 0 is feasible with l <= 0
// <= u; otherwise (unknown counts) the solver first finds a feasible
// point. Neighbourhood programs take this form; gonum's
// Simplex would need a slack row for every bound and refactors its basis
// at every step, which on thousands of small programs costs several times
// what this solver does.
type boxLP struct {
	rows []lpRow
	l, u []float64
	// colBuf and coefBuf hold the rows' entries, so that a program reused
	// for the next window allocates nothing.
	colBuf  []int32
	coefBuf []float64
}

// reset empties the program, keeping its memory.
func (b *boxLP) reset() {
	b.rows, b.l, b.u = b.rows[:0], b.l[:0], b.u[:0]
	b.colBuf, b.coefBuf = b.colBuf[:0], b.coefBuf[:0]
}

func (b *boxLP) addCol(l, u float64) int32 {
	b.l = append(b.l, l)
	b.u = append(b.u, u)
	return int32(len(b.l) - 1)
}

// boxSolver is a dense-tableau primal simplex for boxLP with bounded
// variables, reusing its buffers across programs. Each row gets an
// artificial column fixed at [0, 0]: the artificials form the start basis
// at y = 0 and leave it in degenerate pivots, so no phase 1 is needed and
// dependent rows need no care (their artificial stays basic at 0). Bland's
// rule (first improving column, first blocking row) rules out cycling.
type boxSolver struct {
	m, w   int       // rows; columns including the artificials
	t      []float64 // m x w tableau, row-major: B^-1 [A | I]
	d      []float64 // reduced costs
	y      []float64 // values of all columns
	lo, up []float64
	basis  []int // column basic in each row
	row    []int // row of each basic column, -1 if nonbasic
	c, g   []float64
}

// load sets up the tableau for b with the artificials basic: each
// structural column at the bound nearest 0 (at 0 when r = 0), each
// artificial at what its row's right-hand side leaves, bounded between
// that and 0. It reports whether an artificial is away from 0, so that
// a phase 1 must bring them there.
func (s *boxSolver) load(b *boxLP) bool {
	n := len(b.l)
	s.m, s.w = len(b.rows), n+len(b.rows)
	s.t = resize(s.t, s.m*s.w)
	clear(s.t)
	s.d = resize(s.d, s.w)
	s.y = resize(s.y, s.w)
	clear(s.y)
	for j := range n {
		s.y[j] = min(max(0, b.l[j]), b.u[j])
	}
	s.lo = append(append(s.lo[:0], b.l...), make([]float64, s.m)...)
	s.up = append(append(s.up[:0], b.u...), make([]float64, s.m)...)
	s.basis = s.basis[:0]
	s.row = s.row[:0]
	for range n {
		s.row = append(s.row, -1)
	}
	away := false
	for i, r := range b.rows {
		res := r.rhs
		for k, c := range r.col {
			s.t[i*s.w+int(c)] += r.coef[k]
			res -= r.coef[k] * s.y[c]
		}
		s.t[i*s.w+n+i] = 1
		s.basis = append(s.basis, n+i)
		s.row = append(s.row, i)
		if math.Abs(res) > boxTol*(1+math.Abs(r.rhs)) {
			s.y[n+i], s.lo[n+i], s.up[n+i] = res, min(res, 0), max(res, 0)
			away = true
		}
	}
	return away
}

// phase1 drives the artificials to 0 by minimizing the sum of their
// distances from it, then fixes them there; false when the program has no
// feasible point (the counts contradict the relations) or the iteration
// cap was hit.
func (s *boxSolver) phase1() bool {
	n := s.w - s.m
	c := make([]float64, s.w)
	scale := 1.0
	for i := range s.m {
		a := s.y[n+i]
		scale += math.Abs(a)
		switch {
		case a > 0:
			c[n+i] = 1
		case a < 0:
			c[n+i] = -1
		}
	}
	f, ok := s.minimize(c)
	if !ok || f > 1e-7*scale {
		return false
	}
	for i := range s.m {
		s.y[n+i], s.lo[n+i], s.up[n+i] = 0, 0, 0
	}
	return true
}

func resize(x []float64, n int) []float64 {
	if cap(x) < n {
		return make([]float64, n)
	}
	return x[:n]
}

const (
	boxTol      = 1e-9
	boxMaxIters = 5000
)

// minimize minimizes c.y (c over the structural columns) from the current
// basis, which stays for the next call. It returns the optimum, or false
// when the iteration cap is hit. An unbounded program returns -Inf.
func (s *boxSolver) minimize(c []float64) (float64, bool) {
	s.reducedCosts(c)
	for range boxMaxIters {
		j, dir := s.entering()
		if j < 0 {
			return s.objective(c), true
		}
		theta, r := s.ratio(j, dir)
		if math.IsInf(theta, 1) {
			return math.Inf(-1), true
		}
		for i := range s.m {
			s.y[s.basis[i]] -= dir * theta * s.t[i*s.w+j]
		}
		s.y[j] += dir * theta
		if r < 0 {
			s.y[j] = s.lo[j] // the bound it reached, exactly
			if dir > 0 {
				s.y[j] = s.up[j]
			}
			continue
		}
		bj := s.basis[r] // leaves at the bound it reached, exactly
		if math.Abs(s.y[bj]-s.up[bj]) < math.Abs(s.y[bj]-s.lo[bj]) {
			s.y[bj] = s.up[bj]
		} else {
			s.y[bj] = s.lo[bj]
		}
		s.pivot(r, j)
	}
	return 0, false
}

// reducedCosts sets d = c - c_B B^-1 [A | I].
func (s *boxSolver) reducedCosts(c []float64) {
	clear(s.d)
	copy(s.d, c)
	for i, bj := range s.basis {
		if bj < len(c) && c[bj] != 0 {
			cb := c[bj]
			row := s.t[i*s.w : (i+1)*s.w]
			for j, v := range row {
				s.d[j] -= cb * v
			}
		}
	}
}

// entering returns the first nonbasic column whose move improves the
// objective and has room to move, with the direction (+1 up, -1 down).
func (s *boxSolver) entering() (int, float64) {
	for j := range s.w {
		if s.row[j] >= 0 {
			continue
		}
		switch {
		case s.d[j] < -boxTol && s.y[j] < s.up[j]-boxTol:
			return j, 1
		case s.d[j] > boxTol && s.y[j] > s.lo[j]+boxTol:
			return j, -1
		}
	}
	return -1, 0
}

// ratio returns how far column j can move in direction dir and the row
// whose basic column blocks first, or -1 when j reaches its own bound
// first (a bound flip).
func (s *boxSolver) ratio(j int, dir float64) (float64, int) {
	theta, r := math.Inf(1), -1
	if dir > 0 {
		theta = s.up[j] - s.y[j]
	} else {
		theta = s.y[j] - s.lo[j]
	}
	for i := range s.m {
		a := s.t[i*s.w+j]
		if math.Abs(a) <= boxTol {
			continue
		}
		bj := s.basis[i]
		rate := -dir * a // change of the basic value per unit move
		var room float64
		if rate > 0 {
			room = (s.up[bj] - s.y[bj]) / rate
		} else {
			room = (s.y[bj] - s.lo[bj]) / -rate
		}
		room = max(room, 0)
		if room < theta || (room == theta && r >= 0 && bj < s.basis[r]) {
			theta, r = room, i
		}
	}
	return theta, r
}

// pivot makes column j basic in row r.
func (s *boxSolver) pivot(r, j int) {
	w := s.w
	pr := s.t[r*w : (r+1)*w]
	inv := 1 / pr[j]
	for k := range pr {
		pr[k] *= inv
	}
	pr[j] = 1
	for i := range s.m {
		if i == r {
			continue
		}
		ri := s.t[i*w : (i+1)*w]
		if f := ri[j]; f != 0 {
			for k, v := range pr {
				ri[k] -= f * v
			}
			ri[j] = 0
		}
	}
	if f := s.d[j]; f != 0 {
		for k, v := range pr {
			s.d[k] -= f * v
		}
		s.d[j] = 0
	}
	s.row[s.basis[r]] = -1
	s.basis[r] = j
	s.row[j] = r
}

func (s *boxSolver) objective(c []float64) float64 {
	f := 0.0
	for j, cj := range c {
		f += cj * s.y[j]
	}
	return f
}

// dualBound returns a lower bound on min c.y that holds whatever rounding
// did to the tableau: for any multipliers pi, c.y = (c - A^T pi).y + pi.r
// on A y = r, so min c.y >= pi.r plus the sum over columns of the smaller
// end of (c - A^T pi)_j y_j on [l_j, u_j]. The multipliers are read off the
// artificial columns' reduced costs. Coefficients within rounding of 0 on
// a column with an infinite end count as 0; the caller checks the bound
// against the primal optimum.
func (s *boxSolver) dualBound(b *boxLP, c []float64) float64 {
	n := len(b.l)
	s.g = resize(s.g, n)
	g := s.g
	copy(g, c)
	for i, r := range b.rows {
		pi := -s.d[n+i]
		if pi == 0 {
			continue
		}
		for k, col := range r.col {
			g[col] -= pi * r.coef[k]
		}
	}
	bound := 0.0
	for i, r := range b.rows {
		if pi := -s.d[n+i]; pi != 0 && r.rhs != 0 {
			bound += pi * r.rhs
		}
	}
	for j, gj := range g {
		end := b.l[j]
		if gj < 0 {
			end = b.u[j]
		}
		if math.IsInf(end, 0) && math.Abs(gj) <= 1e-9 {
			continue
		}
		if gj != 0 {
			bound += gj * end
		}
	}
	return bound
}

// extremes returns the minimum and maximum of column t, each the dual
// bound checked against the primal optimum; ok is false when they
// disagree beyond rounding or the iteration cap was hit, and the caller
// keeps its own bounds.
func (s *boxSolver) extremes(b *boxLP, t int) (lo, hi float64, ok bool) {
	if s.load(b) && !s.phase1() {
		return 0, 0, false
	}
	s.c = resize(s.c, len(b.l))
	c := s.c
	clear(c)
	c[t] = -1 // maximum first: its basis is a fine start for the minimum
	for side := range 2 {
		primal, fine := s.minimize(c)
		if !fine {
			return 0, 0, false
		}
		var v float64
		if math.IsInf(primal, -1) {
			v = math.Inf(-1)
		} else {
			dual := s.dualBound(b, c)
			if math.Abs(primal-dual) > 1e-6*(1+math.Abs(primal)) {
				return 0, 0, false
			}
			v = min(dual, primal)
		}
		if side == 0 {
			hi = -v
			c[t] = 1
		} else {
			lo = v
		}
	}
	return lo, hi, true
}
