package disclosure

import "math"

// attack holds the attacker's bounds on every class: published and forced
// classes are constants (lo = hi = count), hidden ones start at [0, +Inf).
type attack struct {
	p        *Problem
	pt       *Pattern
	integral bool // round bounds inward to whole numbers
	lo, hi   []float64
	// ref is the point the programs are written around: the true counts,
	// or, where the problem does not know them, the propagated lower
	// bounds (setRef), which need not be feasible; then programs find a
	// feasible point of their own.
	ref []float64
	// complete is false when propagation stopped at its work cap; the
	// bounds are then still valid, only possibly looser.
	complete bool
	// moved, when not nil, collects the classes whose bounds moved, once
	// each (movedMark).
	moved     *[]int32
	movedMark []bool
	// spaces are the workspaces of parallel, one per worker.
	spaces []*workspace
}

// startMoves starts collecting the classes whose bounds move.
func (a *attack) startMoves() *[]int32 {
	if a.movedMark == nil {
		a.movedMark = make([]bool, a.p.numClasses())
	}
	a.moved = new([]int32)
	return a.moved
}

// endMoves stops collecting moves.
func (a *attack) endMoves() {
	if a.moved != nil {
		for _, v := range *a.moved {
			a.movedMark[v] = false
		}
	}
	a.moved = nil
}

// noteMove records that class v's bounds moved.
func (a *attack) noteMove(v int32) {
	if a.moved != nil && !a.movedMark[v] {
		a.movedMark[v] = true
		*a.moved = append(*a.moved, v)
	}
}

func newAttack(pt *Pattern, continuous bool) *attack {
	p := pt.p
	a := &attack{
		p: p, pt: pt, integral: p.integral && !continuous, complete: true,
		lo: make([]float64, p.numClasses()), hi: make([]float64, p.numClasses()),
		ref: p.value,
	}
	for c, v := range p.value {
		if pt.hidden(int32(c)) {
			a.hi[c] = math.Inf(1)
		} else {
			a.lo[c], a.hi[c] = v, v
		}
	}
	return a
}

// setRef sets the reference point of the unknown counts to their
// propagated lower bounds; call it once, after propagateAll.
func (a *attack) setRef() {
	if !a.p.HasUnknown() {
		return
	}
	a.ref = make([]float64, len(a.p.value))
	for c, v := range a.p.value {
		a.ref[c] = v
		if a.p.isUnknown(int32(c)) {
			a.ref[c] = a.lo[c]
		}
	}
}

// free reports whether class c is hidden and not pinned.
func (a *attack) free(c int32) bool { return a.pt.hidden(c) && a.lo[c] < a.hi[c] }

// propagateAll runs interval propagation to a fixpoint over every relation
// with a hidden member.
func (a *attack) propagateAll() {
	var seed []int32
	for r := int32(0); int(r) < a.p.NumRelations(); r++ {
		vars, _ := a.p.rel(r)
		for _, v := range vars {
			if a.pt.hidden(v) {
				seed = append(seed, r)
				break
			}
		}
	}
	a.propagate(seed)
}

// propagate tightens bounds relation by relation, first-in first-out from
// seed, requeueing the relations of every class whose bounds moved, until
// nothing moves or the work cap is reached. Each step is interval
// arithmetic on c_j x_j = -(sum of the others), so every bound it gives
// holds for every solution: it never claims more than the attacker knows.
func (a *attack) propagate(seed []int32) {
	nRel := a.p.NumRelations()
	queued := make([]bool, nRel)
	queue := make([]int32, 0, len(seed))
	for _, r := range seed {
		if !queued[r] {
			queued[r] = true
			queue = append(queue, r)
		}
	}
	// Integer bounds move by at least 1 a step, so loops end; the cap
	// guards against slow creeping on long cycles of large counts.
	budget := 64*len(a.p.relVar) + 1<<20
	for head := 0; head < len(queue); head++ {
		r := queue[head]
		queued[r] = false
		budget -= int(a.p.relOff[r+1] - a.p.relOff[r])
		if budget < 0 {
			a.complete = false
			return
		}
		for _, v := range a.tighten(r) {
			a.noteMove(v)
			for _, r2 := range a.p.rels(v) {
				if !queued[r2] {
					queued[r2] = true
					queue = append(queue, r2)
				}
			}
		}
		if head > 1<<20 && head > len(queue)/2 {
			queue = append(queue[:0], queue[head+1:]...)
			head = -1
		}
	}
}

// relSums sums the ranges of a relation's contributions.
type relSums struct {
	lo, hi         float64 // sums of finite contributions
	nLoInf, nHiInf int     // contributions at -Inf and +Inf
	abs            float64 // sum of |finite contributions|, for rounding
}

// contribution returns the range of coef*x for x in [lo, hi].
func contribution(coef int32, lo, hi float64) (float64, float64) {
	c := float64(coef)
	if c > 0 {
		return c * lo, c * hi
	}
	return c * hi, c * lo
}

// tighten applies relation r once to each free member and returns the
// members whose bounds moved.
func (a *attack) tighten(r int32) []int32 {
	vars, coefs := a.p.rel(r)
	var s relSums
	for i, v := range vars {
		mn, mx := contribution(coefs[i], a.lo[v], a.hi[v])
		if math.IsInf(mn, -1) {
			s.nLoInf++
		} else {
			s.lo += mn
			s.abs += math.Abs(mn)
		}
		if math.IsInf(mx, 1) {
			s.nHiInf++
		} else {
			s.hi += mx
			s.abs += math.Abs(mx)
		}
	}
	var moved []int32
	for i, v := range vars {
		if !a.free(v) {
			continue
		}
		mn, mx := contribution(coefs[i], a.lo[v], a.hi[v])
		restLo := rest(s.lo, s.nLoInf, mn, -1)
		restHi := rest(s.hi, s.nHiInf, mx, 1)
		c := float64(coefs[i])
		nlo, nhi := -restHi/c, -restLo/c
		if c < 0 {
			nlo, nhi = nhi, nlo
		}
		if a.update(v, nlo, nhi, s.abs/math.Abs(c)) {
			moved = append(moved, v)
		}
	}
	return moved
}

// rest is the sum of all contributions but one (own) on one side, given
// the finite sum and how many were infinite (sign says which infinity).
func rest(sum float64, nInf int, own float64, sign int) float64 {
	if math.IsInf(own, sign) {
		if nInf == 1 {
			return sum
		}
		return math.Inf(sign)
	}
	if nInf > 0 {
		return math.Inf(sign)
	}
	return sum - own
}

// update narrows class v to [nlo, nhi] where that is tighter, rounding
// inward to whole numbers for an integral attacker and outward by the
// rounding error of sums of size scale otherwise. It reports whether the
// bounds moved.
func (a *attack) update(v int32, nlo, nhi, scale float64) bool {
	if a.integral {
		nlo = math.Ceil(nlo - 1e-7)
		nhi = math.Floor(nhi + 1e-7)
	} else {
		tol := 1e-12 * (scale + 1)
		nlo -= tol
		nhi += tol
	}
	moved := false
	if nlo > a.lo[v] && a.significant(nlo, a.lo[v]) {
		a.lo[v] = min(nlo, a.hi[v])
		moved = true
	}
	if nhi < a.hi[v] && a.significant(nhi, a.hi[v]) {
		a.hi[v] = max(nhi, a.lo[v])
		moved = true
	}
	return moved
}

// significant says whether moving a bound from old to nw is worth
// requeueing; for real-valued counts tiny moves would creep forever.
func (a *attack) significant(nw, old float64) bool {
	if a.integral || math.IsInf(old, 0) {
		return true
	}
	return math.Abs(nw-old) > 1e-9*(1+math.Abs(old))
}
