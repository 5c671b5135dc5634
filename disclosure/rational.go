package disclosure

import "math/big"

// fixedExactly returns, for each of n columns, whether the rows alone (not
// non-negativity) fix it, and its value, by Gauss-Jordan elimination over
// the rationals: column j is fixed when, in reduced row echelon form, it
// is a pivot whose row has no other non-zero entry. Exact arithmetic
// proves what floating-point programs can only approach.
func fixedExactly(rows []lpRow, n int) ([]bool, []*big.Rat) {
	m := make([][]*big.Rat, len(rows))
	for i, r := range rows {
		m[i] = make([]*big.Rat, n+1)
		for j := range m[i] {
			m[i][j] = new(big.Rat)
		}
		for k, c := range r.col {
			m[i][c].Add(m[i][c], new(big.Rat).SetFloat64(r.coef[k]))
		}
		m[i][n].SetFloat64(r.rhs)
	}
	pivotCol := make([]int, 0, len(rows))
	row := 0
	tmp := new(big.Rat)
	for col := 0; col < n && row < len(m); col++ {
		p := row
		for p < len(m) && m[p][col].Sign() == 0 {
			p++
		}
		if p == len(m) {
			continue
		}
		m[row], m[p] = m[p], m[row]
		inv := new(big.Rat).Inv(m[row][col])
		for j := col; j <= n; j++ {
			m[row][j].Mul(m[row][j], inv)
		}
		for i := range m {
			if i == row || m[i][col].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(m[i][col])
			for j := col; j <= n; j++ {
				m[i][j].Sub(m[i][j], tmp.Mul(f, m[row][j]))
			}
		}
		pivotCol = append(pivotCol, col)
		row++
	}
	fixed := make([]bool, n)
	val := make([]*big.Rat, n)
	for i, col := range pivotCol {
		alone := true
		for j := col + 1; j < n; j++ {
			if m[i][j].Sign() != 0 {
				alone = false
				break
			}
		}
		if alone {
			fixed[col] = true
			val[col] = m[i][n]
		}
	}
	return fixed, val
}
