package disclosure

import "math"

// workspace is scratch shared by the programs of one attack: the program
// column of each class (-1 when none) and a stamp per relation for
// collecting each relation once.
type workspace struct {
	col   []int32
	seen  []int32
	stamp int32
	// count is, for a relation seen under the current stamp, how many of
	// its members are in the window; rels lists those relations.
	count []int32
	rels  []int32
	box   boxSolver
	lp    boxLP // reused by boxProgram
}

func newWorkspace(p *Problem) *workspace {
	w := &workspace{
		col:   make([]int32, p.numClasses()),
		seen:  make([]int32, p.NumRelations()),
		count: make([]int32, p.NumRelations()),
	}
	for i := range w.col {
		w.col[i] = -1
	}
	return w
}

// next starts a new collection of relations.
func (w *workspace) next() int32 {
	w.stamp++
	return w.stamp
}

// componentProgram is the attacker's exact program for one component: its
// classes as columns, shifted by their propagated lower bounds (valid, so
// the shift cuts off no solution), and one row per relation over them,
// every other member a constant. The propagated upper bounds are not rows:
// they only let the solver skip programs.
func (a *attack) componentProgram(vars []int32, w *workspace) *program {
	pr := &program{noStart: a.p.HasUnknown()}
	for _, v := range vars {
		w.col[v] = pr.addCol(a.ref[v]-a.lo[v], a.hi[v]-a.lo[v])
	}
	stamp := w.next()
	for _, v := range vars {
		for _, r := range a.p.rels(v) {
			if w.seen[r] == stamp {
				continue
			}
			w.seen[r] = stamp
			members, coefs := a.p.rel(r)
			var cols []int32
			var cf []float64
			rhs := 0.0
			for i, m := range members {
				c := float64(coefs[i])
				rhs -= c * a.lo[m]
				if w.col[m] >= 0 {
					cols = append(cols, w.col[m])
					cf = append(cf, c)
				}
			}
			pr.addRow(cols, cf, rhs)
		}
	}
	for _, v := range vars {
		w.col[v] = -1
	}
	return pr
}

// neighbourhood returns the free classes within hops relations of t, in
// breadth-first order, at most limit of them.
func (a *attack) neighbourhood(t int32, hops, limit int, w *workspace) []int32 {
	nb := []int32{t}
	w.col[t] = 0
	for depth, start := 0, 0; depth < hops && len(nb) < limit; depth++ {
		end := len(nb)
		for _, v := range nb[start:end] {
			for _, r := range a.p.rels(v) {
				members, _ := a.p.rel(r)
				for _, m := range members {
					if len(nb) < limit && w.col[m] < 0 && a.free(m) {
						w.col[m] = int32(len(nb))
						nb = append(nb, m)
					}
				}
			}
		}
		start = end
	}
	return nb
}

// boxProgram is a relaxation of the attacker's program around t, in
// deviation form (each count minus its true value): the free classes
// near t are columns within their propagated bounds, and a relation with
// at least two of them is a row in which its other free members appear
// only as one slack column, bounded by their propagated bounds. Every
// solution of the full program solves this one, so its bounds are valid
// but may be looser than the attacker's. A relation with one column alone
// says no more than propagation already did, and is left out.
func (a *attack) boxProgram(t int32, hops, limit int, w *workspace) *boxLP {
	nb := a.neighbourhood(t, hops, limit, w)
	b := &w.lp
	b.reset()
	for _, v := range nb {
		b.addCol(a.lo[v]-a.ref[v], a.hi[v]-a.ref[v])
	}
	// Count each relation's window members from the window's side, so
	// that the many relations that touch it once are never read.
	stamp := w.next()
	w.rels = w.rels[:0]
	for _, v := range nb {
		for _, r := range a.p.rels(v) {
			if w.seen[r] != stamp {
				w.seen[r] = stamp
				w.count[r] = 0
				w.rels = append(w.rels, r)
			}
			w.count[r]++
		}
	}
	for _, r := range w.rels {
		if w.count[r] >= 2 {
			a.boxRow(b, r, w)
		}
	}
	for _, v := range nb {
		w.col[v] = -1
	}
	return b
}

// boxRow adds relation r, which has two or more window members, to a
// neighbourhood program. Its right-hand side is 0 when the reference
// point is the true counts; otherwise it is what the free members'
// deviations must make up for the reference point and the pinned
// members' counts.
func (a *attack) boxRow(b *boxLP, r int32, w *workspace) {
	members, coefs := a.p.rel(r)
	start := len(b.colBuf)
	var out relSums
	outer := false
	rhs := 0.0
	for i, m := range members {
		if a.p.HasUnknown() {
			if a.free(m) {
				rhs -= float64(coefs[i]) * a.ref[m]
			} else {
				rhs -= float64(coefs[i]) * a.lo[m]
			}
		}
		switch {
		case w.col[m] >= 0:
			b.colBuf = append(b.colBuf, w.col[m])
			b.coefBuf = append(b.coefBuf, float64(coefs[i]))
		case a.free(m):
			outer = true
			mn, mx := contribution(coefs[i], a.lo[m]-a.ref[m], a.hi[m]-a.ref[m])
			if math.IsInf(mn, -1) {
				out.nLoInf++
			} else {
				out.lo += mn
			}
			if math.IsInf(mx, 1) {
				out.nHiInf++
			} else {
				out.hi += mx
			}
		}
	}
	if outer {
		sl, su := out.lo, out.hi
		if out.nLoInf > 0 {
			sl = math.Inf(-1)
		}
		if out.nHiInf > 0 {
			su = math.Inf(1)
		}
		if math.IsInf(sl, -1) && math.IsInf(su, 1) {
			b.colBuf, b.coefBuf = b.colBuf[:start], b.coefBuf[:start]
			return // the outside can absorb anything
		}
		b.colBuf = append(b.colBuf, b.addCol(sl, su))
		b.coefBuf = append(b.coefBuf, 1)
	}
	b.rows = append(b.rows, lpRow{col: b.colBuf[start:len(b.colBuf):len(b.colBuf)], coef: b.coefBuf[start:len(b.coefBuf):len(b.coefBuf)], rhs: rhs})
}
