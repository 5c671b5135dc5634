package disclosure

import (
	"fmt"
	"math"
)

// Report says what Protect did.
type Report struct {
	// Primary and Secondary count the hidden cells and their total count
	// by status; Secondary is what protection cost beyond primary
	// suppression.
	PrimaryCells, SecondaryCells int
	PrimaryValue, SecondaryValue float64
	// LocalHidden counts the classes hidden by the per-relation capacity
	// rule, RepairHidden those hidden to repair what the attacker found.
	LocalHidden, RepairHidden int
	// Rounds is the number of audit-and-repair rounds.
	Rounds int
	// Unprotected lists the primary cells still narrower than P at the end:
	// no published cell near them was left to hide (a forced public total
	// of small counts, say), or MaxRounds ran out.
	Unprotected []Cell
	// Audit is the last audit of the returned pattern: a full one, unless
	// MaxRounds ran out during rounds that looked only near their repairs.
	Audit *AuditResult
}

// Protect hides counts below cfg.K and then further counts until the
// attacker's interval for every primary cell is at least cfg.P wide (see
// the package documentation for the method and its limits). The result is
// deterministic: ties are broken by cell order.
func Protect(p *Problem, cfg Config) (*Pattern, *Report, error) {
	if p == nil {
		return nil, nil, fmt.Errorf("protect: %w: no problem", ErrBadParam)
	}
	pt, err := p.Primary(cfg.K)
	if err != nil {
		return nil, nil, fmt.Errorf("protect: %w", err)
	}
	rep, err := ProtectPattern(pt, cfg)
	if err != nil {
		return nil, nil, err
	}
	return pt, rep, nil
}

// ProtectPattern is Protect from a pattern of the caller's: its primary
// cells (set by threshold or by SetPrimary) get protection at level cfg.P
// (cfg.K when P is 0; the pattern's k when both are), and the cells it
// already hides stay hidden. It changes pt in place.
func ProtectPattern(pt *Pattern, cfg Config) (*Report, error) {
	if pt == nil || pt.p == nil {
		return nil, fmt.Errorf("protect: %w: no pattern", ErrBadParam)
	}
	if pt.p.HasUnknown() {
		return nil, fmt.Errorf("protect: %w: the problem has unknown counts", ErrBadParam)
	}
	if cfg.P == 0 && cfg.K == 0 {
		cfg.K = pt.k
	}
	cfg, err := cfg.resolved()
	if err != nil {
		return nil, fmt.Errorf("protect: %w", err)
	}
	p := pt.p
	pr := newProtector(pt, cfg)
	pr.capacityAll()
	rep := &Report{}
	stuck := make([]bool, p.numClasses())
	// Rounds after a repair look only near what changed and skip the
	// primary cells found wide enough (hiding more can only widen them);
	// a full audit confirms the end.
	f := &focus{passed: make([]bool, p.numClasses())}
	full := true
	var spaces []*workspace
	for {
		a := newAttack(pt, cfg.Continuous)
		a.spaces = spaces
		a.propagateAll()
		var fc *focus
		if !full {
			fc = f
		}
		res, err := a.solve(cfg, fc)
		if err != nil {
			return nil, fmt.Errorf("protect: %w", err)
		}
		spaces = a.spaces
		rep.Audit = res
		full = full || res.skipped == 0
		if res.Violations == 0 {
			if full {
				break
			}
			full = true
			continue
		}
		if rep.Rounds >= cfg.MaxRounds || cfg.P == 0 {
			break
		}
		rep.Rounds++
		pr.recent = pr.recent[:0]
		repaired := pr.repairAll(res, a, stuck, f.passed)
		if repaired == 0 && full {
			break // what is left, nothing can repair
		}
		full = repaired == 0
		f.near = append(pr.recent, res.violating()...)
	}
	rep.Unprotected = rep.Audit.Violating()
	t := pt.Tally()
	rep.PrimaryCells, rep.PrimaryValue = t.Cells[Primary], t.Value[Primary]
	rep.SecondaryCells, rep.SecondaryValue = t.Cells[Secondary], t.Value[Secondary]
	rep.LocalHidden, rep.RepairHidden = pr.localHidden, pr.repairHidden
	return rep, nil
}

// repairAll repairs every violating primary class of an audit, marks the
// others passed and those it cannot help stuck, runs the capacity rule
// for the cells it hid, and returns how many it repaired.
func (pr *protector) repairAll(res *AuditResult, a *attack, stuck, passed []bool) int {
	repaired := 0
	for v, s := range pr.pt.status {
		c := int32(v)
		switch {
		case s != Primary:
		case !res.violates(c):
			passed[c] = true
		case stuck[c]:
		default:
			pr.failed[c] = min(pr.failed[c]+1, 255)
			ok := false
			switch {
			case pr.failed[c] <= escalateAfter:
				ok = pr.repair(c, a)
			case pr.failed[c] <= 2*escalateAfter:
				ok = pr.escalate(c, a, false, 0) > 0 || pr.escalate(c, a, true, 0) > 0
			default:
				ok = pr.escalate(c, a, true, 0) > 0
			}
			if ok {
				repaired++
			} else {
				stuck[c] = true
			}
		}
	}
	pr.capacity()
	return repaired
}

// escalateAfter is how many rounds a class may stay too narrow under the
// one-cell repair before repair escalates.
const escalateAfter = 2

// escalate repairs a class that resisted one-cell repairs: it hides the
// capacity rule's pick in every relation where the attacker holds v
// tighter than its need, and likewise for the hidden partners there that
// are themselves narrower than v's need (what holds v is often a tiny
// hidden total, pinned by relations of its own). Wide, it does so in all
// their relations, tight or not: for a class that resists even that, or
// where no single relation shows what the programs found; and when every
// member of those relations is hidden already, it goes on from the narrow
// partners, once. It returns how many cells it hid.
func (pr *protector) escalate(v int32, a *attack, wide bool, depth int) int {
	need := pr.need[v]
	rels := func(u int32) []int32 {
		if wide {
			return pr.p.rels(u)
		}
		return pr.tightRelations(u, need, a)
	}
	hidden := 0
	for _, r := range rels(v) {
		hidden += pr.repairIn(r, v)
	}
	var narrow []int32
	for _, r := range rels(v) {
		vars, _ := pr.p.rel(r)
		for _, u := range vars {
			if u == v || !pr.pt.hidden(u) || a.hi[u]-a.lo[u] >= need {
				continue
			}
			narrow = append(narrow, u)
			pr.raiseNeed(u, need)
			for _, r2 := range rels(u) {
				if r2 != r {
					hidden += pr.repairIn(r2, u)
				}
			}
		}
	}
	if hidden == 0 && wide && depth == 0 {
		for _, u := range narrow {
			hidden += pr.escalate(u, a, true, depth+1)
		}
	}
	return hidden
}

// tightRelations returns the relations of v where the attacker's bounds
// leave v less room than need.
func (pr *protector) tightRelations(v int32, need float64, a *attack) []int32 {
	var out []int32
	for _, r := range pr.p.rels(v) {
		if pr.attackRoom(r, v, a) < need {
			out = append(out, r)
		}
	}
	return out
}

// repairIn hides in relation r the member the capacity rule would pick
// for v; it returns 1, or 0 when r has no published member.
func (pr *protector) repairIn(r, v int32) int {
	vars, _ := pr.p.rel(r)
	i := indexOf(vars, v)
	j := pr.cheapest(r, i)
	if j < 0 {
		return 0
	}
	pr.hide(r, i, j)
	pr.repairHidden++
	return 1
}

// protector hides cells for a pattern. need[c] is the width a hidden class
// must have in each of its relations: P for a primary class, and for a
// class hidden to give another room, the room it was hidden to give.
type protector struct {
	p       *Problem
	pt      *Pattern
	need    []float64
	maxNeed float64
	queue   []int32
	queued  []bool
	// localHidden and repairHidden count the classes each rule hid.
	localHidden, repairHidden int
	// failed counts, per class, the rounds in a row it was found too
	// narrow; repair escalates on classes that resist.
	failed []uint8
	// recent lists the classes hidden since the last audit.
	recent []int32
}

func newProtector(pt *Pattern, cfg Config) *protector {
	p := pt.p
	pr := &protector{
		p: p, pt: pt, need: make([]float64, p.numClasses()),
		maxNeed: float64(cfg.P) * float64(max(p.maxCoef, 1)),
		queued:  make([]bool, p.NumRelations()),
		failed:  make([]uint8, p.numClasses()),
	}
	for c, s := range pt.status {
		if s == Primary {
			pr.need[c] = float64(cfg.P)
		}
	}
	return pr
}

// capacityAll queues every relation with a primary member and applies the
// capacity rule.
func (pr *protector) capacityAll() {
	for c, s := range pr.pt.status {
		if s == Primary && pr.need[c] > 0 {
			pr.enqueue(int32(c))
		}
	}
	pr.capacity()
}

// enqueue queues the relations of class c.
func (pr *protector) enqueue(c int32) {
	for _, r := range pr.p.rels(c) {
		if !pr.queued[r] {
			pr.queued[r] = true
			pr.queue = append(pr.queue, r)
		}
	}
}

// capacity applies the capacity rule to the queued relations until none
// is left: in each relation, every hidden class must have its need of
// room from the relation alone, counting the other hidden members at
// their counts; where it has not, the cheapest published member that
// gives enough is hidden, and must in turn find room in its own
// relations.
func (pr *protector) capacity() {
	for head := 0; head < len(pr.queue); head++ {
		r := pr.queue[head]
		pr.queued[r] = false
		vars, _ := pr.p.rel(r)
		for i, v := range vars {
			if !pr.pt.hidden(v) || pr.need[v] == 0 {
				continue
			}
			for pr.localWidth(r, i) < pr.need[v] {
				j := pr.cheapest(r, i)
				if j < 0 {
					break // nothing left to hide here; the audit will tell
				}
				pr.hide(r, i, j)
				pr.localHidden++
			}
		}
	}
	pr.queue = pr.queue[:0]
}

// room is how far member i of a relation can rise and fall while the
// other hidden members absorb the change within their counts: a member
// with the other sign can absorb a rise without limit, one with the same
// sign a fall without limit; otherwise each absorbs up to its count.
type room struct {
	up, down       float64
	upInf, downInf bool
}

// add counts member k (coefficient ck, count vk) as hidden for member i
// (coefficient ci).
func (m room) add(ci, ck int32, vk float64) room {
	share := vk * math.Abs(float64(ck)) / math.Abs(float64(ci))
	if (ck > 0) == (ci > 0) {
		m.up += share
		m.downInf = true
	} else {
		m.upInf = true
		m.down += share
	}
	return m
}

// width is the room's total for a member of count v, which cannot fall
// below zero.
func (m room) width(v float64) float64 {
	up, down := m.up, m.down
	if m.upInf {
		up = math.Inf(1)
	}
	if m.downInf {
		down = math.Inf(1)
	}
	return up + min(down, v)
}

// roomOf is member i's room in relation r from the other hidden members.
func (pr *protector) roomOf(r int32, i int) room {
	vars, coefs := pr.p.rel(r)
	var m room
	for k, v := range vars {
		if k != i && pr.pt.hidden(v) {
			m = m.add(coefs[i], coefs[k], pr.p.value[v])
		}
	}
	return m
}

// localWidth is member i's room in relation r.
func (pr *protector) localWidth(r int32, i int) float64 {
	vars, _ := pr.p.rel(r)
	return pr.roomOf(r, i).width(pr.p.value[vars[i]])
}

// lookahead is how many of the cheapest sufficient members cheapest
// prices with the cascade they would cause.
const lookahead = 8

// cheapest returns the member of r to hide for member i. Among the
// published members that would give i its need, the cheapest counting the
// cascade: a member's count plus, for each of its other relations where
// it would lack room, the count of the cheapest member that would give it
// room there (so a cell that pairs with one already hidden wins over one
// that needs a partner of its own). Only the lookahead smallest counts
// are priced so; ties go to the smaller count, fewer cells, first cell.
// When no member would give enough, the one giving the most room. -1
// when no member is published.
func (pr *protector) cheapest(r int32, i int) int {
	vars, coefs := pr.p.rel(r)
	need := pr.need[vars[i]]
	base := pr.roomOf(r, i)
	var enough []int
	most, mostWidth := -1, -1.0
	for k, v := range vars {
		if pr.pt.status[v] != Published {
			continue
		}
		w := base.add(coefs[i], coefs[k], pr.p.value[v]).width(pr.p.value[vars[i]])
		if w >= need {
			enough = append(enough, k)
		} else if w > mostWidth {
			most, mostWidth = k, w
		}
	}
	if len(enough) == 0 {
		return most
	}
	less := func(a, b int) bool { return pr.cheaper(vars[a], vars[b]) }
	for a := 1; a < len(enough); a++ { // few members pass; insertion sort
		for b := a; b > 0 && less(enough[b], enough[b-1]); b-- {
			enough[b], enough[b-1] = enough[b-1], enough[b]
		}
	}
	best, bestCost := -1, math.Inf(1)
	for _, k := range enough[:min(len(enough), lookahead)] {
		ratio := math.Abs(float64(coefs[i])) / math.Abs(float64(coefs[k]))
		cost := pr.p.value[vars[k]] + pr.cascade(vars[k], r, need*ratio)
		if cost < bestCost {
			best, bestCost = k, cost
		}
	}
	return best
}

// cascade prices hiding class v with the given need: for each relation of
// v but skip where v would lack room, the count of the cheapest published
// member that would give it room, or of the largest when none would.
func (pr *protector) cascade(v, skip int32, need float64) float64 {
	need = max(need, pr.need[v])
	cost := 0.0
	pr.pt.status[v] = Secondary // as if hidden, undone below
	for _, r := range pr.p.rels(v) {
		if r == skip {
			continue
		}
		vars, coefs := pr.p.rel(r)
		i := indexOf(vars, v)
		base := pr.roomOf(r, i)
		if base.width(pr.p.value[v]) >= need {
			continue
		}
		fix, largest := math.Inf(1), 0.0
		for k, u := range vars {
			if pr.pt.status[u] != Published {
				continue
			}
			largest = max(largest, pr.p.value[u])
			if pr.p.value[u] < fix && base.add(coefs[i], coefs[k], pr.p.value[u]).width(pr.p.value[v]) >= need {
				fix = pr.p.value[u]
			}
		}
		if math.IsInf(fix, 1) {
			fix = largest
		}
		cost += fix
	}
	pr.pt.status[v] = Published
	return cost
}

// cheaper orders classes for hiding: smaller count, then fewer cells, then
// lower class (cell order).
func (pr *protector) cheaper(x, y int32) bool {
	if pr.p.value[x] != pr.p.value[y] {
		return pr.p.value[x] < pr.p.value[y]
	}
	if pr.p.size[x] != pr.p.size[y] {
		return pr.p.size[x] < pr.p.size[y]
	}
	return x < y
}

// hide hides member j of r for member i, gives it the need of giving i
// its room, and queues its relations.
func (pr *protector) hide(r int32, i, j int) {
	vars, coefs := pr.p.rel(r)
	v := vars[j]
	if pr.pt.hideClass(v) {
		pr.recent = append(pr.recent, v)
	}
	ratio := math.Abs(float64(coefs[i])) / math.Abs(float64(coefs[j]))
	pr.raiseNeed(v, pr.need[vars[i]]*ratio)
}

// raiseNeed raises class v's need (capped, so that needs cannot grow
// without end around cycles of unequal coefficients) and queues its
// relations when it rose.
func (pr *protector) raiseNeed(v int32, need float64) {
	need = min(need, pr.maxNeed)
	if need > pr.need[v] {
		pr.need[v] = need
		pr.enqueue(v)
	}
}

// repair hides one more cell for a primary class v that the attacker
// narrows below P: in v's relation with the least room under the
// attacker's bounds (where v is held tightest), the member the capacity
// rule would pick (cheapest counting the cascade it causes). It returns
// false when no relation of v has a published member.
func (pr *protector) repair(v int32, a *attack) bool {
	rels := pr.p.rels(v)
	order := make([]int, len(rels))
	room := make([]float64, len(rels))
	for i, r := range rels {
		order[i] = i
		room[i] = pr.attackRoom(r, v, a)
	}
	// Insertion sort: a class is in a handful of relations.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && room[order[j]] < room[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for _, oi := range order {
		r := rels[oi]
		vars, _ := pr.p.rel(r)
		i := indexOf(vars, v)
		if j := pr.cheapest(r, i); j >= 0 {
			pr.hide(r, i, j)
			pr.repairHidden++
			return true
		}
	}
	return false
}

// attackRoom is how far relation r alone lets class v move given the
// attacker's bounds on its other hidden members.
func (pr *protector) attackRoom(r, v int32, a *attack) float64 {
	vars, coefs := pr.p.rel(r)
	i := indexOf(vars, v)
	ci := math.Abs(float64(coefs[i]))
	var up, down float64
	for k, u := range vars {
		if k == i || !pr.pt.hidden(u) {
			continue
		}
		s := math.Abs(float64(coefs[k])) / ci
		fall, rise := (pr.p.value[u]-a.lo[u])*s, (a.hi[u]-pr.p.value[u])*s
		if (coefs[k] > 0) == (coefs[i] > 0) {
			up, down = up+fall, down+rise
		} else {
			up, down = up+rise, down+fall
		}
	}
	return up + min(down, pr.p.value[v])
}

// indexOf returns the position of class v in a relation's sorted classes.
func indexOf(vars []int32, v int32) int {
	lo, hi := 0, len(vars)
	for lo < hi {
		m := (lo + hi) / 2
		if vars[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
