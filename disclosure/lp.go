package disclosure

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// lpRow is one equality of a program under construction: sum of coef times
// column = rhs.
type lpRow struct {
	col  []int32
	coef []float64
	rhs  float64
}

// program is a linear program in gonum's standard form, A z = b, z >= 0,
// built row by row, with a feasible point z0 known from the true counts
// and, per column, a valid upper bound (+Inf when none is known) that the
// solver may use to skip programs whose answer a feasible point already
// attains.
type program struct {
	rows  []lpRow
	z0    []float64
	upper []float64
	// noStart says z0 is not known to be feasible (the problem has
	// unknown counts): the first program finds a start of its own.
	noStart bool
	// solves counts the calls of Simplex, for the audit's statistics.
	solves int
}

func (pr *program) addCol(z0, upper float64) int32 {
	pr.z0 = append(pr.z0, max(z0, 0))
	pr.upper = append(pr.upper, upper)
	return int32(len(pr.z0) - 1)
}

func (pr *program) addRow(col []int32, coef []float64, rhs float64) {
	pr.rows = append(pr.rows, lpRow{col: col, coef: coef, rhs: rhs})
}

// lpTol is the tolerance below which a value of a solution counts as 0.
const lpTol = 1e-9

// errNoProgram says the program could not be solved to optimality.
var errNoProgram = errors.New("linear program failed")

// colBounds are the minimum and maximum of one column over the program's
// feasible set; ok is false when a solve failed and the caller must keep
// its own bounds.
type colBounds struct {
	lo, hi float64
	ok     bool
}

// bounds returns the minimum and maximum of each target column. A feasible
// point that reaches 0 or the column's known upper bound answers that side
// without a program; every solution found is such a point for all columns
// at once. Programs after the first start from the previous optimal basis.
func (pr *program) bounds(targets []int32) []colBounds {
	out := make([]colBounds, len(targets))
	d, ok := pr.dense()
	if !ok {
		return out
	}
	best := [2][]float64{append([]float64(nil), pr.z0...), append([]float64(nil), pr.z0...)}
	if pr.noStart {
		for j := range pr.z0 {
			best[0][j], best[1][j] = math.Inf(1), math.Inf(-1)
		}
	}
	var basis []int
	var cost []float64 // over the dense columns
	if d.a != nil && pr.noStart {
		_, nc := d.a.Dims()
		cost = make([]float64, nc)
	} else if d.a != nil {
		_, nc := d.a.Dims()
		z := make([]float64, nc)
		for j, dj := range d.col {
			if dj >= 0 {
				z[dj] = pr.z0[j]
			}
		}
		basis = d.vertexBasis(z)
		cost = make([]float64, nc)
	}
	for i, t := range targets {
		if d.col[t] < 0 { // in no row: only z >= 0 and its bound bind it
			out[i] = colBounds{lo: 0, hi: math.Inf(1), ok: true}
			continue
		}
		out[i].ok = true
		for side := range 2 {
			v, err := d.extreme(t, side, best, cost, &basis, pr.upper[t], &pr.solves)
			if err != nil {
				out[i].ok = false
				break
			}
			if side == 0 {
				out[i].lo = v
			} else {
				out[i].hi = v
			}
		}
	}
	return out
}

// denseProgram is a program with independent rows and no empty column,
// as gonum's Simplex needs.
type denseProgram struct {
	a   *mat.Dense
	b   []float64
	col []int32 // program column -> dense column, -1 when in no row
}

// extreme solves for the minimum (side 0) or maximum (side 1) of column t,
// unless a known point already reaches the bound it can reach.
func (d *denseProgram) extreme(t int32, side int, best [2][]float64, cost []float64, basis *[]int, upper float64, solves *int) (float64, error) {
	if side == 0 && best[0][t] <= lpTol {
		return 0, nil
	}
	if side == 1 && !math.IsInf(upper, 1) && best[1][t] >= upper-lpTol*(1+upper) {
		return upper, nil
	}
	for i := range cost {
		cost[i] = 0
	}
	sign := 1.0
	if side == 1 {
		sign = -1
	}
	cost[d.col[t]] = sign
	*solves++
	f, x, err := d.solve(cost, *basis)
	if err != nil && !errors.Is(err, lp.ErrUnbounded) && *basis != nil {
		*basis = nil // a stale start can only hurt; retry cold once
		*solves++
		f, x, err = d.solve(cost, nil)
	}
	switch {
	case errors.Is(err, lp.ErrUnbounded):
		return math.Inf(1), nil
	case err != nil:
		return 0, err
	}
	for j, dj := range d.col {
		if dj >= 0 {
			best[0][j] = min(best[0][j], x[dj])
			best[1][j] = max(best[1][j], x[dj])
		}
	}
	*basis = d.startBasis(x)
	return sign * f, nil
}

// solve calls gonum's Simplex, turning its panics (it panics on a start
// basis it finds infeasible, among others) into errors.
func (d *denseProgram) solve(cost []float64, basis []int) (f float64, x []float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: simplex panicked: %v", errNoProgram, r)
		}
	}()
	return lp.Simplex(cost, d.a, d.b, 1e-10, basis)
}

// dense turns the rows into a matrix, keeping an independent subset of
// them (Gaussian elimination with a relative pivot tolerance) and dropping
// empty columns. It returns false when the rows contradict each other,
// which consistent counts rule out but rounding might not.
func (pr *program) dense() (*denseProgram, bool) {
	n := len(pr.z0)
	keep, ok := independentRows(pr.rows, n)
	if !ok {
		return nil, false
	}
	used := make([]bool, n)
	for _, r := range keep {
		for _, c := range pr.rows[r].col {
			used[c] = true
		}
	}
	d := &denseProgram{col: make([]int32, n)}
	nc := int32(0)
	for j := range d.col {
		d.col[j] = -1
		if used[j] {
			d.col[j] = nc
			nc++
		}
	}
	if len(keep) == 0 {
		return d, true
	}
	d.a = mat.NewDense(len(keep), int(nc), nil)
	d.b = make([]float64, len(keep))
	for i, r := range keep {
		row := pr.rows[r]
		for k, c := range row.col {
			d.a.Set(i, int(d.col[c]), d.a.At(i, int(d.col[c]))+row.coef[k])
		}
		d.b[i] = row.rhs
	}
	return d, true
}

// independentRows returns the indices of a maximal set of independent
// rows, in order, and false when a dependent row's right-hand side
// disagrees with the others beyond rounding.
func independentRows(rows []lpRow, n int) ([]int, bool) {
	var basis [][]float64 // reduced rows, each with its pivot column
	var pivots []int
	var keep []int
	v := make([]float64, n+1)
	for ri, r := range rows {
		clear(v)
		scale := math.Abs(r.rhs)
		for k, c := range r.col {
			v[c] += r.coef[k]
			scale = max(scale, math.Abs(r.coef[k]))
		}
		v[n] = r.rhs
		for bi, b := range basis {
			if f := v[pivots[bi]]; f != 0 {
				for j := range v {
					v[j] -= f * b[j]
				}
			}
		}
		piv, size := -1, 0.0
		for j := range n {
			if a := math.Abs(v[j]); a > size {
				piv, size = j, a
			}
		}
		if size <= 1e-9*(1+scale) {
			if math.Abs(v[n]) > 1e-6*(1+scale) {
				return nil, false
			}
			continue
		}
		row := make([]float64, n+1)
		for j := range v {
			row[j] = v[j] / v[piv]
		}
		basis = append(basis, row)
		pivots = append(pivots, piv)
		keep = append(keep, ri)
	}
	return keep, true
}

// startBasis picks the columns of an optimal solution as a start for the
// next program: its positive columns, completed to a basis by columns at
// 0, checked the way Simplex checks a start, and nil when the check fails.
func (d *denseProgram) startBasis(x []float64) []int {
	m, n := d.a.Dims()
	if m == n {
		return nil
	}
	var red [][]float64
	var pivots []int
	var basis []int
	v := make([]float64, m)
	try := func(j int) {
		mat.Col(v, j, d.a)
		for k, r := range red {
			if f := v[pivots[k]]; f != 0 {
				for i := range v {
					v[i] -= f * r[i]
				}
			}
		}
		piv, size := -1, 1e-9
		for i, a := range v {
			if math.Abs(a) > size {
				piv, size = i, math.Abs(a)
			}
		}
		if piv < 0 {
			return
		}
		row := make([]float64, m)
		for i := range v {
			row[i] = v[i] / v[piv]
		}
		red = append(red, row)
		pivots = append(pivots, piv)
		basis = append(basis, j)
	}
	for j := 0; j < n && len(basis) < m; j++ {
		if x[j] > lpTol {
			try(j)
		}
	}
	for j := 0; j < n && len(basis) < m; j++ {
		if x[j] <= lpTol {
			try(j)
		}
	}
	if len(basis) != m || !d.feasibleBasis(basis) {
		return nil
	}
	return basis
}

// feasibleBasis repeats Simplex's own test of a start basis (the same
// solve on the same matrix), since Simplex panics on one that fails.
func (d *denseProgram) feasibleBasis(basis []int) bool {
	m, _ := d.a.Dims()
	ab := mat.NewDense(m, len(basis), nil)
	col := make([]float64, m)
	for j, idx := range basis {
		mat.Col(col, idx, d.a)
		ab.SetCol(j, col)
	}
	xb := make([]float64, m)
	if err := mat.NewVecDense(m, xb).SolveVec(ab, mat.NewVecDense(m, d.b)); err != nil {
		return false
	}
	for _, v := range xb {
		if v < -1e-13 {
			return false
		}
	}
	return true
}

// vertexBasis returns a feasible start basis from a feasible point z (in
// dense columns), sparing Simplex its phase I, which costs more than all
// the programs after it: while the columns of z's positive entries are
// dependent, it moves z along the dependency until an entry reaches 0;
// then it completes the independent columns to a basis with zero ones. It
// returns nil when rounding spoils the result.
func (d *denseProgram) vertexBasis(z []float64) []int {
	m, n := d.a.Dims()
	if m == n {
		return nil
	}
	z = append([]float64(nil), z...)
	for range n {
		j, dir := d.dependency(z)
		if j < 0 {
			break
		}
		step, block := blocking(z, dir)
		if block < 0 {
			for k := range dir {
				dir[k] = -dir[k]
			}
			if step, block = blocking(z, dir); block < 0 {
				return nil
			}
		}
		for k, dk := range dir {
			z[k] = max(z[k]+step*dk, 0)
		}
		z[block] = 0
	}
	return d.startBasis(z)
}

// blocking returns how far z can move along dir before an entry reaches
// 0, and that entry; -1 when none falls.
func blocking(z, dir []float64) (float64, int) {
	step, block := math.Inf(1), -1
	for k, dk := range dir {
		if dk < -lpTol && z[k]/-dk < step {
			step, block = z[k]/-dk, k
		}
	}
	return step, block
}

// dependency finds the first column among z's positive entries that
// depends on the ones before it, and the direction dir (A dir = 0, 1 on
// that column) that trades it against them; -1 when the positive columns
// are independent.
func (d *denseProgram) dependency(z []float64) (int, []float64) {
	m, n := d.a.Dims()
	// red[k] is a reduced column, 1 at pivots[k]; comb[k] says how it
	// combines the original columns cols[:k+1].
	var red, comb [][]float64
	var pivots []int
	var cols []int
	v := make([]float64, m)
	for j := range n {
		if z[j] <= lpTol {
			continue
		}
		mat.Col(v, j, d.a)
		c := make([]float64, len(cols)+1)
		c[len(cols)] = 1 // v = sum of c[i] A_cols[i] + c[last] A_j throughout
		for k, r := range red {
			if f := v[pivots[k]]; f != 0 {
				for i := range v {
					v[i] -= f * r[i]
				}
				for i, ck := range comb[k] {
					c[i] -= f * ck
				}
			}
		}
		piv, size := -1, 1e-9
		for i, a := range v {
			if math.Abs(a) > size {
				piv, size = i, math.Abs(a)
			}
		}
		if piv < 0 {
			dir := make([]float64, n)
			for i, ci := range c {
				if i < len(cols) {
					dir[cols[i]] = ci
				} else {
					dir[j] = ci
				}
			}
			return j, dir
		}
		s := v[piv]
		for i := range v {
			v[i] /= s
		}
		for i := range c {
			c[i] /= s
		}
		red = append(red, append([]float64(nil), v...))
		comb = append(comb, c)
		pivots = append(pivots, piv)
		cols = append(cols, j)
	}
	return -1, nil
}
