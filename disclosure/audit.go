package disclosure

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Method says how the audit bounded a hidden count.
type Method uint8

const (
	// ByPropagation: interval propagation over all relations. Valid, and
	// exact when it pins the count; otherwise possibly looser than the
	// attacker's best.
	ByPropagation Method = iota + 1
	// ByExactLP: minimum and maximum by linear programs over the whole
	// component: the attacker's best.
	ByExactLP
	// ByNeighbourhoodLP: linear programs over the cell's neighbourhood,
	// the rest of its component boxed by propagated bounds: valid, never
	// tighter than the attacker's best, possibly looser.
	ByNeighbourhoodLP
	// ByRational: exact rational elimination found the relations fix the
	// count outright.
	ByRational
	numMethods
)

func (m Method) String() string {
	switch m {
	case ByPropagation:
		return "propagation"
	case ByExactLP:
		return "exact LP"
	case ByNeighbourhoodLP:
		return "neighbourhood LP"
	case ByRational:
		return "rational"
	}
	return fmt.Sprintf("method(%d)", uint8(m))
}

// Bounds is what an attacker can derive about one hidden count.
type Bounds struct {
	// Lo and Hi bound the count; Hi is +Inf when nothing bounds it.
	Lo, Hi float64
	Method Method
	// Exact is true when Lo and Hi are the tightest bounds the relations,
	// the published counts and non-negativity allow (the count is pinned,
	// or its component was solved exactly).
	Exact bool
	// Violates is true for a primary cell whose interval is narrower than
	// the protection level.
	Violates bool
}

// ComponentStats describes the components of the attacker's problem: the
// hidden counts that relations link, once pinned counts are constants.
type ComponentStats struct {
	Count, Largest int
	// Exact components were solved by exact programs; Large ones were
	// above the exact limit and got neighbourhood programs.
	Exact, Large int
	// BySize[i] counts components of 2^i to 2^(i+1)-1 counts.
	BySize [32]int
	// Programs is the number of linear programs solved.
	Programs int
}

// AuditResult holds the attacker's bounds on every hidden cell.
type AuditResult struct {
	// P is the protection level checked.
	P int
	// Hidden and Primary count hidden and primary cells; Violations the
	// primary cells whose interval is narrower than P; Exposed those
	// among them the attacker pins exactly.
	Hidden, Primary, Violations, Exposed int
	// ByMethod counts hidden cells by the method of their bounds.
	ByMethod [numMethods]int
	// Components describes the attacker's problem.
	Components ComponentStats
	// PropagationComplete is false when propagation stopped at its work
	// cap; its bounds are valid but may be looser than a full run's.
	PropagationComplete bool

	pt      *Pattern
	skipped int // primary classes spared their neighbourhood program
	lo, hi  []float64
	method  []Method
	exact   []bool
}

// Bounds returns the attacker's bounds on a hidden cell; false for a
// published or unknown cell.
func (r *AuditResult) Bounds(c Cell) (Bounds, bool) {
	if !r.pt.p.valid(c) {
		return Bounds{}, false
	}
	cl := r.pt.p.classOf[c]
	if !r.pt.hidden(cl) {
		return Bounds{}, false
	}
	return Bounds{
		Lo: r.lo[cl], Hi: r.hi[cl], Method: r.method[cl], Exact: r.exact[cl],
		Violates: r.violates(cl),
	}, true
}

func (r *AuditResult) violates(cl int32) bool {
	return r.pt.status[cl] == Primary && r.hi[cl]-r.lo[cl] < float64(r.P)
}

// violating returns the primary classes narrower than P.
func (r *AuditResult) violating() []int32 {
	var out []int32
	for c, s := range r.pt.status {
		if s == Primary && r.violates(int32(c)) {
			out = append(out, int32(c))
		}
	}
	return out
}

// Violating returns the primary cells whose interval is narrower than P,
// in cell order.
func (r *AuditResult) Violating() []Cell {
	var out []Cell
	for c, cl := range r.pt.p.classOf {
		if r.violates(cl) {
			out = append(out, Cell(c))
		}
	}
	return out
}

// Audit attacks a pattern: for every hidden cell, the tightest bounds it
// can derive from the published counts, the relations and
// non-negativity, with cfg.P (or cfg.K when P is 0) as the protection
// level. Only cfg's P and attacker settings are used: the pattern says
// which cells are primary.
func Audit(pt *Pattern, cfg Config) (*AuditResult, error) {
	if pt == nil || pt.p == nil {
		return nil, fmt.Errorf("audit: %w: no pattern", ErrBadParam)
	}
	if cfg.P == 0 && cfg.K == 0 {
		cfg.K = pt.k
	}
	cfg, err := cfg.resolved()
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	a := newAttack(pt, cfg.Continuous)
	a.propagateAll()
	a.setRef()
	res, err := a.solve(cfg, nil)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return res, nil
}

// focus narrows a round of Protect's audit: windows only near the given
// classes, never around passed ones.
type focus struct {
	// near lists the classes whose surroundings changed (newly hidden, or
	// still too narrow); nil means everywhere.
	near []int32
	// passed marks primary classes a previous round found wide enough:
	// hiding more cells since can only have widened them.
	passed []bool
}

// solve runs the programs over every component and gathers the result.
// Classes of large components get windows (see solveLarge), except where
// f, when not nil, spares them.
func (a *attack) solve(cfg Config, f *focus) (*AuditResult, error) {
	n := a.p.numClasses()
	res := &AuditResult{
		P: cfg.P, pt: a.pt,
		lo: a.lo, hi: a.hi, method: make([]Method, n), exact: make([]bool, n),
	}
	for c := range n {
		if a.pt.hidden(int32(c)) {
			res.method[c] = ByPropagation
			res.exact[c] = a.lo[c] == a.hi[c]
		}
	}
	cs := a.components()
	var small []int
	var targets []int32
	var near []bool
	if f != nil && f.near != nil {
		near = make([]bool, n)
		for _, v := range a.windowsAround(f.near, 2, make([]bool, n)) {
			near[v] = true
		}
	}
	for i := range cs.len() {
		vars := cs.members(i)
		st := &res.Components
		st.Count++
		st.Largest = max(st.Largest, len(vars))
		st.BySize[bits.Len(uint(len(vars)))-1]++
		if len(vars) <= cfg.ExactLimit {
			st.Exact++
			small = append(small, i)
			continue
		}
		st.Large++
		if cfg.Hops < 0 {
			continue
		}
		for _, v := range vars {
			if f != nil && (f.passed[v] || (near != nil && !near[v])) {
				res.skipped++
				continue
			}
			targets = append(targets, v)
		}
	}
	if err := a.solveExact(cs, small, cfg, res); err != nil {
		return nil, err
	}
	a.solveLarge(targets, cfg, res)
	res.PropagationComplete = a.complete
	for c, m := range res.method {
		if m == ByPropagation || m == ByNeighbourhoodLP {
			res.exact[c] = a.lo[c] == a.hi[c]
		}
	}
	a.tally(res)
	return res, nil
}

// exactOut is what the programs of one small component found.
type exactOut struct {
	vars   []int32
	bounds []colBounds // per var; fixed ones come from rational elimination
	fixed  []bool
	at     []float64 // per var, the count rational elimination fixed
	solves int
	err    error
}

// solveExact bounds every class of the small components by exact
// programs, and first by exact elimination when the component is small
// enough, spreading components over the processors; results are applied
// in component order, so the outcome does not depend on scheduling.
func (a *attack) solveExact(cs *components, small []int, cfg Config, res *AuditResult) error {
	outs := make([]exactOut, len(small))
	a.parallel(len(small), func(i int, w *workspace) {
		outs[i] = a.exactComponent(cs.members(small[i]), cfg, w)
	})
	for _, o := range outs {
		if o.err != nil {
			return o.err
		}
		res.Components.Programs += o.solves
		for i, v := range o.vars {
			switch {
			case o.fixed[i]:
				a.lo[v], a.hi[v] = o.at[i], o.at[i]
				res.method[v], res.exact[v] = ByRational, true
			case o.bounds[i].ok:
				a.narrow(v, o.bounds[i].lo, o.bounds[i].hi)
				res.method[v], res.exact[v] = ByExactLP, true
			}
		}
	}
	return nil
}

// exactComponent solves one component; it only reads the attack.
func (a *attack) exactComponent(vars []int32, cfg Config, w *workspace) exactOut {
	o := exactOut{vars: vars, fixed: make([]bool, len(vars)), at: make([]float64, len(vars))}
	pr := a.componentProgram(vars, w)
	if len(vars) <= cfg.RationalLimit {
		fixed, val := fixedExactly(pr.rows, len(vars))
		for i, v := range vars {
			if !fixed[i] {
				continue
			}
			x, _ := val[i].Float64()
			x += a.lo[v]
			if a.p.isUnknown(v) {
				x = math.Round(x*1e6) / 1e6
			} else if math.Abs(x-a.p.value[v]) > 1e-6*(1+a.p.value[v]) {
				o.err = fmt.Errorf("%w: relations fix %s at %g, but its count is %g",
					errInternal, a.p.Key(Cell(a.p.rep[v])), x, a.p.value[v])
				return o
			}
			o.fixed[i], o.at[i] = true, a.ref[v]
			if a.p.isUnknown(v) {
				o.at[i] = x
			}
		}
	}
	targets := make([]int32, 0, len(vars))
	for i := range vars {
		if !o.fixed[i] {
			targets = append(targets, int32(i))
		}
	}
	bs := pr.bounds(targets)
	o.bounds = make([]colBounds, len(vars))
	for i, t := range targets {
		o.bounds[t] = bs[i]
	}
	o.solves = pr.solves
	return o
}

// errInternal reports a result that contradicts the counts: a bug, not a
// caller's mistake.
var errInternal = errors.New("internal error")

// solveLarge attacks the components too large for exact programs with
// windows: a program over each target's neighbourhood (a relaxation, see
// boxProgram), run in batches until no bound moves. Every bound a window
// finds is valid, so it is propagated, and the windows around each class
// whose bounds moved run again with the tighter boxes: small windows
// iterated this way find more than one large window per cell, at a small
// part of its cost. Within a batch all windows read the same bounds, so
// they run in parallel and the outcome does not depend on scheduling.
func (a *attack) solveLarge(targets []int32, cfg Config, res *AuditResult) {
	inBatch := make([]bool, a.p.numClasses())
	batch := targets
	for round := 0; len(batch) > 0 && round < maxWindowRounds; round++ {
		outs := make([]colBounds, len(batch))
		a.parallel(len(batch), func(i int, w *workspace) {
			b := a.boxProgram(batch[i], cfg.Hops, cfg.NeighbourLimit, w)
			lo, hi, ok := w.box.extremes(b, 0)
			outs[i] = colBounds{lo: lo, hi: hi, ok: ok}
		})
		res.Components.Programs += 2 * len(batch)
		var seed []int32
		moved := a.startMoves()
		for i, v := range batch {
			if !outs[i].ok {
				continue
			}
			res.method[v] = ByNeighbourhoodLP
			lo, hi := a.lo[v], a.hi[v]
			a.narrowBy(v, a.ref[v]+outs[i].lo, a.ref[v]+outs[i].hi)
			if a.lo[v] != lo || a.hi[v] != hi {
				a.noteMove(v)
				seed = append(seed, a.p.rels(v)...)
			}
		}
		a.propagate(seed)
		batch = a.windowsAround(*moved, cfg.Hops, inBatch)
		a.endMoves()
	}
}

// maxWindowRounds caps the batches of windows; each batch only tightens
// valid bounds, so stopping early leaves valid, looser bounds.
const maxWindowRounds = 50

// windowsAround returns, in class order, the free classes within hops
// relations of the moved ones: those whose windows may now find more.
func (a *attack) windowsAround(moved []int32, hops int, mark []bool) []int32 {
	var out []int32
	frontier := moved
	for _, v := range moved {
		if !mark[v] && a.free(v) {
			mark[v] = true
			out = append(out, v)
		}
	}
	for range hops {
		var next []int32
		for _, v := range frontier {
			for _, r := range a.p.rels(v) {
				members, _ := a.p.rel(r)
				for _, m := range members {
					if !mark[m] && a.free(m) {
						mark[m] = true
						out = append(out, m)
						next = append(next, m)
					}
				}
			}
		}
		frontier = next
	}
	for _, v := range out {
		mark[v] = false
	}
	slices.Sort(out)
	return out
}

// narrow intersects class v's bounds with a program's, given relative to
// its lower bound.
func (a *attack) narrow(v int32, zlo, zhi float64) {
	a.narrowBy(v, a.lo[v]+zlo, a.lo[v]+zhi)
}

// narrowBy intersects class v's bounds with [lo, hi] from a program,
// widened by the solver's tolerance and rounded inward for an integral
// attacker; it never cuts off the true count.
func (a *attack) narrowBy(v int32, lo, hi float64) {
	tol := 1e-7 * (1 + math.Abs(lo) + math.Abs(a.lo[v]))
	lo -= tol
	if !math.IsInf(hi, 1) {
		hi += 1e-7 * (1 + math.Abs(hi))
	}
	if a.integral {
		lo, hi = math.Ceil(lo-1e-6), math.Floor(hi+1e-6)
	}
	if a.p.isUnknown(v) {
		a.lo[v], a.hi[v] = max(a.lo[v], lo), min(a.hi[v], hi)
		return
	}
	a.lo[v] = max(a.lo[v], min(lo, a.p.value[v]))
	a.hi[v] = min(a.hi[v], max(hi, a.p.value[v]))
}

// tally counts the result's cells.
func (a *attack) tally(res *AuditResult) {
	for _, cl := range a.p.classOf {
		if !a.pt.hidden(cl) {
			continue
		}
		res.Hidden++
		res.ByMethod[res.method[cl]]++
		if a.pt.status[cl] != Primary {
			continue
		}
		res.Primary++
		if res.violates(cl) {
			res.Violations++
			if a.lo[cl] == a.hi[cl] {
				res.Exposed++
			}
		}
	}
}

// parallel runs f(i) for i in [0, n) on up to GOMAXPROCS goroutines, each
// with a workspace of its own, kept by the attack for its next call; f
// must write only to its own i's results.
func (a *attack) parallel(n int, f func(i int, w *workspace)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	for len(a.spaces) < workers {
		a.spaces = append(a.spaces, newWorkspace(a.p))
	}
	if workers <= 1 {
		for i := range n {
			f(i, a.spaces[0])
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := range workers {
		w := a.spaces[k]
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i, w)
			}
		})
	}
	wg.Wait()
}
