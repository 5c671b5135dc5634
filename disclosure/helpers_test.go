package disclosure

import "testing"

// table2D builds an r x c table with row totals, column totals and the
// grand total; cell (i, j) of the full (r+1) x (c+1) grid is
// cells[i][j], the totals in the last row and column.
func table2D(t testing.TB, b *Builder, inner [][]float64) [][]Cell {
	t.Helper()
	r, c := len(inner), len(inner[0])
	g := make([][]Cell, r+1)
	for i := range g {
		g[i] = make([]Cell, c+1)
	}
	colSum := make([]float64, c+1)
	for i := range r {
		rowSum := 0.0
		for j := range c {
			g[i][j] = must(b.AddCell(inner[i][j]))
			rowSum += inner[i][j]
			colSum[j] += inner[i][j]
		}
		g[i][c] = must(b.AddCell(rowSum))
		colSum[c] += rowSum
	}
	for j := range c + 1 {
		g[r][j] = must(b.AddCell(colSum[j]))
	}
	for i := range r + 1 {
		check(t, b.AddSum(g[i][c], g[i][:c]...))
	}
	for j := range c + 1 {
		parts := make([]Cell, r)
		for i := range r {
			parts[i] = g[i][j]
		}
		check(t, b.AddSum(g[r][j], parts...))
	}
	return g
}

func must(c Cell, err error) Cell {
	if err != nil {
		panic(err)
	}
	return c
}

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// build freezes b or fails the test.
func build(t testing.TB, b *Builder) *Problem {
	t.Helper()
	p, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// hide returns the primary pattern for k with the given cells also
// suppressed.
func hide(t testing.TB, p *Problem, k int, cells ...Cell) *Pattern {
	t.Helper()
	pt, err := p.Primary(k)
	check(t, err)
	for _, c := range cells {
		check(t, pt.Suppress(c))
	}
	return pt
}
